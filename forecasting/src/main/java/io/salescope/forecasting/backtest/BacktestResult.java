package io.salescope.forecasting.backtest;

import io.salescope.forecasting.model.Algorithm;
import io.salescope.forecasting.model.Metrics;

import java.util.List;
import java.util.Map;

/**
 * What the rolling-origin backtest found.
 *
 * @param chosen the algorithm the model figures are for (the lower pooled Brier under auto)
 * @param winProbability AUC and Brier of the model and each baseline, pooled over the
 *     quarterly origins; plus the candidates' own figures
 * @param calibration the chosen model's calibration table, pooled
 * @param quarters per quarterly origin: actual, model forecast, interval and baselines
 * @param months the same per monthly origin
 * @param bookings per granularity, the error figures of the model and each baseline
 */
public record BacktestResult(Algorithm chosen, Map<String, Map<String, Double>> winProbability,
                             Map<String, Map<String, Double>> candidates, List<Metrics.CalibrationBin> calibration,
                             List<OriginResult> quarters, List<OriginResult> months,
                             Map<String, Map<String, Map<String, Double>>> bookings, Map<String, Double> intervalCoverage,
                             List<String> notes) {

    /**
     * One origin's bookings figures (company) and win-probability figures; the forecast's two
     * parts beside the actual bookings split the same way (deals open at the origin, deals
     * created after it).
     */
    public record OriginResult(String periodLabel, String originDate, double actual, double forecast, double low,
                               double high, Map<String, Double> baselines, long deals, Double auc, Double brier,
                               String method, double expectedOpen, double expectedNew, double actualFromOpen,
                               double actualFromNew) {
    }
}
