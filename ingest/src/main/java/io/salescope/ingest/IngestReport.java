package io.salescope.ingest;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The run report ({@code <data>/runs/<run-id>/report.json}, snake_case): what the run did with
 * each file and whether it published a version.
 *
 * @param status {@link #PUBLISHED}, {@link #REJECTED} or {@link #FAILED}
 * @param version the version published, or null
 * @param parentVersion the version current before the run, or null
 * @param mode incremental or full
 * @param timings seconds per step
 * @param tables what the run did with each warehouse table: ingested, reused, rederived,
 *     emptied, default_model
 * @param error what went wrong, when failed or rejected
 */
public record IngestReport(
        String runId,
        String kind,
        String status,
        Long version,
        Long parentVersion,
        String source,
        String mode,
        Instant startedAt,
        Instant finishedAt,
        double elapsedSeconds,
        Map<String, String> settings,
        double maxRejectRate,
        double rejectRate,
        List<FileReport> files,
        Totals totals,
        Map<String, TableOutcome> tables,
        Map<String, Double> timings,
        List<String> ignoredFiles,
        String error) {

    public static final String PUBLISHED = "published";
    public static final String REJECTED = "rejected";
    public static final String FAILED = "failed";

    public IngestReport {
        settings = settings == null ? Map.of() : new TreeMap<>(settings);
        files = files == null ? List.of() : List.copyOf(files);
        tables = tables == null ? Map.of() : new LinkedHashMap<>(tables);
        timings = timings == null ? Map.of() : new LinkedHashMap<>(timings);
        ignoredFiles = ignoredFiles == null ? List.of() : List.copyOf(ignoredFiles);
    }

    /**
     * What happened to one file's records. {@code rows_read = rows_loaded + rows_quarantined +
     * duplicates_replaced + rows_filtered + rows_deleted}; rows_loaded are the file's rows in the
     * warehouse afterwards. A file a mapping profile reads for several tables has one report per
     * table; a table a profile fills from several files has one report per file.
     *
     * @param rowsUpdated warehouse rows (of the previous version) that rows of this file replaced
     * @param rowsInTable the table's rows after the run
     * @param quarantine quarantined records by reason
     * @param warnings warnings by kind
     * @param rowsFiltered records a mapping profile's {@code where} left out (0 for export files)
     * @param rowsDeleted deletions (soft-deleted database rows): their keys left the table
     */
    public record FileReport(String file, String table, long bytes, int splits, long rowsRead, long rowsLoaded,
                             long rowsQuarantined, long duplicatesReplaced, long rowsUpdated, long rowsInTable,
                             Map<String, Long> quarantine, Map<String, Long> warnings, double elapsedSeconds,
                             long rowsFiltered, long rowsDeleted) {
        public FileReport {
            quarantine = new TreeMap<>(quarantine);
            warnings = new TreeMap<>(warnings);
        }

        public FileReport(String file, String table, long bytes, int splits, long rowsRead, long rowsLoaded,
                          long rowsQuarantined, long duplicatesReplaced, long rowsUpdated, long rowsInTable,
                          Map<String, Long> quarantine, Map<String, Long> warnings, double elapsedSeconds) {
            this(file, table, bytes, splits, rowsRead, rowsLoaded, rowsQuarantined, duplicatesReplaced, rowsUpdated,
                    rowsInTable, quarantine, warnings, elapsedSeconds, 0, 0);
        }

        public boolean conserved() {
            return rowsRead == rowsLoaded + rowsQuarantined + duplicatesReplaced + rowsFiltered + rowsDeleted;
        }

        public FileReport withWarnings(Map<String, Long> counts) {
            return new FileReport(file, table, bytes, splits, rowsRead, rowsLoaded, rowsQuarantined, duplicatesReplaced,
                    rowsUpdated, rowsInTable, quarantine, counts, elapsedSeconds, rowsFiltered, rowsDeleted);
        }

        public long warningCount() {
            return warnings.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public record Totals(long rowsRead, long rowsLoaded, long rowsQuarantined, long duplicatesReplaced,
                         Map<String, Long> warnings, long rowsFiltered, long rowsDeleted) {
        public Totals {
            warnings = new TreeMap<>(warnings);
        }

        public static Totals of(List<FileReport> files) {
            Map<String, Long> warnings = new TreeMap<>();
            files.forEach(f -> f.warnings().forEach((k, v) -> warnings.merge(k, v, Long::sum)));
            return new Totals(
                    files.stream().mapToLong(FileReport::rowsRead).sum(),
                    files.stream().mapToLong(FileReport::rowsLoaded).sum(),
                    files.stream().mapToLong(FileReport::rowsQuarantined).sum(),
                    files.stream().mapToLong(FileReport::duplicatesReplaced).sum(),
                    warnings,
                    files.stream().mapToLong(FileReport::rowsFiltered).sum(),
                    files.stream().mapToLong(FileReport::rowsDeleted).sum());
        }

        /** The share of the records that could have loaded (read, less those filtered out) that was quarantined. */
        public double rejectRate() {
            long candidates = rowsRead - rowsFiltered;
            return candidates <= 0 ? 0 : (double) rowsQuarantined / candidates;
        }
    }

    /** @param action ingested, reused, rederived, emptied or default_model */
    public record TableOutcome(String action, long rows, String path) {
    }

    public boolean published() {
        return PUBLISHED.equals(status);
    }

    public FileReport file(String name) {
        return files.stream().filter(f -> f.file().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the report has no file " + name));
    }

    /** The report of a file read for one table (a mapping profile may read one file for several). */
    public FileReport file(String name, String table) {
        return files.stream().filter(f -> f.file().equals(name) && f.table().equals(table)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the report has no file " + name + " for " + table));
    }

    /** A file's name, and the table it loaded where that is not the file's own table (mapped exports). */
    private static String label(FileReport f) {
        return io.salescope.core.contract.Tables.byName(f.table())
                .filter(t -> f.file().equalsIgnoreCase(t.fileName())).isPresent()
                ? f.file() : f.file() + " -> " + f.table();
    }

    /** A readable summary: status, version and a table of files. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(switch (status) {
            case PUBLISHED -> String.format(Locale.ROOT, "ingest published version %d (run %s, %s, %.1f s)",
                    version, runId, mode, elapsedSeconds);
            case REJECTED -> String.format(Locale.ROOT, "ingest REJECTED: nothing published (run %s); %s", runId, error);
            default -> String.format(Locale.ROOT, "ingest FAILED: nothing published (run %s); %s", runId, error);
        }).append('\n');
        if (!files.isEmpty()) {
            boolean skipped = totals.rowsFiltered() + totals.rowsDeleted() > 0;
            int width = Math.max(26, files.stream().mapToInt(f -> label(f).length()).max().orElse(0));
            String header = "%-" + width + "s %12s %12s %12s %12s %10s" + (skipped ? " %12s %12s" : "") + "%n";
            String line = "%-" + width + "s %,12d %,12d %,12d %,12d %,10d" + (skipped ? " %,12d %,12d" : "") + "%n";
            sb.append(String.format(Locale.ROOT, header, "file", "read", "loaded", "quarantined", "duplicates", "warnings",
                    "filtered", "deleted"));
            for (FileReport f : files) {
                sb.append(String.format(Locale.ROOT, line, label(f), f.rowsRead(), f.rowsLoaded(), f.rowsQuarantined(),
                        f.duplicatesReplaced(), f.warningCount(), f.rowsFiltered(), f.rowsDeleted()));
            }
            sb.append(String.format(Locale.ROOT, line, "total", totals.rowsRead(),
                    totals.rowsLoaded(), totals.rowsQuarantined(), totals.duplicatesReplaced(),
                    totals.warnings().values().stream().mapToLong(Long::longValue).sum(), totals.rowsFiltered(),
                    totals.rowsDeleted()));
            if (!totals.warnings().isEmpty()) {
                sb.append("warnings: ").append(totals.warnings()).append('\n');
            }
            if (totals.rowsQuarantined() > 0) {
                sb.append(String.format(Locale.ROOT, "reject rate %.2f%% (limit %.2f%%)%n",
                        rejectRate * 100, maxRejectRate * 100));
            }
        }
        if (!ignoredFiles.isEmpty()) {
            sb.append("ignored (not export files): ").append(String.join(", ", ignoredFiles)).append('\n');
        }
        return sb.toString();
    }
}
