package io.salescope.warehouse.query;

import java.time.LocalDate;
import java.util.List;

/**
 * How the win probability of open deals moved between the two latest forecast runs
 * ({@code win_score_history} as-of dates).
 *
 * @param previous the earlier as-of date; null when fewer than two runs were published
 * @param latest the latest as-of date; null when no forecast was published
 * @param changes deals scored on both dates and still open, largest drop first
 */
public record WinScoreChanges(LocalDate previous, LocalDate latest, List<Change> changes) {

    public WinScoreChanges {
        changes = List.copyOf(changes);
    }

    public static WinScoreChanges none() {
        return new WinScoreChanges(null, null, List.of());
    }

    /** One deal's probabilities (0..1) on the two dates. */
    public record Change(DealRecord deal, double previousProbability, double latestProbability) {

        /** Latest minus previous: negative for a drop. */
        public double change() {
            return latestProbability - previousProbability;
        }
    }
}
