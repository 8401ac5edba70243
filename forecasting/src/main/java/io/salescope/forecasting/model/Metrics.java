package io.salescope.forecasting.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Classification and forecast accuracy figures, computed exactly on the driver. */
public final class Metrics {

    private Metrics() {
    }

    /** Area under the ROC curve (ties get half credit); NaN when one class is absent. */
    public static double auc(double[] p, double[] y) {
        int n = p.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(p[a], p[b]));
        double[] rank = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && p[idx[j + 1]] == p[idx[i]]) {
                j++;
            }
            double r = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                rank[idx[k]] = r;
            }
            i = j + 1;
        }
        double pos = 0;
        double sumRanks = 0;
        for (int k = 0; k < n; k++) {
            if (y[k] > 0.5) {
                pos++;
                sumRanks += rank[k];
            }
        }
        double neg = n - pos;
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        return (sumRanks - pos * (pos + 1) / 2) / (pos * neg);
    }

    public static double brier(double[] p, double[] y) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            s += (p[i] - y[i]) * (p[i] - y[i]);
        }
        return p.length == 0 ? Double.NaN : s / p.length;
    }

    public static double logLoss(double[] p, double[] y) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            double q = Math.min(1 - 1e-6, Math.max(1e-6, p[i]));
            s -= y[i] * Math.log(q) + (1 - y[i]) * Math.log(1 - q);
        }
        return p.length == 0 ? Double.NaN : s / p.length;
    }

    /** One bin of a calibration table. */
    public record CalibrationBin(double from, double to, long count, double meanPredicted, double observedRate) {
    }

    /** Ten equal-width bins of predicted probability; empty bins are left out. */
    public static List<CalibrationBin> calibration(double[] p, double[] y, int bins) {
        long[] n = new long[bins];
        double[] sp = new double[bins];
        double[] sy = new double[bins];
        for (int i = 0; i < p.length; i++) {
            int b = Math.min(bins - 1, (int) Math.floor(p[i] * bins));
            n[b]++;
            sp[b] += p[i];
            sy[b] += y[i];
        }
        List<CalibrationBin> out = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            if (n[b] > 0) {
                out.add(new CalibrationBin((double) b / bins, (double) (b + 1) / bins, n[b], sp[b] / n[b], sy[b] / n[b]));
            }
        }
        return out;
    }

    /** Expected calibration error: the count-weighted mean |predicted − observed| over the bins. */
    public static double ece(List<CalibrationBin> bins) {
        long total = bins.stream().mapToLong(CalibrationBin::count).sum();
        double s = 0;
        for (CalibrationBin b : bins) {
            s += b.count() * Math.abs(b.meanPredicted() - b.observedRate());
        }
        return total == 0 ? Double.NaN : s / total;
    }

    /**
     * Point-forecast errors over paired forecasts and actuals: WAPE Σ|F−A| ÷ Σ|A|; MAPE the mean
     * of |F−A| ÷ |A| over periods with A ≠ 0; MASE mean |F−A| ÷ {@code scale} (the in-sample
     * mean absolute error of the naive forecast); bias Σ(F−A) ÷ Σ|A|.
     */
    public static Map<String, Double> forecastErrors(double[] f, double[] a, double scale) {
        double absErr = 0;
        double err = 0;
        double absA = 0;
        double ape = 0;
        int apeN = 0;
        for (int i = 0; i < f.length; i++) {
            absErr += Math.abs(f[i] - a[i]);
            err += f[i] - a[i];
            absA += Math.abs(a[i]);
            if (a[i] != 0) {
                ape += Math.abs(f[i] - a[i]) / Math.abs(a[i]);
                apeN++;
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("wape", absA == 0 ? Double.NaN : absErr / absA);
        out.put("mape", apeN == 0 ? Double.NaN : ape / apeN);
        out.put("mase", scale > 0 && f.length > 0 ? (absErr / f.length) / scale : Double.NaN);
        out.put("bias", absA == 0 ? Double.NaN : err / absA);
        return out;
    }
}
