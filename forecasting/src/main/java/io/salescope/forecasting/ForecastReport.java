package io.salescope.forecasting;

import io.salescope.forecasting.backtest.BacktestResult;
import io.salescope.forecasting.bookings.BookingsForecast;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a forecast run did.
 *
 * @param method {@code model}, or {@code stage_fallback} with {@code fallbackReason}
 * @param algorithm the classifier used ({@code logistic}, {@code gbt}), null under the fallback
 * @param publishedVersion the warehouse version holding the scores and forecasts
 * @param backtest null when the backtest was not run
 * @param files where backtest.json, report.md and the model were written
 */
public record ForecastReport(LocalDate asOf, String modelVersion, String method, String algorithm, String calibration,
                             String fallbackReason, long wonDeals, long lostDeals, long trainingRows,
                             long openDealsScored, List<BookingsForecast> forecasts, long publishedVersion,
                             BacktestResult backtest, Map<String, String> files, Map<String, Double> timings) {

    public ForecastReport {
        forecasts = List.copyOf(forecasts);
        files = Map.copyOf(files);
        timings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(timings));
    }
}
