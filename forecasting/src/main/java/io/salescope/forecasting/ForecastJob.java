package io.salescope.forecasting;

import io.salescope.core.SalescopeException;
import io.salescope.core.config.SalescopeConfig;
import io.salescope.core.json.Json;
import io.salescope.core.progress.Progress;
import io.salescope.core.store.Storage;
import io.salescope.core.store.VersionManifest;
import io.salescope.core.store.VersionStore;
import io.salescope.core.store.WarehouseLayout;
import io.salescope.core.time.FiscalCalendar;
import io.salescope.core.time.Granularity;
import io.salescope.core.time.Period;
import io.salescope.forecasting.backtest.Backtest;
import io.salescope.forecasting.backtest.BacktestResult;
import io.salescope.forecasting.bookings.BookingsForecast;
import io.salescope.forecasting.bookings.BookingsForecaster;
import io.salescope.forecasting.bookings.OpenDeal;
import io.salescope.forecasting.bookings.ScopeTree;
import io.salescope.forecasting.bookings.SlipModel;
import io.salescope.forecasting.bookings.WonDeal;
import io.salescope.forecasting.data.ForecastInputs;
import io.salescope.forecasting.features.SnapshotFeatures;
import io.salescope.forecasting.model.Algorithm;
import io.salescope.forecasting.model.DealFactors;
import io.salescope.forecasting.model.Explainer;
import io.salescope.forecasting.model.TrainingSets;
import io.salescope.forecasting.model.WinModel;
import io.salescope.forecasting.model.WinModelTrainer;
import io.salescope.forecasting.publish.ForecastPublisher;
import io.salescope.forecasting.report.ForecastReportWriter;
import io.salescope.ingest.store.HadoopStorage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;

/**
 * {@code salescope forecast}: win probabilities for every open opportunity, the bookings
 * forecast per month and quarter for the company, every team and every rep, and the
 * rolling-origin backtest; published as one new warehouse version.
 *
 * <p>Steps: read the current version; build point-in-time snapshots ({@link SnapshotFeatures});
 * backtest (and, under {@code auto}, choose the algorithm); train on every snapshot up to the
 * as-of date; score and explain the open deals; forecast bookings; publish; write the model,
 * {@code backtest.json} and the report under {@code <data>/forecast/}.
 */
public final class ForecastJob {

    private ForecastJob() {
    }

