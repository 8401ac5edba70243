package io.salescope.warehouse.marts;

import io.salescope.core.SalescopeException;
import io.salescope.core.config.SalescopeConfig;
import io.salescope.core.contract.TableContract;
import io.salescope.core.contract.Tables;
import io.salescope.core.json.Json;
import io.salescope.core.progress.Progress;
import io.salescope.core.store.Storage;
import io.salescope.core.store.VersionManifest;
import io.salescope.core.store.VersionManifest.TableEntry;
import io.salescope.core.store.VersionStore;
import io.salescope.core.store.WarehouseLayout;
import io.salescope.core.time.FiscalCalendar;
import io.salescope.ingest.store.HadoopStorage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * {@code salescope build}: computes the marts from the current warehouse version and
 * publishes them with it as one new version.
 *
 * <p>Each mart is written as zstd Parquet to a directory of its own for this run; only when
 * all are complete is a manifest published that lists the current version's tables (the same
 * directories, not copies) plus the marts. Until {@link VersionStore#publish} renames
 * {@code CURRENT}, readers and a later run see the previous version; a run killed before that
 * leaves only unreferenced directories, which the next {@link VersionStore#retain} removes.
 * The writer lock is held from reading the current version until publishing, so no ingest can
 * publish in between and be overwritten by marts of older data.
 */
public final class MartsJob {

    public static final String KIND = "build";

    private MartsJob() {
    }

    /** Runs a build under the warehouse's writer lock; the session is left running. */
    public static BuildReport run(SparkSession spark, SalescopeConfig config, Progress progress) {
        requireNonNull(spark, "spark is null");
        requireNonNull(config, "config is null");
        requireNonNull(progress, "progress is null");
        VersionStore store = new VersionStore(new HadoopStorage(config.dataDir(), spark.sparkContext().hadoopConfiguration()));
        requireVersion(store);
        String runId = WarehouseLayout.newRunId(Instant.now());
        try (VersionStore.WriterLock lock = store.lock(runId)) {
            return runHoldingLock(spark, config, progress, store, runId);
        }
    }

    /**
     * Runs a build for a caller that already holds {@code store}'s writer lock (a chained
     * ingest → build → forecast run under one lock).
     */
    public static BuildReport runHoldingLock(SparkSession spark, SalescopeConfig config, Progress progress,
                                             VersionStore store, String runId) {
        Instant started = Instant.now();
        VersionManifest base = requireVersion(store);
        Storage storage = store.storage();
        LocalDate today = config.referenceDate();
        progress.message("build " + runId + ": marts from warehouse version " + base.version()
                + " (reference date " + today + ", fiscal year starting in month " + config.fiscalYearStartMonth() + ")");
        MartWriter writer = new MartWriter(spark, storage, runId, progress);
        try {
            computeMarts(spark, storage, base, config, writer);
        } catch (Exception e) {
            // Exception, not RuntimeException: Spark actions throw the checked SparkException.
            writer.discard();
            throw failed(storage, runId, started, base, config, writer, e);
        }
        VersionManifest published;
        try {
            published = store.publish(manifest(base, runId, config, writer.entries));
        } catch (RuntimeException e) {
            // The directories stay: a manifest naming them may have been written; retain removes them if not.
            throw failed(storage, runId, started, base, config, writer, e);
        }

        List<String> warnings = new ArrayList<>();
        List<Long> deleted = List.of();
        try {
            deleted = store.retain(config.keepVersions());
        } catch (RuntimeException e) {
            warnings.add("version " + published.version() + " is published, but removing old versions failed: "
                    + firstLine(e) + "; the next run retries");
        }
        BuildReport done = report(runId, BuildReport.SUCCEEDED, started, base.version(), published.version(), config,
                writer.results, deleted, warnings, null);
        List<String> reportProblems = new ArrayList<>();
        writeReport(storage, done, reportProblems);
        progress.message("build " + runId + ": published warehouse version " + published.version() + " with "
                + writer.results.size() + " marts in " + Progress.formatElapsed(Duration.ofMillis(done.elapsedMillis())));
        if (reportProblems.isEmpty()) {
            return done;
        }
        warnings.addAll(reportProblems);
        return report(runId, BuildReport.SUCCEEDED, started, base.version(), published.version(), config,
                writer.results, deleted, warnings, null);
    }

    /** Writes the failure's report and returns the exception to throw. */
    private static SalescopeException failed(Storage storage, String runId, Instant started, VersionManifest base,
                                             SalescopeConfig config, MartWriter writer, Exception cause) {
        String message = "build failed" + (writer.current != null ? " computing " + writer.current : "") + ": "
                + firstLine(cause) + "; warehouse version " + base.version() + " is still current";
        BuildReport report = report(runId, BuildReport.FAILED, started, base.version(), null, config,
                writer.results, List.of(), List.of(), message);
        // A report that cannot be written must not hide the failure itself.
        writeReport(storage, report, new ArrayList<>());
        return new SalescopeException(message, cause);
    }

    /** The order matters only where a mart is read back as another's input. */
    private static void computeMarts(SparkSession spark, Storage storage, VersionManifest base, SalescopeConfig config,
                                     MartWriter writer) {
        WarehouseTables in = new WarehouseTables(spark, storage, base);
        FiscalColumns fiscal = new FiscalColumns(new FiscalCalendar(config.fiscalYearStartMonth()));
        LocalDate today = config.referenceDate();
        Dataset<Row> teams = in.read(Tables.TEAMS);
        Dataset<Row> users = in.read(Tables.USERS);
        Dataset<Row> stages = in.stages();
        Dataset<Row> opportunities = in.read(Tables.OPPORTUNITIES);
        Dataset<Row> history = in.read(Tables.OPPORTUNITY_HISTORY);

        Dataset<Row> tree = writer.write(MartTables.TEAM_TREE, () -> TeamMarts.teamTree(teams));
        Dataset<Row> userTeams = writer.write(MartTables.USER_TEAMS, () -> TeamMarts.userTeams(users, tree));
        Dataset<Row> intervals = writer.write(MartTables.PIPELINE_HISTORY,
                () -> PipelineMarts.history(opportunities, history, stages));
        writer.write(MartTables.PIPELINE_SNAPSHOTS, () -> PipelineMarts.snapshots(intervals,
                PipelineMarts.snapshotDates(opportunities, today), config.defaultZone()));
        writer.write(MartTables.STAGE_FUNNEL, () -> FunnelMart.stageFunnel(opportunities, history, stages));
        writer.write(MartTables.BOOKINGS, () -> PerformanceMarts.bookings(opportunities, users, teams,
                in.read(Tables.ACCOUNTS), in.read(Tables.PRODUCTS), fiscal));
        writer.write(MartTables.QUOTA_ATTAINMENT, () -> PerformanceMarts.quotaAttainment(opportunities,
                in.read(Tables.QUOTAS), userTeams, fiscal, today));
        writer.write(MartTables.ACTIVITY_COUNTS, () -> ActivityMarts.activityCounts(in.read(Tables.ACTIVITIES)));
        writer.write(MartTables.LEAD_CONVERSION, () -> ActivityMarts.leadConversion(in.read(Tables.LEADS)));
        writer.write(MartTables.SALES_CYCLE, () -> PerformanceMarts.salesCycle(opportunities, fiscal));
    }

    /** The base version's tables (same directories) without its old marts, plus this run's marts. */
    private static VersionManifest manifest(VersionManifest base, String runId, SalescopeConfig config,
                                            Map<String, TableEntry> marts) {
        Map<String, TableEntry> tables = new LinkedHashMap<>();
        base.tables().forEach((name, entry) -> {
            if (!name.startsWith(MartTables.PREFIX)) {
                tables.put(name, entry);
            }
        });
        tables.putAll(marts);
        Map<String, String> properties = new LinkedHashMap<>(base.properties());
        properties.put("marts_run_id", runId);
        properties.put("marts_base_version", String.valueOf(base.version()));
        properties.put("marts_reference_date", config.referenceDate().toString());
        properties.put("marts_fiscal_year_start_month", String.valueOf(config.fiscalYearStartMonth()));
        properties.put("marts_time_zone", config.defaultZone().getId());
        return new VersionManifest(VersionManifest.FORMAT, 0, base.version(), Instant.now(), runId, KIND,
                base.settings(), tables, properties);
    }

    private static VersionManifest requireVersion(VersionStore store) {
        return store.current().orElseThrow(() -> new SalescopeException("no warehouse version in "
                + store.storage().location(WarehouseLayout.WAREHOUSE) + " to build marts from:"
                + " run salescope ingest first (salescope ingest DIR)"));
    }

    private static BuildReport report(String runId, String status, Instant started, Long baseVersion, Long version,
                                      SalescopeConfig config, List<BuildReport.MartResult> marts, List<Long> deleted,
                                      List<String> warnings, String error) {
        Instant finished = Instant.now();
        return new BuildReport(runId, KIND, status, started, finished, Duration.between(started, finished).toMillis(),
                baseVersion, version, config.referenceDate(), config.fiscalYearStartMonth(), config.defaultZone().getId(),
                marts, deleted, warnings, error);
    }

    private static void writeReport(Storage storage, BuildReport report, List<String> problems) {
        String path = WarehouseLayout.runReport(report.runId());
        try {
            storage.writeAtomically(path, Json.write(report));
        } catch (IOException | RuntimeException e) {
            problems.add("could not write the run report " + storage.location(path) + ": " + firstLine(e));
        }
    }

    private static String firstLine(Throwable e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** Writes marts into this run's directories, remembering what it wrote so a failure can remove it. */
    private static final class MartWriter {
        private final SparkSession spark;
        private final Storage storage;
        private final String runId;
        private final Progress progress;
        private final Map<String, TableEntry> entries = new LinkedHashMap<>();
        private final List<BuildReport.MartResult> results = new ArrayList<>();
        private final List<String> directories = new ArrayList<>();
        private String current;

        MartWriter(SparkSession spark, Storage storage, String runId, Progress progress) {
            this.spark = spark;
            this.storage = storage;
            this.runId = runId;
            this.progress = progress;
        }

        /** Computes and writes a mart; returns it read back from its files, for marts built on it. */
        Dataset<Row> write(TableContract mart, Supplier<Dataset<Row>> compute) {
            current = mart.name();
            String dir = WarehouseLayout.tableDirectory(mart.name(), runId);
            String location = storage.location(dir);
            long start = System.nanoTime();
            Progress.Step step = progress.step(mart.name(), -1);
            directories.add(dir);
            boolean written = false;
            try {
                compute.get().write().mode(SaveMode.ErrorIfExists).option("compression", "zstd").parquet(location);
                Dataset<Row> readBack = spark.read().schema(SparkSchemas.of(mart)).parquet(location);
                long rows = readBack.count();
                step.done(rows);
                entries.put(mart.name(), new TableEntry(dir, rows, List.of()));
                results.add(new BuildReport.MartResult(mart.name(), dir, rows,
                        Duration.ofNanos(System.nanoTime() - start).toMillis()));
                current = null;
                written = true;
                return readBack;
            } finally {
                if (!written) {
                    step.done(-1);
                }
            }
        }

        /** Best effort: what is left behind is unreferenced and removed by the next retain. */
        void discard() {
            for (String dir : directories) {
                try {
                    storage.delete(dir);
                } catch (IOException | RuntimeException ignored) {
                    // Unreferenced by any manifest, so harmless until the next retain removes it.
                }
            }
        }
    }
}
