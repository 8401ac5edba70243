package io.salescope.forecasting.bookings;

import java.time.LocalDate;

/**
 * An open opportunity as of the forecast date.
 *
 * @param winProbability calibrated P(eventually won)
 * @param stageProbability the stage model's default probability, 0..1
 * @param repWinRate the owner's smoothed historical win rate at the as-of date
 */
public record OpenDeal(String opportunityId, String ownerId, double amount, LocalDate expectedClose,
                       int stagePosition, double winProbability, double stageProbability, double repWinRate) {
}
