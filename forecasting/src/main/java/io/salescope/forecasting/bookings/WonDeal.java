package io.salescope.forecasting.bookings;

import java.time.LocalDate;

/**
 * A won opportunity: bookings count it in the period holding {@code closeDate}; it was known
 * to be won from {@code closedOn}.
 */
public record WonDeal(String opportunityId, String ownerId, LocalDate createdDate, LocalDate closeDate,
                      LocalDate closedOn, double amount) {
}
