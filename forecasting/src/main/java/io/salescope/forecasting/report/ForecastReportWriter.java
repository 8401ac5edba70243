package io.salescope.forecasting.report;

import io.salescope.core.json.Json;
import io.salescope.core.store.Storage;
import io.salescope.core.store.WarehouseLayout;
import io.salescope.forecasting.ForecastReport;
import io.salescope.forecasting.backtest.Backtest;
import io.salescope.forecasting.backtest.BacktestResult;
import io.salescope.forecasting.bookings.BookingsForecast;
import io.salescope.forecasting.bookings.BookingsForecaster;
import io.salescope.forecasting.model.Metrics;
import io.salescope.forecasting.model.WinModel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Writes {@code <data>/forecast/backtest.json}, {@code report.md} and its PNG charts
 * (calibration curve; forecast vs actual with the 80% interval, per quarter and per month).
 */
public final class ForecastReportWriter {

    public static final String BACKTEST_JSON = WarehouseLayout.FORECAST + "/backtest.json";
    public static final String REPORT_MD = WarehouseLayout.FORECAST + "/report.md";

    private final Storage storage;
    private final String currency;

    public ForecastReportWriter(Storage storage, String currency) {
        this.storage = requireNonNull(storage, "storage is null");
        this.currency = requireNonNull(currency, "currency is null");
    }

    public Map<String, String> write(ForecastReport report, WinModel model, BookingsForecaster forecaster) {
        Map<String, String> files = new LinkedHashMap<>();
        try {
            storage.writeAtomically(BACKTEST_JSON, Json.write(backtestJson(report, model, forecaster)));
            files.put("backtest", storage.location(BACKTEST_JSON));
            BacktestResult b = report.backtest();
            if (b != null) {
                write(WarehouseLayout.FORECAST + "/calibration.png", Charts.calibration(b.calibration()));
                write(WarehouseLayout.FORECAST + "/bookings_quarter.png", Charts.bookings("Quarterly bookings backtest", b.quarters(), currency));
                write(WarehouseLayout.FORECAST + "/bookings_month.png", Charts.bookings("Monthly bookings backtest", b.months(), currency));
            }
            storage.writeAtomically(REPORT_MD, markdown(report, model).getBytes(StandardCharsets.UTF_8));
            files.put("report", storage.location(REPORT_MD));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the forecast report under " + storage.location(WarehouseLayout.FORECAST), e);
        }
        return files;
    }

    private void write(String path, byte[] png) throws IOException {
        storage.writeAtomically(path, png);
    }

