package io.salescope.forecasting.bench;

import io.salescope.core.config.SalescopeConfig;
import io.salescope.core.progress.Progress;
import io.salescope.forecasting.ForecastJob;
import io.salescope.forecasting.ForecastOptions;
import io.salescope.forecasting.ForecastReport;
import io.salescope.forecasting.cli.ForecastCommand;
import io.salescope.forecasting.testing.SyntheticCrm;
import io.salescope.forecasting.testing.WarehouseFixtures;
import io.salescope.ingest.spark.Sparks;
import org.apache.spark.sql.SparkSession;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Publishes a synthetic warehouse of N opportunities (unless the data directory already has
 * one) and runs the forecast on it, printing the timings: a profiling aid.
 * Usage: SyntheticForecastRun DATA_DIR N [master]
 */
public final class SyntheticForecastRun {

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        SparkSession spark = Sparks.session("synthetic-forecast-run", args.length > 2 ? args[2] : "local[2]");
        LocalDate today = LocalDate.of(2026, 6, 30);
        if (!Files.exists(dir.resolve("warehouse/CURRENT"))) {
            long t = System.nanoTime();
            SyntheticCrm crm = new SyntheticCrm(11, n, LocalDate.of(2023, 7, 1), LocalDate.of(2026, 6, 25));
            WarehouseFixtures.publish(spark, dir, SyntheticCrm.frames(spark, crm.export(today)));
            System.err.printf("published synthetic warehouse in %.1f s%n", (System.nanoTime() - t) / 1e9);
        }
        SalescopeConfig config = SalescopeConfig.defaults().withDataDir(dir.toString()).withToday(today);
        ForecastOptions options = ForecastOptions.defaults();
        if (System.getenv("BENCH_GBT_ITERATIONS") != null) {
            options = options.withGbtIterations(Integer.parseInt(System.getenv("BENCH_GBT_ITERATIONS")));
        }
        if (System.getenv("BENCH_MODEL") != null) {
            options = options.withModel(ForecastOptions.ModelChoice.parse(System.getenv("BENCH_MODEL")));
        }
        ForecastReport report = ForecastJob.run(spark, config, options, Progress.plain(System.err));
        ForecastCommand.print(report, new PrintWriter(System.out, true), "USD");
        System.out.println("timings: " + report.timings());
        spark.stop();
    }
}
