package io.salescope.forecasting.cli;

import io.salescope.core.cli.ConfigProvider;
import io.salescope.core.config.SalescopeConfig;
import io.salescope.core.progress.Progress;
import io.salescope.forecasting.ForecastJob;
import io.salescope.forecasting.ForecastOptions;
import io.salescope.forecasting.ForecastReport;
import io.salescope.core.SalescopeException;
import io.salescope.ingest.IngestJob;
import io.salescope.ingest.IngestReport;
import io.salescope.ingest.IngestOptions;
import io.salescope.ingest.spark.Sparks;
import io.salescope.warehouse.marts.BuildReport;
import io.salescope.warehouse.marts.MartsJob;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code salescope run DIR}: ingest, build the marts and forecast, in one Spark session. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Ingest a CRM export, build the marts and forecast, in one Spark session; each step publishes"
                + " its own warehouse version.")
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The export folder (CRM export format v1).")
    String source;

    @Option(names = "--full", description = "Replace the warehouse's contents with the folder's instead of merging by id.")
    boolean full;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: env SALESCOPE_SPARK_MASTER or local[*]).")
    String master;

    @Option(names = "--skip-forecast", description = "Stop after the marts.")
    boolean skipForecast;

    @Override
    public Integer call() {
        SalescopeConfig config = ConfigProvider.of(spec);
        SparkSession spark = Sparks.session("salescope run", master);
        try {
            run(spark, config, source, full, skipForecast, Progress.console(), spec.commandLine().getOut());
        } finally {
            spark.stop();
        }
        return 0;
    }

    /** Ingest → build → forecast; shared with {@code salescope demo}. */
    static void run(SparkSession spark, SalescopeConfig config, String source, boolean full, boolean skipForecast,
                    Progress progress, PrintWriter out) {
        IngestReport ingest = IngestJob.run(spark, config, IngestOptions.of(source).withFull(full), progress);
        out.print(ingest.summary());
        out.flush();
        if (!ingest.published()) {
            throw new SalescopeException("ingest did not publish (" + ingest.status() + "): "
                    + (ingest.error() == null ? "see the report above" : ingest.error()) + "; build and forecast skipped");
        }
        BuildReport build = MartsJob.run(spark, config, progress);
        out.printf(Locale.ROOT, "build: published warehouse version %d (marts from version %d)%n", build.version(),
                build.baseVersion());
        out.flush();
        if (!skipForecast) {
            ForecastReport forecast = ForecastJob.run(spark, config, ForecastOptions.defaults(), progress);
            ForecastCommand.print(forecast, out, config.reportingCurrency());
        }
    }
}