    /** The backtest.json document. */
    public static Map<String, Object> backtestJson(ForecastReport report, WinModel model, BookingsForecaster forecaster) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("as_of", report.asOf().toString());
        doc.put("model_version", report.modelVersion());
        doc.put("method", report.method());
        doc.put("algorithm", report.algorithm());
        doc.put("calibration_method", report.calibration());
        doc.put("fallback_reason", report.fallbackReason());
        doc.put("closed_deals", Map.of("won", report.wonDeals(), "lost", report.lostDeals()));
        BacktestResult b = report.backtest();
        if (b != null) {
            Map<String, Object> win = new LinkedHashMap<>();
            win.put("model", aucBrier(b.winProbability().get("model")));
            Map<String, Object> baselines = new LinkedHashMap<>();
            for (String name : Backtest.WIN_BASELINES) {
                baselines.put(name, aucBrier(b.winProbability().get(name)));
            }
            win.put("baselines", baselines);
            win.put("deals_evaluated", b.winProbability().get("model").get("n").longValue());
            win.put("candidates", b.candidates());
            win.put("chosen", b.chosen().id());
            win.put("calibration_table", b.calibration());
            win.put("ece", Metrics.ece(b.calibration()));
            doc.put("win_probability", win);
            Map<String, Object> bookings = new LinkedHashMap<>();
            for (String g : List.of("quarter", "month")) {
                Map<String, Object> part = new LinkedHashMap<>();
                part.put("model", b.bookings().get(g).get("model"));
                Map<String, Object> bb = new LinkedHashMap<>();
                for (String name : Backtest.BOOKINGS_BASELINES) {
                    bb.put(name, b.bookings().get(g).get(name));
                }
                part.put("baselines", bb);
                part.put("interval_coverage_80", b.intervalCoverage().get(g));
                part.put("origins", g.equals("quarter") ? b.quarters() : b.months());
                bookings.put(g, part);
            }
            doc.put("bookings", bookings);
            doc.put("notes", b.notes());
        } else {
            doc.put("win_probability", null);
            doc.put("bookings", null);
        }
        if (model != null) {
            doc.put("model", model.describe());
        }
        if (forecaster != null) {
            doc.put("bookings_model", forecaster.describe());
        }
        doc.put("timings_s", report.timings());
        return doc;
    }

    private static Map<String, Double> aucBrier(Map<String, Double> m) {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("auc", m.get("auc"));
        out.put("brier", m.get("brier"));
        return out;
    }

    String markdown(ForecastReport r, WinModel model) {
        StringBuilder md = new StringBuilder();
        md.append("# Forecast report, as of ").append(r.asOf()).append("\n\n");
        md.append("- model version: `").append(r.modelVersion()).append("`\n");
        if (r.fallbackReason() != null) {
            md.append("- **method: stage_fallback** — ").append(r.fallbackReason()).append("\n");
        } else {
            md.append("- method: model — ").append(r.algorithm()).append(", ").append(r.calibration())
                    .append(" calibration, trained on ").append(String.format(Locale.ROOT, "%,d", r.trainingRows()))
                    .append(" point-in-time snapshots\n");
        }
        md.append(String.format(Locale.ROOT, "- closed deals known: %,d won, %,d lost; open deals scored: %,d%n",
                r.wonDeals(), r.lostDeals(), r.openDealsScored()));
        md.append("- published as warehouse version ").append(r.publishedVersion()).append("\n\n");

        BacktestResult b = r.backtest();
        if (b != null) {
            md.append("## Backtest (rolling origin; each origin sees only what was known then)\n\n");
            md.append("### Win probability, pooled over ").append(b.quarters().size()).append(" quarterly origins\n\n");
            md.append("| scorer | AUC | Brier | log loss | deals |\n|---|---:|---:|---:|---:|\n");
            row(md, "model (" + b.chosen().id() + ")", b.winProbability().get("model"));
            for (String name : Backtest.WIN_BASELINES) {
                row(md, "baseline: " + name, b.winProbability().get(name));
            }
            b.candidates().forEach((name, m) -> row(md, "candidate: " + name, m));
            md.append("\n![calibration](calibration.png)\n\n");
            md.append("Calibration table (model):\n\n| predicted | deals | mean predicted | observed |\n|---|---:|---:|---:|\n");
            for (Metrics.CalibrationBin bin : b.calibration()) {
                md.append(String.format(Locale.ROOT, "| %.1f–%.1f | %d | %.3f | %.3f |%n", bin.from(), bin.to(),
                        bin.count(), bin.meanPredicted(), bin.observedRate()));
            }
            md.append(String.format(Locale.ROOT, "%nExpected calibration error: %.3f%n%n", Metrics.ece(b.calibration())));
            for (String g : List.of("quarter", "month")) {
                List<BacktestResult.OriginResult> origins = g.equals("quarter") ? b.quarters() : b.months();
                md.append("### Bookings per ").append(g).append(", company, ").append(origins.size()).append(" origins\n\n");
                md.append("| forecaster | WAPE | MAPE | MASE | bias |\n|---|---:|---:|---:|---:|\n");
                errors(md, "model", b.bookings().get(g).get("model"));
                for (String name : Backtest.BOOKINGS_BASELINES) {
                    errors(md, "baseline: " + name, b.bookings().get(g).get(name));
                }
                md.append(String.format(Locale.ROOT, "%n80%% interval coverage: %.0f%%%n%n", 100 * b.intervalCoverage().get(g)));
                md.append("![").append(g).append("](bookings_").append(g).append(".png)\n\n");
                md.append("| period | actual | forecast | low | high | naive | seasonal naive | stage-weighted | rep win rate | model |\n");
                md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
                for (BacktestResult.OriginResult o : origins) {
                    md.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f | %s |%n",
                            o.periodLabel(), o.actual(), o.forecast(), o.low(), o.high(), o.baselines().get("naive"),
                            o.baselines().get("seasonal_naive"), o.baselines().get("stage_weighted"),
                            o.baselines().get("rep_win_rate"), o.method()));
                }
                md.append("\n");
            }
            if (!b.notes().isEmpty()) {
                md.append("Notes:\n\n");
                b.notes().forEach(n -> md.append("- ").append(n).append("\n"));
                md.append("\n");
            }
        } else {
            md.append("The backtest was not run.\n\n");
        }
        md.append("## Forecast (company)\n\n| period | closed so far | expected open | expected new | forecast | low (P10) | high (P90) |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (BookingsForecast f : r.forecasts()) {
            if (f.scope().type().equals("company")) {
                md.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f |%n",
                        f.period().label(), f.closedSoFar(), f.expectedOpen(), f.expectedNew(), f.forecast(), f.low(), f.high()));
            }
        }
        md.append("\nAmounts in ").append(currency).append(".\n");
        return md.toString();
    }

    private static void row(StringBuilder md, String name, Map<String, Double> m) {
        md.append(String.format(Locale.ROOT, "| %s | %.3f | %.4f | %.4f | %,.0f |%n", name, m.get("auc"), m.get("brier"),
                m.get("log_loss"), m.get("n")));
    }

    private static void errors(StringBuilder md, String name, Map<String, Double> m) {
        md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %+.3f |%n", name, m.get("wape"), m.get("mape"),
                m.get("mase"), m.get("bias")));
    }

    /** PNG bytes of a chart. */
    static byte[] png(org.jfree.chart.JFreeChart chart, int w, int h) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            org.jfree.chart.ChartUtils.writeChartAsPNG(out, chart, w, h);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> labels(List<BacktestResult.OriginResult> origins) {
        List<String> out = new ArrayList<>();
        origins.forEach(o -> out.add(o.periodLabel()));
        return out;
    }
}
