package io.salescope.warehouse.query;

import java.time.LocalDate;

import static java.util.Objects.requireNonNull;

/**
 * An open opportunity of the current warehouse version.
 *
 * @param amount in the reporting currency; null when it has no amount or no exchange rate
 * @param probability the CRM's probability, 0-100, or null
 */
public record DealRecord(String opportunityId, String name, String accountName, String ownerId, String stage,
                         Double amount, LocalDate closeDate, Double probability) {

    public DealRecord {
        requireNonNull(opportunityId, "opportunityId is null");
        requireNonNull(ownerId, "ownerId is null");
        requireNonNull(closeDate, "closeDate is null");
    }
}
