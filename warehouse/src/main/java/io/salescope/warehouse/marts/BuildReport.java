package io.salescope.warehouse.marts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What one {@code salescope build} run did; written as {@code <data>/runs/<run-id>/report.json}.
 *
 * @param status {@code succeeded} or {@code failed}
 * @param baseVersion the version the marts were computed from
 * @param version the version published, or null when the run failed
 * @param versionsDeleted old versions {@code retain} removed after publishing
 * @param warnings problems after publishing that did not undo it (a failed clean-up)
 * @param error why the run failed, or null
 */
public record BuildReport(
        String runId,
        String kind,
        String status,
        Instant startedAt,
        Instant finishedAt,
        long elapsedMillis,
        Long baseVersion,
        Long version,
        LocalDate referenceDate,
        int fiscalYearStartMonth,
        String timeZone,
        List<MartResult> marts,
        List<Long> versionsDeleted,
        List<String> warnings,
        String error) {

    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    public BuildReport {
        requireNonNull(runId, "runId is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(status, "status is null");
        marts = marts == null ? List.of() : List.copyOf(marts);
        versionsDeleted = versionsDeleted == null ? List.of() : List.copyOf(versionsDeleted);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public boolean succeeded() {
        return SUCCEEDED.equals(status);
    }

    /** One mart written by the run: its directory relative to the data directory, rows, time taken. */
    public record MartResult(String name, String path, long rows, long elapsedMillis) {
        public MartResult {
            requireNonNull(name, "name is null");
            requireNonNull(path, "path is null");
        }
    }
}
