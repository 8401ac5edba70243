package io.salescope.forecasting;

import io.salescope.forecasting.model.Algorithm;

import java.util.Locale;

/**
 * Settings of a forecast run; {@link #defaults()} holds every default in one place.
 *
 * @param minWon fewest won deals (closed before the as-of date) to train a model; below it
 *     (or {@code minLost}) scores fall back to the stage probabilities
 * @param model {@code auto} picks the algorithm with the lower backtest Brier score
 * @param backtest run the rolling-origin backtest (needed by {@code auto} and the report)
 * @param lookbackMonths how far back training snapshots go
 * @param maxTrainingRows training snapshots kept for the published model (a seeded sample)
 * @param backtestTrainingRows the same for each backtest origin's models (kept smaller: the
 *     backtest fits up to two models per origin)
 * @param draws simulation draws for the forecast interval
 * @param gbtIterations boosting rounds
 * @param horizonDays training snapshots (and slip samples) are taken at least this long before
 *     the cutoff, so the deals open in them have had time to close (limits censoring bias)
 */
public record ForecastOptions(int minWon, int minLost, long seed, ModelChoice model, boolean backtest,
                              int backtestQuarters, int backtestMonths, int lookbackMonths, int maxTrainingRows,
                              int backtestTrainingRows, int draws, int gbtIterations, int horizonDays) {

    public static final int DEFAULT_MIN_CLOSED = 50;
    public static final long DEFAULT_SEED = 42;

    /** Which classifier to train. */
    public enum ModelChoice {
        AUTO, GBT, LOGISTIC;

        public static ModelChoice parse(String s) {
            return switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "auto" -> AUTO;
                case "gbt" -> GBT;
                case "logistic", "lr" -> LOGISTIC;
                default -> throw new IllegalArgumentException("--model must be gbt, logistic or auto, not '" + s + "'");
            };
        }

        public Algorithm algorithm() {
            return this == GBT ? Algorithm.GBT : Algorithm.LOGISTIC;
        }
    }

    public ForecastOptions {
        if (minWon < 1 || minLost < 1) {
            throw new IllegalArgumentException("the minimum numbers of won and lost deals must be at least 1");
        }
        if (backtestQuarters < 1 || backtestMonths < 1) {
            throw new IllegalArgumentException("the backtest needs at least one origin");
        }
        if (model == null) {
            throw new IllegalArgumentException("model is null");
        }
    }

    public static ForecastOptions defaults() {
        return new ForecastOptions(DEFAULT_MIN_CLOSED, DEFAULT_MIN_CLOSED, DEFAULT_SEED, ModelChoice.AUTO, true,
                8, 12, 36, 100_000, 40_000, 2000, 40, 180);
    }

    public ForecastOptions withMinClosed(int n) {
        return new ForecastOptions(n, n, seed, model, backtest, backtestQuarters, backtestMonths, lookbackMonths,
                maxTrainingRows, backtestTrainingRows, draws, gbtIterations, horizonDays);
    }

    public ForecastOptions withSeed(long s) {
        return new ForecastOptions(minWon, minLost, s, model, backtest, backtestQuarters, backtestMonths, lookbackMonths,
                maxTrainingRows, backtestTrainingRows, draws, gbtIterations, horizonDays);
    }

    public ForecastOptions withModel(ModelChoice m) {
        return new ForecastOptions(minWon, minLost, seed, m, backtest, backtestQuarters, backtestMonths, lookbackMonths,
                maxTrainingRows, backtestTrainingRows, draws, gbtIterations, horizonDays);
    }

    public ForecastOptions withBacktest(boolean b) {
        return new ForecastOptions(minWon, minLost, seed, model, b, backtestQuarters, backtestMonths, lookbackMonths,
                maxTrainingRows, backtestTrainingRows, draws, gbtIterations, horizonDays);
    }

    public ForecastOptions withGbtIterations(int n) {
        return new ForecastOptions(minWon, minLost, seed, model, backtest, backtestQuarters, backtestMonths, lookbackMonths,
                maxTrainingRows, backtestTrainingRows, draws, n, horizonDays);
    }

    public ForecastOptions withHorizonDays(int days) {
        return new ForecastOptions(minWon, minLost, seed, model, backtest, backtestQuarters, backtestMonths, lookbackMonths,
                maxTrainingRows, backtestTrainingRows, draws, gbtIterations, days);
    }

    public ForecastOptions withBacktestOrigins(int quarters, int months) {
        return new ForecastOptions(minWon, minLost, seed, model, backtest, quarters, months, lookbackMonths,
                maxTrainingRows, backtestTrainingRows, draws, gbtIterations, horizonDays);
    }
}
