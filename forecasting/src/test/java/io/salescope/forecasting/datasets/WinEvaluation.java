package io.salescope.forecasting.datasets;

import io.salescope.forecasting.features.FeatureSpec;
import io.salescope.forecasting.model.Algorithm;
import io.salescope.forecasting.model.Metrics;
import io.salescope.forecasting.model.WinModel;
import io.salescope.forecasting.model.WinModelTrainer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;

/**
 * Pooled out-of-sample predictions of the model (each candidate algorithm) and of named
 * baseline columns, and their AUC, Brier score and calibration table.
 */
final class WinEvaluation {

    final Map<String, List<double[]>> predictions = new LinkedHashMap<>();
    final List<String> calibrationMethods = new ArrayList<>();

    /** Trains each algorithm on {@code train}, scores {@code test}, and records the baselines' columns. */
    void fold(Dataset<Row> train, Dataset<Row> test, FeatureSpec spec, long seed, List<String> baselines,
              String orderColumn) {
        for (Algorithm a : List.of(Algorithm.LOGISTIC, Algorithm.GBT)) {
            WinModel m = new WinModelTrainer(a, seed, 60, 4, 0.25).train(train, spec, orderColumn);
            calibrationMethods.add(a.id() + ":" + m.calibration());
            for (Row r : m.score(test).select(col("win_probability"), col("label")).collectAsList()) {
                predictions.computeIfAbsent(a.id(), k -> new ArrayList<>()).add(new double[] {r.getDouble(0), r.getDouble(1)});
            }
        }
        for (String b : baselines) {
            for (Row r : test.select(col(b), col("label")).collectAsList()) {
                predictions.computeIfAbsent(b, k -> new ArrayList<>()).add(new double[] {r.getDouble(0), r.getDouble(1)});
            }
        }
    }

    static double[][] arrays(List<double[]> py) {
        double[] p = new double[py.size()];
        double[] y = new double[py.size()];
        for (int i = 0; i < py.size(); i++) {
            p[i] = py.get(i)[0];
            y[i] = py.get(i)[1];
        }
        return new double[][] {p, y};
    }

    /** name → {auc, brier, n}; the model entry is the algorithm with the lower Brier score. */
    Map<String, Object> summary() {
        Map<String, Object> out = new LinkedHashMap<>();
        String best = null;
        double bestBrier = Double.MAX_VALUE;
        Map<String, Object> all = new LinkedHashMap<>();
        for (Map.Entry<String, List<double[]>> e : predictions.entrySet()) {
            double[][] a = arrays(e.getValue());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("auc", Metrics.auc(a[0], a[1]));
            m.put("brier", Metrics.brier(a[0], a[1]));
            m.put("n", a[0].length);
            all.put(e.getKey(), m);
            if ((e.getKey().equals("logistic") || e.getKey().equals("gbt")) && Metrics.brier(a[0], a[1]) < bestBrier) {
                bestBrier = Metrics.brier(a[0], a[1]);
                best = e.getKey();
            }
        }
        out.put("chosen", best);
        out.put("model", all.get(best));
        Map<String, Object> baselines = new LinkedHashMap<>(all);
        baselines.remove("logistic");
        baselines.remove("gbt");
        out.put("baselines", baselines);
        out.put("candidates", Map.of("logistic", all.get("logistic"), "gbt", all.get("gbt")));
        double[][] a = arrays(predictions.get(best));
        List<Metrics.CalibrationBin> bins = Metrics.calibration(a[0], a[1], 10);
        out.put("calibration_table", bins);
        out.put("ece", Metrics.ece(bins));
        out.put("calibration_methods", calibrationMethods);
        return out;
    }
}
