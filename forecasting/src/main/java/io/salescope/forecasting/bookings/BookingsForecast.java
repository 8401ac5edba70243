package io.salescope.forecasting.bookings;

import io.salescope.core.time.Period;

/**
 * Expected bookings of one scope in one period: closed so far + expected from open deals +
 * expected from deals not yet created, with the 10th and 90th percentiles.
 */
public record BookingsForecast(Period period, Scope scope, double closedSoFar, double expectedOpen,
                               double expectedNew, double forecast, double low, double high) {
}
