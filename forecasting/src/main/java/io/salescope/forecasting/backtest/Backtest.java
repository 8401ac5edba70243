package io.salescope.forecasting.backtest;

import io.salescope.core.progress.Progress;
import io.salescope.core.time.FiscalCalendar;
import io.salescope.core.time.Granularity;
import io.salescope.core.time.Period;
import io.salescope.forecasting.ForecastOptions;
import io.salescope.forecasting.bookings.BookingsForecast;
import io.salescope.forecasting.bookings.BookingsForecaster;
import io.salescope.forecasting.bookings.OpenDeal;
import io.salescope.forecasting.bookings.ScopeTree;
import io.salescope.forecasting.bookings.SlipModel;
import io.salescope.forecasting.bookings.WonDeal;
import io.salescope.forecasting.features.SnapshotFeatures;
import io.salescope.forecasting.model.Algorithm;
import io.salescope.forecasting.model.Metrics;
import io.salescope.forecasting.model.TrainingSets;
import io.salescope.forecasting.model.WinModel;
import io.salescope.forecasting.model.WinModelTrainer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Rolling-origin backtest. Each origin is the last day before a period: the model is trained
 * on snapshots up to that day of deals closed by then, the open deals of that day are scored,
 * and the slip, new-business and interval models see only deals closed by then. Quarterly
 * origins (the last N whole quarters before the as-of date's) train a model each; a monthly
 * origin reuses the model of the latest quarterly origin on or before it (which knew less).
 * Outcomes and actual bookings come from the full data.
 */
public final class Backtest {

    /** Quarterly origins at which every candidate algorithm is fitted under auto. */
    static final int SCREEN = 3;

    public static final List<String> WIN_BASELINES = List.of("stage_probability", "rep_win_rate");
    public static final List<String> BOOKINGS_BASELINES = List.of("naive", "seasonal_naive", "stage_weighted", "rep_win_rate");

    private final FiscalCalendar calendar;
    private final ForecastOptions options;
    private final Progress progress;

    public Backtest(FiscalCalendar calendar, ForecastOptions options, Progress progress) {
        this.calendar = requireNonNull(calendar, "calendar is null");
        this.options = requireNonNull(options, "options is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    /** The quarterly origins' periods: the last {@code n} whole quarters before asOf's quarter. */
    public List<Period> quarterPeriods(LocalDate asOf) {
        List<Period> out = new ArrayList<>();
        for (int k = options.backtestQuarters(); k >= 1; k--) {
            out.add(calendar.unitShifted(Granularity.QUARTER, asOf, -k));
        }
        return out;
    }

    public List<Period> monthPeriods(LocalDate asOf) {
        List<Period> out = new ArrayList<>();
        for (int k = options.backtestMonths(); k >= 1; k--) {
            out.add(calendar.unitShifted(Granularity.MONTH, asOf, -k));
        }
        return out;
    }

    /** Every date the backtest needs a snapshot of. */
    public List<LocalDate> originDates(LocalDate asOf) {
        List<LocalDate> out = new ArrayList<>();
        quarterPeriods(asOf).forEach(p -> out.add(p.from().minusDays(1)));
        monthPeriods(asOf).forEach(p -> out.add(p.from().minusDays(1)));
        return out;
    }

    public BacktestResult run(Dataset<Row> snapshots, Dataset<Row> deals, List<WonDeal> won, LocalDate asOf,
                              List<Algorithm> candidates) {
        List<String> notes = new ArrayList<>();
        List<Period> quarters = quarterPeriods(asOf);
        List<Period> months = monthPeriods(asOf);
        // origin date -> algorithm -> scored open deals at the origin
        Map<LocalDate, Map<Algorithm, List<TrainingSets.Scored>>> scoredAt = new TreeMap<>();
        Map<LocalDate, String> methodAt = new TreeMap<>();
        Map<LocalDate, Map<Algorithm, WinModel>> models = new TreeMap<>();
        // Under several candidates, all are fitted at the latest SCREEN origins (visited first)
        // and the one with the lower Brier score there is the only one fitted at the others.
        List<Period> order = new ArrayList<>(quarters);
        java.util.Collections.reverse(order);
        List<Algorithm> active = new ArrayList<>(candidates);
        int visited = 0;
        for (Period q : order) {
            if (active.size() > 1 && visited == Math.min(SCREEN, quarters.size())) {
                active = List.of(choose(scoredAt, active));
                notes.add("candidates " + candidates.stream().map(Algorithm::id).toList() + " compared at the latest "
                        + visited + " quarterly origins; " + active.get(0).id() + " fitted at the others");
            }
            visited++;
            LocalDate origin = q.from().minusDays(1);
            try (Progress.Step step = progress.step("backtest origin " + origin, -1)) {
                Dataset<Row> train = TrainingSets.labelled(snapshots, origin, options.horizonDays(),
                        options.backtestTrainingRows(), options.seed());
                long[] closed = TrainingSets.trainingDeals(train);
                Dataset<Row> test = snapshots.where(col("snapshot_date").equalTo(lit(origin.toString()).cast("date")));
                Map<Algorithm, List<TrainingSets.Scored>> byAlg = new LinkedHashMap<>();
                Map<Algorithm, WinModel> fitted = new LinkedHashMap<>();
                if (closed[0] < options.minWon() || closed[1] < options.minLost()) {
                    methodAt.put(origin, "stage_fallback");
                    List<TrainingSets.Scored> s = TrainingSets.collect(test.withColumn("win_probability", col("stage_probability")));
                    active.forEach(a -> byAlg.put(a, s));
                    notes.add("origin " + origin + ": " + closed[0] + " won and " + closed[1]
                            + " lost deals to train on, below the minimum; stage probabilities used");
                } else {
                    methodAt.put(origin, "model");
                    for (Algorithm a : active) {
                        WinModel m = new WinModelTrainer(a, options.seed(), options.gbtIterations(), 5, 0.25)
                                .train(train, SnapshotFeatures.SPEC, "snapshot_date");
                        fitted.put(a, m);
                        byAlg.put(a, TrainingSets.collect(m.score(test)));
                    }
                }
                scoredAt.put(origin, byAlg);
                models.put(origin, fitted);
                step.done(byAlg.values().iterator().next().size());
            }
        }

        // Win probability: pooled over quarterly origins, deals whose outcome is known by now.
        Algorithm chosen = active.size() == 1 ? active.get(0) : choose(scoredAt, active);
        Map<String, Map<String, Double>> candidateFigures = new LinkedHashMap<>();
        for (Algorithm a : candidates) {
            Map<LocalDate, Map<Algorithm, List<TrainingSets.Scored>>> where = new TreeMap<>();
            scoredAt.forEach((d, m) -> {
                if (m.containsKey(a)) {
                    where.put(d, m);
                }
            });
            Map<String, Double> f = figures(pooled(where, a, null));
            f.put("origins", (double) where.size());
            candidateFigures.put(a.id(), f);
        }
        Map<String, Map<String, Double>> win = new LinkedHashMap<>();
        double[][] modelPy = pooled(scoredAt, chosen, null);
        win.put("model", figures(modelPy));
        for (String b : WIN_BASELINES) {
            win.put(b, figures(pooled(scoredAt, chosen, b)));
        }
        List<Metrics.CalibrationBin> calibration = Metrics.calibration(modelPy[0], modelPy[1], 10);

        // Bookings, company level.
        List<BacktestResult.OriginResult> quarterResults = new ArrayList<>();
        for (Period q : quarters) {
            LocalDate origin = q.from().minusDays(1);
            quarterResults.add(bookingsAt(q, origin, scoredAt.get(origin).get(chosen), snapshots, deals, won,
                    methodAt.get(origin)));
        }
        List<BacktestResult.OriginResult> monthResults = new ArrayList<>();
        for (Period m : months) {
            LocalDate origin = m.from().minusDays(1);
            LocalDate modelOrigin = null;
            for (LocalDate o : models.keySet()) {
                if (!o.isAfter(origin)) {
                    modelOrigin = o;
                }
            }
            Dataset<Row> test = snapshots.where(col("snapshot_date").equalTo(lit(origin.toString()).cast("date")));
            List<TrainingSets.Scored> scored;
            String method;
            if (modelOrigin == null || !models.get(modelOrigin).containsKey(chosen)) {
                scored = TrainingSets.collect(test.withColumn("win_probability", col("stage_probability")));
                method = "stage_fallback";
            } else {
                scored = TrainingSets.collect(models.get(modelOrigin).get(chosen).score(test));
                method = "model (trained " + modelOrigin + ")";
            }
            monthResults.add(bookingsAt(m, origin, scored, snapshots, deals, won, method));
        }
        Map<String, Map<String, Map<String, Double>>> bookings = new LinkedHashMap<>();
        Map<String, Double> coverage = new LinkedHashMap<>();
        bookings.put("quarter", errors(quarterResults, won, quarters.get(0), Granularity.QUARTER));
        bookings.put("month", errors(monthResults, won, months.get(0), Granularity.MONTH));
        coverage.put("quarter", coverage(quarterResults));
        coverage.put("month", coverage(monthResults));
        return new BacktestResult(chosen, win, candidateFigures, calibration, quarterResults, monthResults, bookings,
                coverage, notes);
    }

    /** The candidate with the lowest Brier score over the origins where every candidate was fitted. */
    private static Algorithm choose(Map<LocalDate, Map<Algorithm, List<TrainingSets.Scored>>> scoredAt, List<Algorithm> candidates) {
        Map<LocalDate, Map<Algorithm, List<TrainingSets.Scored>>> common = new TreeMap<>();
        scoredAt.forEach((d, m) -> {
            if (m.keySet().containsAll(candidates)) {
                common.put(d, m);
            }
        });
        Algorithm chosen = candidates.get(0);
        double best = Double.POSITIVE_INFINITY;
        for (Algorithm a : candidates) {
            double[][] py = pooled(common, a, null);
            double brier = py[0].length == 0 ? Double.POSITIVE_INFINITY : Metrics.brier(py[0], py[1]);
            if (brier < best - 1e-12) {
                best = brier;
                chosen = a;
            }
        }
        return chosen;
    }

    private BacktestResult.OriginResult bookingsAt(Period p, LocalDate origin, List<TrainingSets.Scored> scored,
                                                   Dataset<Row> snapshots, Dataset<Row> deals, List<WonDeal> won,
                                                   String method) {
        List<WonDeal> known = won.stream().filter(d -> !d.closedOn().isAfter(origin)).toList();
        SlipModel slip = SlipModel.fit(TrainingSets.slips(snapshots, origin, options.horizonDays()), calendar.startMonth());
        double shock = BookingsForecaster.shockSd(TrainingSets.quarterlyWinRates(deals, origin));
        BookingsForecaster forecaster = new BookingsForecaster(calendar, slip, shock, options.draws(), options.seed());
        List<OpenDeal> open = scored.stream().map(TrainingSets.Scored::openDeal).toList();
        BookingsForecast f = forecaster.forecast(origin, List.of(p), open, known, ScopeTree.companyOnly()).get(0);
        double actual = sum(won, p);
        Map<String, Double> baselines = new LinkedHashMap<>();
        baselines.put("naive", sumKnown(won, calendar.unitShifted(p.granularity(), p.from(), -1), origin));
        baselines.put("seasonal_naive", sumKnown(won, calendar.yearAgo(p), origin));
        double stageWeighted = 0;
        double repWeighted = 0;
        for (TrainingSets.Scored s : scored) {
            if (s.expectedClose() != null && p.contains(s.expectedClose()) && s.amount() != null) {
                stageWeighted += s.amount() * s.stageProbability();
                repWeighted += s.amount() * s.repWinRate();
            }
        }
        baselines.put("stage_weighted", f.closedSoFar() + stageWeighted);
        baselines.put("rep_win_rate", f.closedSoFar() + repWeighted);
        double[][] py = pooledOne(scored, null);
        double fromOpen = 0;
        for (TrainingSets.Scored s : scored) {
            Object close = s.values().get("final_close_date");
            Object amount = s.values().get("final_amount");
            if (s.won() != null && s.won() == 1.0 && close instanceof java.sql.Date d && p.contains(d.toLocalDate())
                    && amount instanceof Number a) {
                fromOpen += a.doubleValue();
            }
        }
        return new BacktestResult.OriginResult(p.label(), origin.toString(), actual, f.forecast(), f.low(), f.high(),
                baselines, scored.size(), py[0].length > 0 ? Metrics.auc(py[0], py[1]) : null,
                py[0].length > 0 ? Metrics.brier(py[0], py[1]) : null, method, f.expectedOpen(), f.expectedNew(),
                fromOpen, actual - fromOpen);
    }

    private Map<String, Map<String, Double>> errors(List<BacktestResult.OriginResult> results, List<WonDeal> won,
                                                    Period first, Granularity g) {
        double scale = naiveScale(won, first, g);
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        double[] a = results.stream().mapToDouble(BacktestResult.OriginResult::actual).toArray();
        out.put("model", Metrics.forecastErrors(results.stream().mapToDouble(BacktestResult.OriginResult::forecast).toArray(), a, scale));
        for (String b : BOOKINGS_BASELINES) {
            out.put(b, Metrics.forecastErrors(results.stream().mapToDouble(r -> r.baselines().get(b)).toArray(), a, scale));
        }
        return out;
    }

    /** Mean absolute one-step change of actual bookings over the periods before the first origin. */
    private double naiveScale(List<WonDeal> won, Period first, Granularity g) {
        LocalDate earliest = won.stream().map(WonDeal::closeDate).min(LocalDate::compareTo).orElse(first.from());
        List<Double> series = new ArrayList<>();
        Period p = calendar.unitContaining(g, earliest);
        while (p.from().isBefore(first.from())) {
            series.add(sum(won, p));
            p = calendar.unitShifted(g, p.from(), 1);
        }
        double s = 0;
        int n = 0;
        for (int i = 1; i < series.size(); i++) {
            s += Math.abs(series.get(i) - series.get(i - 1));
            n++;
        }
        return n == 0 ? Double.NaN : s / n;
    }

    private static double coverage(List<BacktestResult.OriginResult> results) {
        long in = results.stream().filter(r -> r.actual() >= r.low() && r.actual() <= r.high()).count();
        return results.isEmpty() ? Double.NaN : (double) in / results.size();
    }

    static double sum(List<WonDeal> won, Period p) {
        return won.stream().filter(d -> p.contains(d.closeDate())).mapToDouble(WonDeal::amount).sum();
    }

    static double sumKnown(List<WonDeal> won, Period p, LocalDate asOf) {
        return won.stream().filter(d -> p.contains(d.closeDate()) && !d.closedOn().isAfter(asOf))
                .mapToDouble(WonDeal::amount).sum();
    }

    private static Map<String, Double> figures(double[][] py) {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("auc", Metrics.auc(py[0], py[1]));
        out.put("brier", Metrics.brier(py[0], py[1]));
        out.put("log_loss", Metrics.logLoss(py[0], py[1]));
        out.put("n", (double) py[0].length);
        return out;
    }

    /** (predictions, outcomes) of deals with a known outcome, pooled over origins. */
    private static double[][] pooled(Map<LocalDate, Map<Algorithm, List<TrainingSets.Scored>>> scoredAt, Algorithm a,
                                     String baseline) {
        List<TrainingSets.Scored> all = new ArrayList<>();
        scoredAt.values().forEach(m -> all.addAll(m.get(a)));
        return pooledOne(all, baseline);
    }

    private static double[][] pooledOne(List<TrainingSets.Scored> scored, String baseline) {
        List<TrainingSets.Scored> known = scored.stream().filter(s -> s.won() != null).toList();
        double[] p = new double[known.size()];
        double[] y = new double[known.size()];
        for (int i = 0; i < known.size(); i++) {
            TrainingSets.Scored s = known.get(i);
            p[i] = baseline == null ? s.probability()
                    : baseline.equals("stage_probability") ? s.stageProbability() : s.repWinRate();
            y[i] = s.won();
        }
        return new double[][] {p, y};
    }
}
