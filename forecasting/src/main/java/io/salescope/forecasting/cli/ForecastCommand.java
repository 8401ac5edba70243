package io.salescope.forecasting.cli;

import io.salescope.core.SalescopeException;
import io.salescope.core.cli.ConfigProvider;
import io.salescope.core.store.VersionStore;
import io.salescope.core.store.WarehouseLayout;
import io.salescope.ingest.store.HadoopStorage;
import org.apache.hadoop.conf.Configuration;
import io.salescope.core.config.SalescopeConfig;
import io.salescope.core.progress.Progress;
import io.salescope.forecasting.ForecastJob;
import io.salescope.forecasting.ForecastOptions;
import io.salescope.forecasting.ForecastReport;
import io.salescope.forecasting.backtest.Backtest;
import io.salescope.forecasting.backtest.BacktestResult;
import io.salescope.forecasting.bookings.BookingsForecast;
import io.salescope.ingest.spark.Sparks;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code salescope forecast}: train, score, forecast, backtest, publish, and print the backtest table. */
@Command(name = "forecast", mixinStandardHelpOptions = true,
        description = "Score open deals' win probability, forecast bookings per month and quarter, backtest against"
                + " baselines, and publish the results as a new warehouse version.")
public final class ForecastCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: env SALESCOPE_SPARK_MASTER or local[*]).")
    String master;

    @Option(names = "--min-closed", paramLabel = "N",
            description = "Fewest won and fewest lost deals needed to train a model; below, stage probabilities are used (default 50).")
    Integer minClosed;

    @Option(names = "--seed", paramLabel = "S", description = "Seed for sampling, training and simulation (default 42).")
    Long seed;

    @Option(names = "--model", paramLabel = "gbt|logistic|auto",
            description = "Classifier; auto picks the one with the lower backtest Brier score (default auto).")
    String model;

    @Option(names = "--no-backtest", description = "Skip the backtest (auto then means logistic).")
    boolean noBacktest;

    @Override
    public Integer call() {
        SalescopeConfig config = ConfigProvider.of(spec);
        ForecastOptions options = options();
        // Checked before Spark starts, so the common first-use mistake answers at once.
        VersionStore store = new VersionStore(new HadoopStorage(config.dataDir(), new Configuration()));
        if (store.currentVersion().isEmpty()) {
            throw new SalescopeException("no warehouse version in " + store.storage().location(WarehouseLayout.WAREHOUSE)
                    + " to forecast from: run salescope ingest first (salescope ingest DIR), or salescope run DIR");
        }
        SparkSession spark = Sparks.session("salescope forecast", master);
        try {
            ForecastReport report = ForecastJob.run(spark, config, options, Progress.console());
            print(report, spec.commandLine().getOut(), config.reportingCurrency());
        } finally {
            spark.stop();
        }
        return 0;
    }

    ForecastOptions options() {
        ForecastOptions o = ForecastOptions.defaults();
        if (minClosed != null) {
            o = o.withMinClosed(minClosed);
        }
        if (seed != null) {
            o = o.withSeed(seed);
        }
        if (model != null) {
            o = o.withModel(ForecastOptions.ModelChoice.parse(model));
        }
        if (noBacktest) {
            o = o.withBacktest(false);
        }
        return o;
    }

    /** The run summary and backtest table as the CLI prints them. */
    public static void print(ForecastReport r, PrintWriter out, String currency) {
        out.printf(Locale.ROOT, "forecast as of %s, model %s, published as version %d%n", r.asOf(), r.modelVersion(),
                r.publishedVersion());
        if (r.fallbackReason() != null) {
            out.println("method: stage_fallback — " + r.fallbackReason());
        } else {
            out.printf(Locale.ROOT, "method: %s model, %s calibration; %,d won / %,d lost deals; %,d training snapshots; %,d open deals scored%n",
                    r.algorithm(), r.calibration(), r.wonDeals(), r.lostDeals(), r.trainingRows(), r.openDealsScored());
        }
        BacktestResult b = r.backtest();
        if (b != null) {
            out.println();
            out.printf(Locale.ROOT, "win probability (backtest, %d quarterly origins)   AUC     Brier%n", b.quarters().size());
            out.printf(Locale.ROOT, "  %-45s %.3f   %.4f%n", "model (" + b.chosen().id() + ")",
                    b.winProbability().get("model").get("auc"), b.winProbability().get("model").get("brier"));
            for (String name : Backtest.WIN_BASELINES) {
                out.printf(Locale.ROOT, "  %-45s %.3f   %.4f%n", name, b.winProbability().get(name).get("auc"),
                        b.winProbability().get(name).get("brier"));
            }
            for (String g : new String[] {"quarter", "month"}) {
                out.println();
                out.printf(Locale.ROOT, "bookings per %-7s (company)         WAPE    MAPE    MASE    bias%n", g);
                Map<String, Map<String, Double>> e = b.bookings().get(g);
                line(out, "model", e.get("model"));
                for (String name : Backtest.BOOKINGS_BASELINES) {
                    line(out, name, e.get(name));
                }
                out.printf(Locale.ROOT, "  80%% interval coverage: %.0f%%%n", 100 * b.intervalCoverage().get(g));
            }
        }
        out.println();
        out.printf(Locale.ROOT, "%-10s %16s %16s %16s%n", "period", "forecast", "low (P10)", "high (P90)");
        for (BookingsForecast f : r.forecasts()) {
            if (f.scope().type().equals("company")) {
                out.printf(Locale.ROOT, "%-10s %,16.0f %,16.0f %,16.0f%n", f.period().label(), f.forecast(), f.low(), f.high());
            }
        }
        out.println("amounts in " + currency + "; files: " + r.files().values());
        out.flush();
    }

    private static void line(PrintWriter out, String name, Map<String, Double> m) {
        out.printf(Locale.ROOT, "  %-33s %6.3f  %6.3f  %6.3f  %+6.3f%n", name, m.get("wape"), m.get("mape"), m.get("mase"), m.get("bias"));
    }
}
