package io.salescope.warehouse.query;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * A task of the current warehouse version, with the names of its account and opportunity.
 *
 * @param createdAt null when the export did not say
 * @param modifiedAt null when the export did not say
 */
public record TaskRecord(String taskId, String ownerId, String subject, Instant dueAt, String status, String priority,
                         String createdBy, Instant createdAt, Instant modifiedAt, String accountId, String accountName,
                         String opportunityId, String opportunityName) {

    public TaskRecord {
        requireNonNull(taskId, "taskId is null");
        requireNonNull(ownerId, "ownerId is null");
        requireNonNull(subject, "subject is null");
        requireNonNull(dueAt, "dueAt is null");
        requireNonNull(status, "status is null");
    }
}