    public static ForecastReport run(SparkSession spark, SalescopeConfig config, ForecastOptions options, Progress progress) {
        Map<String, Double> timings = new LinkedHashMap<>();
        long started = System.nanoTime();
        HadoopStorage storage = new HadoopStorage(config.dataDir(), spark.sparkContext().hadoopConfiguration());
        VersionStore store = new VersionStore(storage);
        VersionManifest manifest = store.current().orElseThrow(() -> new SalescopeException(
                "no warehouse version in " + storage.location("") + ": run 'salescope ingest DIR' (or 'salescope run DIR') first"));
        LocalDate asOf = config.referenceDate();
        FiscalCalendar calendar = new FiscalCalendar(config.fiscalYearStartMonth());
        ForecastInputs in = ForecastInputs.read(spark, storage, manifest);
        SnapshotFeatures features = new SnapshotFeatures(config.defaultZone(), config.fiscalYearStartMonth());
        Backtest backtest = new Backtest(calendar, options, progress);

        Dataset<Row> timeline;
        Dataset<Row> deals;
        Dataset<Row> snapshots;
        long t0 = System.nanoTime();
        try (Progress.Step step = progress.step("point-in-time snapshots", -1)) {
            // Checkpoints cut the lineage: every later query (hundreds of them while fitting) would
            // otherwise carry, and print into its execution events, the whole snapshot plan.
            timeline = features.timeline(in).localCheckpoint();
            deals = features.deals(in, timeline).localCheckpoint();
            Row first = deals.agg(min(col("created_date"))).first();
            LocalDate earliest = first.isNullAt(0) ? asOf : ((Date) first.get(0)).toLocalDate();
            List<LocalDate> dates = snapshotDates(earliest, asOf, options.lookbackMonths());
            if (options.backtest()) {
                dates.addAll(backtest.originDates(asOf));
            }
            dates.add(asOf);
            snapshots = features.snapshots(in, timeline, deals, SnapshotFeatures.dates(spark, dates)).localCheckpoint();
            step.done(snapshots.count());
        }
        timings.put("snapshots_s", seconds(t0));

        long[] closed = TrainingSets.closedCounts(deals, asOf);
        Dataset<Row> train = TrainingSets.labelled(snapshots, asOf, options.horizonDays(), options.maxTrainingRows(),
                options.seed());
        long[] usable = TrainingSets.trainingDeals(train);
        boolean fallback = usable[0] < options.minWon() || usable[1] < options.minLost();
        String fallbackReason = !fallback ? null
                : closed[0] < options.minWon() || closed[1] < options.minLost()
                ? "too few closed deals to train a model: " + closed[0] + " won and " + closed[1] + " lost before "
                        + asOf + " (needs " + options.minWon() + " won and " + options.minLost() + " lost);"
                        + " win probabilities are the stage model's default probabilities"
                : "too few closed deals with a snapshot at least " + options.horizonDays() + " days old to train a model: "
                        + usable[0] + " won and " + usable[1] + " lost (needs " + options.minWon() + " and "
                        + options.minLost() + "); win probabilities are the stage model's default probabilities";
        List<WonDeal> won = TrainingSets.wonDeals(deals);

        BacktestResult backtested = null;
        Algorithm algorithm = options.model().algorithm();
        t0 = System.nanoTime();
        if (options.backtest()) {
            List<Algorithm> candidates = fallback || options.model() != ForecastOptions.ModelChoice.AUTO
                    ? List.of(algorithm) : List.of(Algorithm.LOGISTIC, Algorithm.GBT);
            backtested = backtest.run(snapshots, deals, won, asOf, candidates);
            if (options.model() == ForecastOptions.ModelChoice.AUTO) {
                algorithm = backtested.chosen();
            }
        }
        timings.put("backtest_s", seconds(t0));

        WinModel model = null;
        long trainingRows = 0;
        t0 = System.nanoTime();
        Dataset<Row> current = snapshots.where(col("snapshot_date").equalTo(lit(asOf.toString()).cast("date")));
        List<TrainingSets.Scored> scored;
        Map<String, Map<String, Double>> contributions = Map.of();
        if (!fallback) {
            try (Progress.Step step = progress.step("train " + algorithm.id() + " model", -1)) {
                model = new WinModelTrainer(algorithm, options.seed(), options.gbtIterations(), 5, 0.25)
                        .train(train, SnapshotFeatures.SPEC, "snapshot_date");
                trainingRows = model.trainingRows();
                step.done(trainingRows);
            }
            try (Progress.Step step = progress.step("score and explain open deals", -1)) {
                scored = TrainingSets.collect(model.score(current));
                contributions = new Explainer(model, DealFactors.GROUPS).contributions(current);
                step.done(scored.size());
            }
        } else {
            scored = TrainingSets.collect(current.withColumn("win_probability", col("stage_probability")));
        }
        timings.put("train_score_s", seconds(t0));

        String modelVersion = modelVersion(asOf, fallback ? "stage" : algorithm.id(), options, trainingRows, closed);
        String runId = WarehouseLayout.newRunId(Instant.now());

        t0 = System.nanoTime();
        List<BookingsForecast> forecasts;
        BookingsForecaster forecaster;
        try (Progress.Step step = progress.step("bookings forecast", -1)) {
            SlipModel slip = SlipModel.fit(TrainingSets.slips(snapshots, asOf, options.horizonDays()), calendar.startMonth());
            double shock = BookingsForecaster.shockSd(TrainingSets.quarterlyWinRates(deals, asOf));
            forecaster = new BookingsForecaster(calendar, slip, shock, options.draws(), options.seed());
            List<OpenDeal> open = scored.stream().map(TrainingSets.Scored::openDeal).toList();
            List<Period> periods = List.of(
                    calendar.unitContaining(Granularity.MONTH, asOf), calendar.unitShifted(Granularity.MONTH, asOf, 1),
                    calendar.unitContaining(Granularity.QUARTER, asOf), calendar.unitShifted(Granularity.QUARTER, asOf, 1));
            forecasts = forecaster.forecast(asOf, periods, open, won, scopeTree(in));
            step.done(forecasts.size());
        }
        timings.put("bookings_s", seconds(t0));

        t0 = System.nanoTime();
        Map<String, String> files = new LinkedHashMap<>();
        if (model != null) {
            String modelDir = WarehouseLayout.FORECAST + "/models/" + modelVersion;
            try {
                model.save(storage.location(modelDir + "/pipeline"));
                storage.writeAtomically(modelDir + "/model.json", Json.write(model.describe()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot save the model under " + storage.location(modelDir), e);
            }
            files.put("model", storage.location(modelDir));
        }
        List<Row> scoreRows = scoreRows(scored, contributions, asOf, modelVersion, fallback, usable, options,
                config.reportingCurrency());
        List<Row> forecastRows = forecastRows(forecasts, asOf, modelVersion);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("forecast_as_of", asOf.toString());
        properties.put("forecast_model_version", modelVersion);
        properties.put("forecast_method", fallback ? "stage_fallback" : "model");
        VersionManifest published = new ForecastPublisher(spark, store, config.keepVersions())
                .publish(runId, scoreRows, forecastRows, properties);
        timings.put("publish_s", seconds(t0));
        timings.put("total_s", seconds(started));

        ForecastReport report = new ForecastReport(asOf, modelVersion, fallback ? "stage_fallback" : "model",
                fallback ? null : algorithm.id(), model == null ? null : model.calibration(), fallbackReason,
                closed[0], closed[1], trainingRows, scored.size(), forecasts, published.version(), backtested, files, timings);
        Map<String, String> written = new ForecastReportWriter(storage, config.reportingCurrency())
                .write(report, model, forecaster);
        Map<String, String> allFiles = new LinkedHashMap<>(files);
        allFiles.putAll(written);
        snapshots.unpersist();
        deals.unpersist();
        timeline.unpersist();
        return new ForecastReport(report.asOf(), report.modelVersion(), report.method(), report.algorithm(),
                report.calibration(), report.fallbackReason(), report.wonDeals(), report.lostDeals(),
                report.trainingRows(), report.openDealsScored(), report.forecasts(), report.publishedVersion(),
                report.backtest(), allFiles, timings);
    }

    /** The 15th and the last day of every month from the lookback start to the day before asOf. */
    static List<LocalDate> snapshotDates(LocalDate earliest, LocalDate asOf, int lookbackMonths) {
        LocalDate start = earliest.isAfter(asOf.minusMonths(lookbackMonths)) ? earliest : asOf.minusMonths(lookbackMonths);
        List<LocalDate> out = new ArrayList<>();
        LocalDate month = start.withDayOfMonth(1);
        while (month.isBefore(asOf)) {
            for (LocalDate d : List.of(month.withDayOfMonth(15), month.withDayOfMonth(month.lengthOfMonth()))) {
                if (!d.isBefore(start) && d.isBefore(asOf)) {
                    out.add(d);
                }
            }
            month = month.plusMonths(1);
        }
        return out;
    }

    static String modelVersion(LocalDate asOf, String method, ForecastOptions options, long trainingRows, long[] closed) {
        String key = method + "|" + options.seed() + "|" + trainingRows + "|" + closed[0] + "|" + closed[1] + "|"
                + options.gbtIterations() + "|" + options.maxTrainingRows() + "|" + options.lookbackMonths();
        return asOf.format(DateTimeFormatter.BASIC_ISO_DATE) + "-" + method + "-"
                + String.format("%08x", key.hashCode());
    }

    static ScopeTree scopeTree(ForecastInputs in) {
        Map<String, String> parent = new TreeMap<>();
        for (Row r : in.teams().select("team_id", "parent_team_id").collectAsList()) {
            parent.put(r.getString(0), r.getString(1));
        }
        Map<String, String> teamOf = new TreeMap<>();
        Set<String> reps = new TreeSet<>();
        for (Row r : in.users().select("user_id", "team_id", "role").collectAsList()) {
            if (r.getString(1) != null) {
                teamOf.put(r.getString(0), r.getString(1));
            }
            if (r.isNullAt(2) || "rep".equals(r.getString(2))) {
                reps.add(r.getString(0));
            }
        }
        return new ScopeTree(parent, teamOf, reps);
    }

    static List<Row> scoreRows(List<TrainingSets.Scored> scored, Map<String, Map<String, Double>> contributions,
                               LocalDate asOf, String modelVersion, boolean fallback, long[] closed,
                               ForecastOptions options, String currency) {
        List<Row> rows = new ArrayList<>();
        for (TrainingSets.Scored s : scored) {
            DealFactors.Explanation e = fallback
                    ? DealFactors.fallback(s.stage(), s.stageProbability(), closed[0], closed[1], options.minWon(), options.minLost())
                    : DealFactors.explain(contributions.getOrDefault(s.opportunityId(), Map.of()), s.values(), currency);
            rows.add(RowFactory.create(s.opportunityId(), Date.valueOf(asOf), modelVersion,
                    fallback ? "stage_fallback" : "model", s.probability(), s.stageProbability(), s.ownerId(),
                    s.stage(), s.amount(), s.expectedClose() == null ? null : Date.valueOf(s.expectedClose()),
                    compact(e.positiveEn()),
                    compact(e.negativeEn()),
                    compact(e.positiveZh()),
                    compact(e.negativeZh())));
        }
        return rows;
    }

    static List<Row> forecastRows(List<BookingsForecast> forecasts, LocalDate asOf, String modelVersion) {
        List<Row> rows = new ArrayList<>();
        for (BookingsForecast f : forecasts) {
            rows.add(RowFactory.create(Date.valueOf(asOf), modelVersion,
                    f.period().granularity().name().toLowerCase(java.util.Locale.ROOT), f.period().label(),
                    Date.valueOf(f.period().from()), Date.valueOf(f.period().to()), f.scope().type(), f.scope().id(),
                    f.closedSoFar(), f.expectedOpen(), f.expectedNew(), f.forecast(), f.low(), f.high()));
        }
        return rows;
    }

    static String compact(List<String> values) {
        try {
            return Json.mapper().writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(values);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double seconds(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e7) / 100.0;
    }
}
