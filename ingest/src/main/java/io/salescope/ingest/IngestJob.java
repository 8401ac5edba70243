package io.salescope.ingest;

import io.salescope.core.SalescopeException;
import io.salescope.core.config.SalescopeConfig;
import io.salescope.core.contract.ColumnType;
import io.salescope.core.contract.DefaultStageModel;
import io.salescope.core.contract.Reference;
import io.salescope.core.contract.TableContract;
import io.salescope.core.contract.Tables;
import io.salescope.core.json.Json;
import io.salescope.core.progress.Progress;
import io.salescope.core.store.VersionManifest;
import io.salescope.core.store.VersionManifest.TableEntry;
import io.salescope.core.store.VersionStore;
import io.salescope.core.store.WarehouseLayout;
import io.salescope.ingest.IngestReport.FileReport;
import io.salescope.ingest.IngestReport.TableOutcome;
import io.salescope.ingest.IngestReport.Totals;
import io.salescope.ingest.crypto.KeySource;
import io.salescope.ingest.crypto.PiiCrypto;
import io.salescope.ingest.parse.HeaderBinding;
import io.salescope.ingest.parse.ParseSettings;
import io.salescope.ingest.parse.RowParser;
import io.salescope.ingest.profile.JdbcSource;
import io.salescope.ingest.profile.MappingProfile;
import io.salescope.ingest.profile.ProfileSource;
import io.salescope.ingest.publish.WarehouseTables;
import io.salescope.ingest.read.IdSet;
import io.salescope.ingest.read.OutcomeAccumulator;
import io.salescope.ingest.read.ParsePlan;
import io.salescope.ingest.read.ParsedRecordsSource;
import io.salescope.ingest.source.CsvFolderSource;
import io.salescope.ingest.source.ExportSource;
import io.salescope.ingest.source.SourceContext;
import io.salescope.ingest.source.SourceEntity;
import io.salescope.ingest.spark.ContractSchemas;
import io.salescope.ingest.store.HadoopStorage;
import io.salescope.ingest.transform.CurrencyConversion;
import io.salescope.ingest.transform.Dedupe;
import io.salescope.ingest.transform.IngestRecords;
import io.salescope.ingest.transform.Keys;
import io.salescope.ingest.transform.Merge;
import io.salescope.ingest.transform.RateSegments;
import io.salescope.ingest.transform.References;
import io.salescope.ingest.transform.StageDerivation;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Loads a CRM export (crm-export-v1) into a new version of the warehouse.
 *
 * <p>Each file is scanned once on the driver for record boundaries, then read, typed and
 * checked in parallel ({@link ParsedRecordsSource}); rejected records go to quarantine. The
 * kept rows are deduplicated by key, get their derived columns (stage model, dated currency
 * conversion), replace the rows with the same key in the current version (or, with
 * {@code full}, all of it), and are written as new table directories. References are checked
 * against the tables as they will be published. Only when every file conserves its records and
 * the reject rate is within bounds is the new version published, in one atomic step; until then
 * the previous version stays current, whatever happens to the process.
 *
 * <p>Entry point for other jobs: {@link #run(SparkSession, SalescopeConfig, IngestOptions, Progress)}.
 */
public final class IngestJob {

    public static final String KIND = "ingest";
    private static final String CACHE_COMPRESSED = "spark.sql.inMemoryColumnarStorage.compressed";
    private static final String CONCURRENT_WRITERS = "spark.sql.maxConcurrentOutputFileWriters";
    public static final String SETTING_CURRENCY = "reporting_currency";
    public static final String SETTING_ZONE = "default_zone";
    public static final String SETTING_FISCAL_START = "fiscal_year_start_month";

    /** Tables with at most this many rows are broadcast to joins. */
    private static final long BROADCAST_ROWS = 2_000_000;
    /** Id sets and duplicate keys up to this many rows are collected to the driver and joined from there. */
    private static final long SMALL_ROWS = 20_000;
    /** Tables loaded at the same time (a large table takes all slots). */
    private static final int PARALLEL_TABLES = 3;
    /** Files with more records load alone, so that big tables never share the cache and the cores. */
    private static final long LARGE_TABLE_RECORDS = 2_000_000;
    /**
     * Files with at most this many records find their duplicates from key hashes merged on the
     * driver (8 bytes a record) instead of a shuffle; larger ones aggregate in Spark.
     */
    private static final long DRIVER_HASH_RECORDS = 32_000_000;
    /** How long to wait for the metrics of a finished write (they arrive through Spark's listener bus). */
    private static final long OBSERVATION_WAIT_SECONDS = 60;
    /** Tables with fewer rows are written as one file. */
    private static final long SINGLE_FILE_ROWS = 1_000_000;

    private final SparkSession spark;
    private final SalescopeConfig config;
    private final IngestOptions options;
    private final Progress progress;
    private final ExportSource source;
    private final HadoopStorage storage;
    private final VersionStore store;
    private final WarehouseTables tables;
    private final PiiCrypto crypto;
    private final Instant started = Instant.now();
    private final String runId = WarehouseLayout.newRunId(started);
    private final Map<String, Double> timings = new ConcurrentHashMap<>();
    private final Map<String, List<FileReport>> fileReports = new ConcurrentHashMap<>();
    private List<FileReport> files = List.of();
    private final Map<String, TableOutcome> outcomes = new ConcurrentHashMap<>();
    private final List<String> writtenDirectories = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Dataset<Row>> smallIds = new ConcurrentHashMap<>();
    /** Id sets the split readers check references against, by target table directory and column. */
    private final Map<String, Broadcast<IdSet>> idSets = new ConcurrentHashMap<>();

    private Optional<VersionManifest> current = Optional.empty();
    private boolean replaceAll;
    /** The tables as the new version will have them, filled in load order. */
    private final Map<String, TableEntry> state = new ConcurrentHashMap<>();
    /** Entries that change in the new version. */
    private final Map<String, TableEntry> changes = new ConcurrentHashMap<>();
    private volatile Dataset<Row> stageModel;
    private volatile Map<String, String> stageNames = Map.of();
    private volatile Dataset<Row> rateSegments;
    private volatile boolean stopping;
    private boolean stagesChanged;
    private boolean ratesChanged;

    private IngestJob(SparkSession spark, SalescopeConfig config, IngestOptions options, Progress progress,
                      ExportSource source) {
        this.spark = requireNonNull(spark, "spark is null");
        this.config = requireNonNull(config, "config is null");
        this.options = requireNonNull(options, "options is null");
        this.progress = requireNonNull(progress, "progress is null");
        this.source = requireNonNull(source, "source is null");
        this.storage = new HadoopStorage(config.dataDir(), spark.sparkContext().hadoopConfiguration());
        this.store = new VersionStore(storage);
        // New master keys may be created only while the warehouse holds no encrypted data (decided when the run starts).
        this.crypto = new PiiCrypto(() -> options.keySource() != null ? options.keySource()
                : KeySource.resolve(System.getenv(), config.dataDir()), !holdsEncryptedData(store), progress);
        this.tables = new WarehouseTables(spark, storage, crypto);
    }

    /** Whether any kept version names a table with encrypted columns. */
    private static boolean holdsEncryptedData(VersionStore store) {
        for (long v : store.versions()) {
            if (store.manifest(v).tables().values().stream().anyMatch(TableEntry::encrypted)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Ingests the export folder {@code options.source()}. Returns the report of a published or
     * rejected run (see {@link IngestReport#status()}); throws {@link SalescopeException} when
     * the run failed, after writing its report. Either way nothing is published unless the
     * status is published.
     */
    public static IngestReport run(SparkSession spark, SalescopeConfig config, IngestOptions options, Progress progress) {
        return run(spark, config, options, progress, source(spark, options, progress));
    }

    /**
     * The source of a run: a crm-export-v1 folder; with a profile, a foreign export folder (or
     * activity stream) read through it, or the database a JDBC URL names.
     */
    static ExportSource source(SparkSession spark, IngestOptions options, Progress progress) {
        boolean jdbc = options.source().startsWith("jdbc:");
        int parallelism = 2 * spark.sparkContext().defaultParallelism();
        if (options.profile() == null) {
            if (jdbc) {
                throw new SalescopeException("reading a database needs a mapping profile that says which tables hold"
                        + " what: salescope ingest " + options.source().replaceAll("(?i)(password=)[^&;]*", "$1***")
                        + " --profile FILE (see docs/sources.md)");
            }
            return new CsvFolderSource(options.source(), spark.sparkContext().hadoopConfiguration(),
                    options.splitBytes(), options.maxRecordBytes(), parallelism);
        }
        MappingProfile profile = MappingProfile.load(options.profile());
        if (jdbc) {
            return new JdbcSource(profile, options.source(), System.getenv(), progress);
        }
        return new ProfileSource(profile, options.source(), spark.sparkContext().hadoopConfiguration(),
                options.splitBytes(), options.maxRecordBytes(), parallelism, progress);
    }

    /** As {@link #run(SparkSession, SalescopeConfig, IngestOptions, Progress)} for any export source. */
    public static IngestReport run(SparkSession spark, SalescopeConfig config, IngestOptions options, Progress progress,
                                   ExportSource source) {
        return new IngestJob(spark, config, options, progress, source).execute();
    }

    private IngestReport execute() {
        // Parquet timestamps must be UTC-adjusted microseconds for the contract (DuckDB TIMESTAMPTZ).
        spark.conf().set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
        // Cached tables live for one table's load: compressing them costs more CPU than it saves.
        // Partitioned writes keep a writer per partition open instead of sorting by partition.
        Map<String, String> session = Map.of(CACHE_COMPRESSED, "false", CONCURRENT_WRITERS, "32");
        Map<String, String> before = new HashMap<>();
        session.forEach((k, v) -> {
            before.put(k, spark.conf().get(k, null));
            spark.conf().set(k, v);
        });
        try {
            return lockAndIngest();
        } finally {
            before.forEach((k, v) -> {
                if (v == null) {
                    spark.conf().unset(k);
                } else {
                    spark.conf().set(k, v);
                }
            });
        }
    }

    private IngestReport lockAndIngest() {
        progress.message("ingest " + source.location() + " into " + storage.location("") + " (run " + runId + ")");
        VersionStore.WriterLock lock;
        try {
            lock = store.lock(runId);
        } catch (IllegalStateException | UncheckedIOException e) {
            throw fail(e.getMessage(), e);
        }
        try (lock) {
            PausePoints.reach("after_lock");
            return ingest();
        } catch (SalescopeException e) {
            throw fail(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw fail("internal error: " + e, e);
        } finally {
            spark.catalog().clearCache();
        }
    }

    private IngestReport ingest() {
        current = store.current();
        replaceAll = options.full() || current.isEmpty();
        if (!options.full()) {
            checkSettings();
        }
        source.open(new SourceContext(spark, config, current, options.full(),
                t -> current.flatMap(m -> m.table(t.name())).map(e -> tables.read(t, e))));
        if (source.partial() && replaceAll) {
            throw new SalescopeException(source.location() + " adds to a warehouse (" + (options.full()
                    ? "--full does not apply to it" : "and there is none yet in " + storage.location("")) + "): ingest"
                    + " the CRM export first, then its activity stream");
        }
        Map<TableContract, String> found = source.discover();
        List<String> missing = Tables.SOURCES.stream().filter(TableContract::requiredFile)
                .filter(t -> !found.containsKey(t)).map(TableContract::fileName).toList();
        if (!missing.isEmpty() && !source.partial()) {
            throw new SalescopeException("the export " + source.location() + " lacks the required file"
                    + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                    + " (crm-export-v1 requires users.csv, accounts.csv and opportunities.csv); add "
                    + (missing.size() > 1 ? "them" : "it") + " to the folder and run ingest again");
        }
        Map<TableContract, List<Planned>> planned = scan(found);
        stagesChanged = planned.containsKey(Tables.STAGES);
        ratesChanged = planned.containsKey(Tables.EXCHANGE_RATES);

        loadTables(planned);
        PausePoints.reach("after_tables_written");

        countWarnings();
        for (FileReport f : files) {
            if (!f.conserved()) {
                throw new IllegalStateException("records of " + f.file() + " are not conserved: read " + f.rowsRead()
                        + " != loaded " + f.rowsLoaded() + " + quarantined " + f.rowsQuarantined()
                        + " + duplicates replaced " + f.duplicatesReplaced() + " (a bug in ingest; please report it)");
            }
        }
        Totals totals = Totals.of(files);
        double rejectRate = totals.rejectRate();
        if (rejectRate > options.maxRejectRate()) {
            deleteWrittenDirectories();
            String why = String.format(Locale.ROOT, "%,d of %,d records (%.2f%%) were quarantined, more than the"
                            + " limit of %.2f%%; fix the export (the rejects are in %s) or raise --max-reject-rate",
                    totals.rowsQuarantined(), totals.rowsRead(), rejectRate * 100, options.maxRejectRate() * 100,
                    storage.location(WarehouseLayout.runDirectory(runId) + "/quarantine"));
            IngestReport report = report(IngestReport.REJECTED, null, rejectRate, why);
            writeReport(report);
            return report;
        }

        long t0 = System.nanoTime();
        appendToWarehouse(Tables.QUARANTINE, runQuarantine());
        appendToWarehouse(Tables.INGEST_WARNINGS, runWarnings());
        Map<String, String> settings = Map.of(
                SETTING_CURRENCY, config.reportingCurrency(),
                SETTING_ZONE, config.defaultZone().getId(),
                SETTING_FISCAL_START, String.valueOf(config.fiscalYearStartMonth()));
        Map<String, String> properties = new LinkedHashMap<>(source.properties());
        properties.put("ingest_run", runId);
        properties.put("ingest_source", source.location());
        properties.put("ingest_mode", mode());
        Map<String, TableEntry> changed = ordered(changes);
        VersionManifest draft = current
                .map(m -> m.next(runId, KIND, Instant.now(), changed, settings, properties))
                .orElseGet(() -> new VersionManifest(VersionManifest.FORMAT, 0, 0, Instant.now(), runId, KIND,
                        settings, changed, properties));
        PausePoints.reach("before_publish");
        VersionManifest published = store.publish(draft);
        PausePoints.reach("after_publish");
        List<Long> dropped = store.retain(config.keepVersions());
        if (!dropped.isEmpty()) {
            progress.message("  removed old versions " + dropped);
        }
        timings.put("publish", seconds(t0));
        IngestReport report = report(IngestReport.PUBLISHED, published.version(), rejectRate, null);
        writeReport(report);
        return report;
    }

    /**
     * Loads every table, several at a time: a table starts when the tables it depends on are
     * final (its reference targets, and the stage model and rates where it derives from them).
     * Small tables are bound by Spark's per-job latency, so they overlap; a large one runs alone.
     */
    private void loadTables(Map<TableContract, List<Planned>> planned) {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_TABLES, r -> {
            Thread t = new Thread(r, "ingest-table");
            t.setDaemon(true);
            return t;
        });
        Semaphore permits = new Semaphore(PARALLEL_TABLES);
        Map<TableContract, CompletableFuture<Void>> done = new LinkedHashMap<>();
        try {
            for (TableContract table : Tables.SOURCES) {
                CompletableFuture<?>[] deps = dependencies(table).stream().map(d -> {
                    CompletableFuture<Void> f = done.get(d);
                    if (f == null) {
                        throw new IllegalStateException(table.name() + " depends on " + d.name()
                                + ", which is loaded after it; fix the load order in Tables.SOURCES");
                    }
                    return f;
                }).toArray(CompletableFuture[]::new);
                List<Planned> p = planned.get(table);
                long records = p == null ? 0 : p.stream().mapToLong(x -> Math.max(0, x.entity().records())).sum();
                int weight = records > LARGE_TABLE_RECORDS ? PARALLEL_TABLES : 1;
                done.put(table, CompletableFuture.allOf(deps).thenRunAsync(() -> {
                    if (stopping) {
                        throw new CancellationException("an earlier table failed");
                    }
                    permits.acquireUninterruptibly(weight);
                    try {
                        loadTable(table, p);
                    } catch (RuntimeException | Error e) {
                        stopping = true;
                        throw e;
                    } finally {
                        permits.release(weight);
                    }
                }, pool));
            }
            CompletableFuture<Void> all = CompletableFuture.allOf(done.values().toArray(CompletableFuture[]::new));
            try {
                all.join();
            } catch (CompletionException | CancellationException e) {
                // Wait for the tables still running, then report the first real failure.
                done.values().forEach(f -> f.handle((v, x) -> null).join());
                for (CompletableFuture<Void> f : done.values()) {
                    try {
                        f.join();
                    } catch (CompletionException failure) {
                        Throwable cause = failure.getCause();
                        if (!(cause instanceof CancellationException)) {
                            if (cause instanceof RuntimeException re) {
                                throw re;
                            }
                            throw failure;
                        }
                    } catch (CancellationException ignored) {
                        // a table skipped because another failed
                    }
                }
                throw e;
            }
        } finally {
            pool.shutdownNow();
            idSets.values().forEach(Broadcast::destroy);
            idSets.clear();
        }
        List<FileReport> ordered = new ArrayList<>();
        for (TableContract table : Tables.SOURCES) {
            if (fileReports.containsKey(table.name())) {
                ordered.addAll(fileReports.get(table.name()));
            }
        }
        files = ordered;
    }

    private void loadTable(TableContract table, List<Planned> p) {
        long t0 = System.nanoTime();
        describe(table, "load");
        if (p != null) {
            fileReports.put(table.name(), ingestParts(table, p));
        } else if (!replaceAll && current.get().table(table.name()).isPresent()) {
            keepExisting(table, current.get().table(table.name()).get());
        } else if (table == Tables.STAGES) {
            writeDefaultStages();
        } else {
            record(table, tables.writeEmpty(table, directory(table)), "emptied");
        }
        if (table == Tables.STAGES) {
            loadStageModel();
        } else if (table == Tables.EXCHANGE_RATES) {
            loadRates();
        }
        timings.put(table.name(), seconds(t0));
        if (table == Tables.SOURCES.get(0)) {
            PausePoints.reach("after_first_table");
        }
    }

    /** The tables that must be final before {@code table} is loaded. */
    private static List<TableContract> dependencies(TableContract table) {
        List<TableContract> deps = new ArrayList<>();
        for (Reference ref : table.references()) {
            TableContract target = Tables.byName(ref.table()).orElseThrow();
            if (target != table && !deps.contains(target)) {
                deps.add(target);
            }
        }
        if (table.column("stage_category").isPresent()) {
            deps.add(Tables.STAGES);
        }
        if (CurrencyConversion.conversionDate(table).isPresent()) {
            deps.add(Tables.EXCHANGE_RATES);
        }
        return deps;
    }

    /** An entity planned for reading: where its records are and how its header binds. */
    private record Planned(SourceEntity entity, HeaderBinding binding) {
    }

    /** Reads every file's header and record boundaries before any Spark work, so bad headers fail fast. */
    private Map<TableContract, List<Planned>> scan(Map<TableContract, String> found) {
        long t0 = System.nanoTime();
        Map<TableContract, List<Planned>> planned = new LinkedHashMap<>();
        for (TableContract table : Tables.SOURCES) {
            if (!found.containsKey(table)) {
                continue;
            }
            try (Progress.Step step = progress.step("scan " + found.get(table), -1)) {
                List<Planned> parts = new ArrayList<>();
                long records = 0;
                for (SourceEntity entity : source.planParts(table, step)) {
                    HeaderBinding binding = HeaderBinding.bind(table, entity.sourceName(), entity.header());
                    parts.add(new Planned(entity, binding));
                    records += Math.max(0, entity.records());
                }
                if (!parts.isEmpty()) {
                    planned.put(table, parts);
                }
                step.done(records);
            }
        }
        timings.put("scan", seconds(t0));
        return planned;
    }

    /** Column of parsed rows that says which part a row came from, when a table has several. */
    private static final String PART = "_part";

    /**
     * Loads a table from its parts: types each part's records, quarantines the rejects,
     * deduplicates by key across all parts, derives, merges into the current version (deletions
     * remove their keys first) and writes the table; returns one report per part.
     */
    private List<FileReport> ingestParts(TableContract table, List<Planned> parts) {
        long t0 = System.nanoTime();
        if (inOnePass(table, parts)) {
            List<FileReport> reports = loadInOnePass(table, parts.get(0), t0);
            if (reports != null) {
                return reports;
            }
        }
        boolean several = parts.size() > 1;
        List<Dataset<Row>> each = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            Dataset<Row> rows = load(parts.get(i));
            each.add(several ? rows.withColumn(PART, lit(i)) : rows);
        }
        Dataset<Row> parsed = each.stream().reduce(Dataset::union).orElseThrow();
        List<Dataset<Row>> cached = new ArrayList<>();
        // Files are not cached: each pass re-reads them, typing only the columns it needs, which
        // costs less than building and scanning an in-memory copy of the whole table. A database
        // is read once, so every pass sees the same rows even while the CRM keeps writing.
        if (parts.stream().anyMatch(p -> p.entity().loader() != null)) {
            parsed = parsed.persist(StorageLevel.MEMORY_AND_DISK());
            cached.add(parsed);
        }
        try {
            // Every split's reader checks it read the records the scan planned, so nothing is lost here.
            describe(table, "outcomes");
            boolean known = parts.stream().allMatch(p -> p.entity().recordsKnown());
            long planned = known ? parts.stream().mapToLong(p -> p.entity().records()).sum() : Long.MAX_VALUE;
            Dedupe.Outcomes outcomes = planned <= DRIVER_HASH_RECORDS
                    ? Dedupe.countOutcomes(parsed, table)
                    : Dedupe.Outcomes.of(Dedupe.outcomes(parsed, table).collectAsList());
            Map<String, Long> quarantineByReason = outcomes.rejects();
            long groups = outcomes.duplicateGroups();
            long filtered = outcomes.filtered();
            long deleted = outcomes.deleted();
            long quarantined = outcomes.rejected();
            PartCounts counts = several || !known ? PartCounts.of(parsed, several) : null;
            long records = known ? parts.stream().mapToLong(p -> p.entity().records()).sum() : counts.total();
            Column sourceFile = sourceFileColumn(parts);
            if (quarantined > 0) {
                describe(table, "quarantine");
                tables.append(IngestRecords.quarantine(parsed, runId, table, sourceFile), Tables.QUARANTINE,
                        runQuarantine() + "/" + table.name());
            }

            Dataset<Row> valid = parsed.filter(col(RowParser.QUARANTINE).isNull());
            long duplicates = 0;
            Dataset<Row> kept = valid;
            if (groups > 0) {
                // The hashes found candidates: count exactly by key.
                describe(table, "dedupe");
                Dataset<Row> keys = Dedupe.duplicateKeys(valid, table).persist(StorageLevel.MEMORY_AND_DISK());
                cached.add(keys);
                Row exact = keys.agg(count(lit(1)), sum(col(Dedupe.SHARED_BY))).first();
                long exactGroups = exact.getLong(0);
                duplicates = exactGroups == 0 ? 0 : exact.getLong(1) - exactGroups;
                if (exactGroups > SMALL_ROWS) {
                    kept = Dedupe.keepNewest(valid, table).persist(StorageLevel.MEMORY_AND_DISK());
                    cached.add(kept);
                } else if (exactGroups > 0) {
                    kept = Dedupe.keepNewest(valid, table, spark.createDataFrame(keys.collectAsList(), keys.schema()));
                }
            }
            long keptRows = records - quarantined - duplicates - filtered - deleted;

            Optional<TableEntry> previous = replaceAll ? Optional.empty() : current.get().table(table.name());
            if (records == 0 && previous.isPresent()) {
                // Nothing new (an incremental source with no changed rows): the table stays as it is.
                keepExisting(table, previous.get());
                writeWarnings(table, parts, null);
                long rows = state.get(table.name()).rows();
                List<FileReport> reports = new ArrayList<>();
                for (Planned p : parts) {
                    reports.add(new FileReport(p.entity().sourceName(), table.name(), p.entity().bytes(),
                            p.entity().splits().size(), 0, 0, 0, 0, 0, rows, Map.of(), Map.of(), seconds(t0), 0, 0));
                }
                done("load " + table.name(), 0, t0);
                return reports;
            }
            kept = derive(kept, table);

            Dataset<Row> existing = previous.map(e -> rederiveIfNeeded(tables.read(table, e), table)).orElse(null);
            long existingRows = previous.map(TableEntry::rows).orElse(0L);
            long removed = 0;
            if (existing != null && deleted > 0) {
                Dataset<Row> gone = Keys.withKeys(parsed.filter(col(RowParser.QUARANTINE + ".reason")
                        .equalTo(RowParser.DELETED)), table).select(Keys.columns(table)).distinct();
                Dataset<Row> keyed = Keys.withKeys(existing, table);
                String[] keyNames = Keys.names(table).toArray(String[]::new);
                removed = keyed.join(gone, keyNames, "left_semi").count();
                existing = Keys.dropKeys(keyed.join(gone, keyNames, "left_anti"), table);
                existingRows -= removed;
            }
            boolean mayWarn = outcomes.warned() || !table.references().isEmpty()
                    || CurrencyConversion.conversionDate(table).isPresent();
            // Unless rows already have invalid values or reference their own table (whose ids
            // are known only once it is written), the write counts the rows that would have
            // warnings (dangling references, no rate), so a clean file needs no warnings pass.
            Observation check = null;
            Dataset<Row> toWrite = kept;
            boolean selfReferencing = table.references().stream().anyMatch(r -> r.table().equals(table.name()));
            if (mayWarn && !outcomes.warned() && !selfReferencing) {
                Dataset<Row> checked = table.references().isEmpty() ? kept
                        : References.withHits(kept, table, referenceKeys(table));
                check = new Observation("warnings of " + table.name());
                toWrite = checked.observe(check, count(when(IngestRecords.anyWarning(checked, table), true)).as("rows"));
            }
            Dataset<Row> incoming = toWrite.select(ContractSchemas.columns(table));
            Dataset<Row> merged = existing == null ? incoming : Merge.apply(existing, incoming, table);
            describe(table, "write");
            TableEntry entry = tables.write(merged, table, directory(table), keptRows == 0 && existingRows == 0,
                    keptRows + existingRows < SINGLE_FILE_ROWS);
            record(table, entry, "ingested");
            long retained = existing == null ? 0 : Merge.retained(existing, kept.select(ContractSchemas.columns(table)), table).count();

            boolean warns = mayWarn && (check == null || observedRows(check) != 0);
            describe(table, "warnings");
            writeWarnings(table, parts, warns ? kept : null);
            List<FileReport> reports = new ArrayList<>();
            if (!several) {
                Planned p = parts.get(0);
                reports.add(new FileReport(p.entity().sourceName(), table.name(), p.entity().bytes(),
                        p.entity().splits().size(), records, entry.rows() - retained, quarantined, duplicates,
                        existingRows - retained, entry.rows(), quarantineByReason, Map.of(), seconds(t0), filtered, deleted));
            } else {
                Map<Integer, Long> keptByPart = duplicates == 0 ? counts.valid() : countByPart(kept);
                Map<Integer, Long> updatedByPart = existing == null || existingRows == retained ? Map.of()
                        : countByPart(Keys.withKeys(kept, table).join(Keys.withKeys(existing, table)
                        .select(Keys.columns(table)), Keys.names(table).toArray(String[]::new), "left_semi"));
                for (int i = 0; i < parts.size(); i++) {
                    Planned p = parts.get(i);
                    long read = counts.read().getOrDefault(i, 0L);
                    long loaded = keptByPart.getOrDefault(i, 0L);
                    Map<String, Long> reasons = counts.quarantine().getOrDefault(i, Map.of());
                    long q = reasons.values().stream().mapToLong(Long::longValue).sum();
                    long f = counts.filtered().getOrDefault(i, 0L);
                    long d = counts.deleted().getOrDefault(i, 0L);
                    reports.add(new FileReport(p.entity().sourceName(), table.name(), p.entity().bytes(),
                            p.entity().splits().size(), read, loaded, q, read - loaded - q - f - d,
                            updatedByPart.getOrDefault(i, 0L), entry.rows(), reasons, Map.of(), seconds(t0), f, d));
                }
            }
            done("load " + table.name(), records, t0);
            return reports;
        } finally {
            cached.forEach(Dataset::unpersist);
        }
    }

    /**
     * Whether a table can be loaded in one pass over its file ({@link #loadInOnePass}): one file
     * whose records the scan counted, not too many for the driver to check their key hashes, no
     * current version of the table to merge with, and a key compared as it is written (stage
     * names compare ignoring case).
     */
    private boolean inOnePass(TableContract table, List<Planned> parts) {
        if (parts.size() != 1 || table == Tables.STAGES) {
            return false;
        }
        SourceEntity entity = parts.get(0).entity();
        boolean previous = !replaceAll && current.get().table(table.name()).isPresent();
        return entity.loader() == null && entity.recordsKnown() && entity.records() > 0
                && entity.records() <= DRIVER_HASH_RECORDS && !previous;
    }

    /**
     * Loads a file in one pass: the write types its records, checks their references and writes
     * the kept rows, while each split's reader counts the rows per quarantine reason and hashes
     * the kept rows' keys. Quarantined rows are written afterwards, when there are some. When
     * the hashes show possible duplicate keys, the written table is removed and null returned:
     * the caller then removes the duplicates before writing (clean exports rarely have any).
     */
    private List<FileReport> loadInOnePass(TableContract table, Planned part, long t0) {
        SourceEntity entity = part.entity();
        long records = entity.records();
        OutcomeAccumulator collector = new OutcomeAccumulator();
        spark.sparkContext().register(collector, "outcomes of " + table.name());
        int[] keyColumns = table.key().stream().mapToInt(table.columnNames()::indexOf).toArray();
        boolean conversion = CurrencyConversion.conversionDate(table).isPresent();
        boolean mayWarn = !table.references().isEmpty() || conversion;
        boolean selfReferencing = table.references().stream().anyMatch(r -> r.table().equals(table.name()));
        // References are checked by the split readers against id sets where they can be (no joins).
        boolean readerChecks = !table.references().isEmpty() && !selfReferencing && readerCheckable(table);
        List<Reference> refs = readerChecks ? table.references() : List.of();
        ParsedRecordsSource.Collecting collecting = new ParsedRecordsSource.Collecting(collector, keyColumns,
                refs.stream().mapToInt(r -> table.columnNames().indexOf(r.column())).toArray(),
                refs.stream().map(this::idSet).toList());
        Dataset<Row> kept = derive(load(part, collecting).filter(col(RowParser.QUARANTINE).isNull()), table);
        Observation check = null;
        Dataset<Row> toWrite = kept;
        if (mayWarn && !selfReferencing && (!readerChecks || conversion)) {
            Dataset<Row> checked = table.references().isEmpty() || readerChecks ? kept
                    : References.withHits(kept, table, referenceKeys(table));
            check = new Observation("warnings of " + table.name());
            toWrite = checked.observe(check, count(when(IngestRecords.anyWarning(checked, table), true)).as("rows"));
        }
        describe(table, "write");
        TableEntry entry;
        try {
            entry = tables.write(toWrite.select(ContractSchemas.columns(table)), table, directory(table), false,
                    records < SINGLE_FILE_ROWS);
        } finally {
            ParsedRecordsSource.forget(collecting);
        }
        Map<Integer, Dedupe.PartitionOutcome> splits = collector.value();
        long counted = splits.values().stream().mapToLong(Dedupe.PartitionOutcome::records).sum();
        if (splits.size() != entity.splits().size() || counted != records) {
            throw new IllegalStateException("internal error: the write of " + entity.sourceName() + " reported "
                    + splits.size() + " of " + entity.splits().size() + " splits and " + counted + " of " + records
                    + " records");
        }
        Dedupe.Outcomes outcomes = Dedupe.combine(splits.values());
        if (outcomes.duplicateGroups() > 0) {
            progress.message("  " + entity.sourceName() + " may repeat keys: loading it again, keeping the newest row per key");
            tables.delete(directory(table));
            return null;
        }
        Map<String, Long> quarantineByReason = outcomes.rejects();
        long filtered = outcomes.filtered();
        long deleted = outcomes.deleted();
        long quarantined = outcomes.rejected();
        long keptRows = records - quarantined - filtered - deleted;
        if (entry.rows() != keptRows) {
            throw new IllegalStateException("internal error: " + entry.rows() + " rows of " + table.name()
                    + " were written where " + keptRows + " were kept");
        }
        record(table, entry, "ingested");
        if (quarantined > 0) {
            describe(table, "quarantine");
            tables.append(IngestRecords.quarantine(load(part), runId, table, sourceFileColumn(List.of(part))),
                    Tables.QUARANTINE, runQuarantine() + "/" + table.name());
        }
        long dangling = splits.values().stream().mapToLong(Dedupe.PartitionOutcome::dangling).sum();
        boolean warns = outcomes.warned() || dangling > 0 || (mayWarn && selfReferencing)
                || (check != null && observedRows(check) != 0);
        describe(table, "warnings");
        writeWarnings(table, List.of(part),
                warns ? derive(load(part).filter(col(RowParser.QUARANTINE).isNull()), table) : null);
        done("load " + table.name(), records, t0);
        return List.of(new FileReport(entity.sourceName(), table.name(), entity.bytes(), entity.splits().size(), records,
                entry.rows(), quarantined, 0, 0, entry.rows(), quarantineByReason, Map.of(), seconds(t0), filtered,
                deleted));
    }

    /** Names the Spark jobs this thread starts next (Spark UI, listeners): table and step. */
    private void describe(TableContract table, String step) {
        spark.sparkContext().setJobDescription("ingest " + table.name() + ": " + step);
    }

    /** A part's typed records: read by its own loader (databases) or split by split. */
    private Dataset<Row> load(Planned part) {
        SourceEntity entity = part.entity();
        if (entity.loader() != null) {
            return entity.loader().load(spark, settings(part));
        }
        return ParsedRecordsSource.load(spark, plan(part));
    }

    /** A file's typed records, as {@link #load(Planned)}, whose split readers also collect their outcomes. */
    private Dataset<Row> load(Planned part, ParsedRecordsSource.Collecting collecting) {
        return ParsedRecordsSource.load(spark, plan(part), collecting);
    }

    /**
     * Whether split readers can check the table's references: text ids whose targets are
     * written and small enough to send to every executor ({@link #BROADCAST_ROWS}).
     */
    private boolean readerCheckable(TableContract table) {
        for (Reference ref : table.references()) {
            TableEntry target = state.get(ref.table());
            if (target == null || target.rows() > BROADCAST_ROWS
                    || table.column(ref.column()).orElseThrow().type() != ColumnType.STRING) {
                return false;
            }
        }
        return true;
    }

    /** The ids a reference may name, as published this run: built once per target column and broadcast. */
    private Broadcast<IdSet> idSet(Reference ref) {
        TableContract target = Tables.byName(ref.table()).orElseThrow();
        TableEntry entry = state.get(target.name());
        return idSets.computeIfAbsent(entry.path() + "#" + ref.targetColumn(), k -> {
            List<String> ids = tables.read(target, entry).select(col(ref.targetColumn()).cast("string"))
                    .as(Encoders.STRING()).collectAsList();
            return JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(IdSet.of(ids));
        });
    }

    private ParseSettings settings(Planned part) {
        return new ParseSettings(part.binding(), config.defaultZone().getId(), stageNames);
    }

    private ParsePlan plan(Planned part) {
        SourceEntity entity = part.entity();
        return new ParsePlan(settings(part), new ArrayList<>(entity.splits()), entity.opener(), entity.records(),
                entity.bytes());
    }

    /** The source name of each parsed row: a literal for one part, else chosen by {@link #PART}. */
    private static Column sourceFileColumn(List<Planned> parts) {
        if (parts.size() == 1) {
            return lit(parts.get(0).entity().sourceName());
        }
        Column out = lit(null).cast("string");
        for (int i = parts.size() - 1; i >= 0; i--) {
            out = when(col(PART).equalTo(i), lit(parts.get(i).entity().sourceName())).otherwise(out);
        }
        return out;
    }

    private static Map<Integer, Long> countByPart(Dataset<Row> rows) {
        Map<Integer, Long> out = new HashMap<>();
        for (Row r : rows.groupBy(col(PART)).count().collectAsList()) {
            out.put(r.getInt(0), r.getLong(1));
        }
        return out;
    }

    /**
     * What each part's records came to, from one aggregation: read, kept before dedupe (valid),
     * quarantined by reason, filtered and deleted.
     */
    private record PartCounts(Map<Integer, Long> read, Map<Integer, Long> valid,
                              Map<Integer, Map<String, Long>> quarantine, Map<Integer, Long> filtered,
                              Map<Integer, Long> deleted) {

        static PartCounts of(Dataset<Row> parsed, boolean several) {
            Column part = several ? col(PART) : lit(0);
            Map<Integer, Long> read = new HashMap<>();
            Map<Integer, Long> valid = new HashMap<>();
            Map<Integer, Map<String, Long>> quarantine = new HashMap<>();
            Map<Integer, Long> filtered = new HashMap<>();
            Map<Integer, Long> deleted = new HashMap<>();
            for (Row r : parsed.groupBy(part.as("p"), col(RowParser.QUARANTINE + ".reason").as("r")).count().collectAsList()) {
                int p = r.getInt(0);
                long n = r.getLong(2);
                read.merge(p, n, Long::sum);
                String reason = r.isNullAt(1) ? null : r.getString(1);
                if (reason == null) {
                    valid.merge(p, n, Long::sum);
                } else if (reason.equals(RowParser.FILTERED)) {
                    filtered.merge(p, n, Long::sum);
                } else if (reason.equals(RowParser.DELETED)) {
                    deleted.merge(p, n, Long::sum);
                } else {
                    quarantine.computeIfAbsent(p, k -> new TreeMap<>()).merge(reason, n, Long::sum);
                }
            }
            return new PartCounts(read, valid, quarantine, filtered, deleted);
        }

        long total() {
            return read.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Stage model and currency conversion, for the tables that have them. */
    private Dataset<Row> derive(Dataset<Row> rows, TableContract table) {
        return derive(rows, table, true);
    }

    /** @param spelled the rows' stages are in the current model's spelling (freshly parsed rows) */
    private Dataset<Row> derive(Dataset<Row> rows, TableContract table, boolean spelled) {
        Dataset<Row> out = rows;
        if (table.column("stage_category").isPresent()) {
            out = StageDerivation.apply(out, stageModel, table, spelled);
        }
        if (CurrencyConversion.conversionDate(table).isPresent()) {
            out = CurrencyConversion.apply(out, rateSegments, config.reportingCurrency(), table);
        }
        return out;
    }

    private boolean needsRederive(TableContract table) {
        return (stagesChanged && table.column("stage_category").isPresent())
                || (ratesChanged && CurrencyConversion.conversionDate(table).isPresent());
    }

    private Dataset<Row> rederiveIfNeeded(Dataset<Row> existing, TableContract table) {
        return needsRederive(table) ? derive(existing, table, false).select(ContractSchemas.columns(table)) : existing;
    }

    /** A table the export lacks, in an incremental run: reused as it is, or rewritten when the stage model or rates changed. */
    private void keepExisting(TableContract table, TableEntry entry) {
        if (needsRederive(table) && entry.rows() > 0) {
            long t0 = System.nanoTime();
            Dataset<Row> rows = rederiveIfNeeded(tables.read(table, entry), table);
            TableEntry written = tables.write(rows, table, directory(table), false, entry.rows() < SINGLE_FILE_ROWS);
            record(table, written, "rederived");
            done("rederive " + table.name(), written.rows(), t0);
        } else {
            state.put(table.name(), entry);
            outcomes.put(table.name(), new TableOutcome("reused", entry.rows(), entry.path()));
        }
    }

    private void writeDefaultStages() {
        List<Row> rows = DefaultStageModel.STAGES.stream().map(s -> RowFactory.create(s.stage(), s.position(),
                s.probability(), s.category(), s.forecastCategory())).toList();
        Dataset<Row> model = spark.createDataFrame(rows, ContractSchemas.schema(Tables.STAGES));
        record(Tables.STAGES, tables.write(model, Tables.STAGES, directory(Tables.STAGES), false, true), "default_model");
    }

    private void loadStageModel() {
        List<Row> rows = tables.read(Tables.STAGES, state.get(Tables.STAGES.name())).collectAsList();
        Map<String, String> names = new LinkedHashMap<>();
        rows.stream().sorted((a, b) -> Integer.compare(a.getInt(1), b.getInt(1)))
                .forEach(r -> names.put(r.getString(0).strip().toLowerCase(Locale.ROOT), r.getString(0)));
        stageNames = names;
        stageModel = spark.createDataFrame(rows, ContractSchemas.schema(Tables.STAGES));
    }

    private void loadRates() {
        List<RateSegments.Rate> rates = new ArrayList<>();
        for (Row r : tables.read(Tables.EXCHANGE_RATES, state.get(Tables.EXCHANGE_RATES.name())).collectAsList()) {
            rates.add(new RateSegments.Rate(r.getString(0), r.getDouble(1), r.getDate(2).toLocalDate(),
                    r.isNullAt(3) ? null : r.getDate(3).toLocalDate()));
        }
        rateSegments = CurrencyConversion.segments(spark, RateSegments.of(rates, config.reportingCurrency()));
    }

    /**
     * Writes the warnings of a table's parts to the run directory: unknown columns and planning
     * notes per part, and the warnings of the kept rows (null: none can have one).
     */
    private void writeWarnings(TableContract table, List<Planned> parts, Dataset<Row> kept) {
        List<Row> unknown = new ArrayList<>();
        for (Planned p : parts) {
            HeaderBinding binding = p.binding();
            String file = p.entity().sourceName();
            for (int f : binding.unknownFields()) {
                String name = binding.header().get(f).strip();
                unknown.add(RowFactory.create(runId, table.name(), file, 1L, IngestRecords.UNKNOWN_COLUMN, name,
                        binding.header().get(f), "column '" + name + "' (field " + (f + 1) + " of the header) is not part of "
                                + table.fileName() + " in crm-export-v1; its values are ignored"));
            }
            for (SourceEntity.PlanNote note : p.entity().notes()) {
                unknown.add(RowFactory.create(runId, table.name(), file, 1L, note.kind(), note.column(), note.rawValue(),
                        note.message()));
            }
        }
        Dataset<Row> rows = kept;
        if (kept == null) {
            if (!unknown.isEmpty()) {
                tables.append(spark.createDataFrame(unknown, ContractSchemas.schema(Tables.INGEST_WARNINGS)),
                        Tables.INGEST_WARNINGS, runWarnings() + "/" + table.name());
            }
            return;
        }
        if (!table.references().isEmpty()) {
            rows = References.withHits(kept, table, referenceKeys(table));
        }
        Dataset<Row> warnings = spark.createDataFrame(unknown, ContractSchemas.schema(Tables.INGEST_WARNINGS))
                .unionByName(IngestRecords.warnings(rows, runId, table, sourceFileColumn(parts)));
        tables.append(warnings, Tables.INGEST_WARNINGS, runWarnings() + "/" + table.name());
    }

    /** For each reference column of {@code table}, the ids of its target as published. */
    private Map<String, Dataset<Row>> referenceKeys(TableContract table) {
        Map<String, Dataset<Row>> keys = new HashMap<>();
        for (Reference ref : table.references()) {
            TableContract target = Tables.byName(ref.table()).orElseThrow();
            TableEntry entry = state.get(target.name());
            if (entry == null) {
                throw new IllegalStateException(table.name() + "." + ref.column() + " references " + target.name()
                        + ", which is loaded after it; fix the load order in Tables.SOURCES");
            }
            keys.put(ref.column(), ids(target, ref.targetColumn(), entry));
        }
        return keys;
    }

    /**
     * The rows an observed write counted, or -1 when the count did not arrive (then the caller
     * must assume there are some).
     */
    private static long observedRows(Observation check) {
        try {
            Row row = scala.concurrent.Await.result(check.future(),
                    scala.concurrent.duration.Duration.create(OBSERVATION_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS));
            return row.isNullAt(0) ? -1 : row.getLong(0);
        } catch (java.util.concurrent.TimeoutException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * The ids of a table as published: small sets are collected once per run and joined from the
     * driver, larger ones are read per use and broadcast up to {@link #BROADCAST_ROWS}.
     */
    private Dataset<Row> ids(TableContract table, String column, TableEntry entry) {
        Dataset<Row> ids = tables.read(table, entry).select(col(column));
        if (entry.rows() > SMALL_ROWS) {
            return entry.rows() <= BROADCAST_ROWS ? broadcast(ids) : ids;
        }
        String key = entry.path() + "#" + column;
        Dataset<Row> local = smallIds.get(key);
        if (local == null) {
            local = spark.createDataFrame(ids.collectAsList(), ids.schema());
            smallIds.putIfAbsent(key, local);
        }
        return local;
    }

    /** Fills in each file's warning counts from what the run wrote. */
    private void countWarnings() {
        if (!tables.exists(runWarnings())) {
            return;
        }
        Map<String, Map<String, Long>> byFile = new HashMap<>();
        Dataset<Row> counts = runRows(Tables.INGEST_WARNINGS, runWarnings())
                .groupBy("table_name", "source_file", "kind").count();
        for (Row r : counts.collectAsList()) {
            byFile.computeIfAbsent(r.getString(0) + "/" + r.getString(1), k -> new TreeMap<>())
                    .put(r.getString(2), r.getLong(3));
        }
        files.replaceAll(f -> f.withWarnings(byFile.getOrDefault(f.table() + "/" + f.file(), Map.of())));
    }

    /** The warehouse's quarantine or warnings table: the previous one's rows plus this run's. */
    private void appendToWarehouse(TableContract table, String runDirectory) {
        Optional<TableEntry> previous = current.flatMap(m -> m.table(table.name()));
        boolean any = tables.exists(runDirectory);
        if (!any && previous.isPresent()) {
            return;
        }
        if (!any) {
            record(table, tables.writeEmpty(table, directory(table)), "emptied");
            return;
        }
        Dataset<Row> rows = runRows(table, runDirectory);
        long estimate = previous.map(TableEntry::rows).orElse(0L);
        if (previous.isPresent()) {
            rows = tables.read(table, previous.get()).unionByName(rows);
        }
        record(table, tables.write(rows, table, directory(table), false, estimate < SINGLE_FILE_ROWS), "appended");
    }

    /** What the run wrote to one of its directories, one subdirectory per table. */
    private Dataset<Row> runRows(TableContract table, String runDirectory) {
        try {
            List<String> parts = storage.list(runDirectory).stream().filter(n -> !n.startsWith(".") && !n.startsWith("_"))
                    .map(n -> runDirectory + "/" + n).toList();
            return tables.readDirectories(table, parts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void record(TableContract table, TableEntry entry, String action) {
        state.put(table.name(), entry);
        changes.put(table.name(), entry);
        writtenDirectories.add(entry.path());
        outcomes.put(table.name(), new TableOutcome(action, entry.rows(), entry.path()));
    }

    private String directory(TableContract table) {
        return WarehouseLayout.tableDirectory(table.name(), runId);
    }

    private String runQuarantine() {
        return WarehouseLayout.runDirectory(runId) + "/quarantine";
    }

    private String runWarnings() {
        return WarehouseLayout.runDirectory(runId) + "/ingest_warnings";
    }

    private String mode() {
        return options.full() ? "full" : "incremental";
    }

    /** An incremental run must use the settings the warehouse was built with. */
    private void checkSettings() {
        if (current.isEmpty()) {
            return;
        }
        Map<String, String> built = current.get().settings();
        List<String> differences = new ArrayList<>();
        String currency = built.get(SETTING_CURRENCY);
        if (currency != null && !currency.equals(config.reportingCurrency())) {
            differences.add("reporting currency " + currency + " (this run: " + config.reportingCurrency()
                    + "; --currency / SALESCOPE_CURRENCY)");
        }
        String zone = built.get(SETTING_ZONE);
        if (zone != null && !zone.equals(config.defaultZone().getId())) {
            differences.add("default zone " + zone + " (this run: " + config.defaultZone().getId()
                    + "; --zone / SALESCOPE_TIME_ZONE)");
        }
        if (!differences.isEmpty()) {
            throw new SalescopeException("the warehouse's version " + current.get().version() + " was built with "
                    + String.join(" and ", differences) + "; an incremental ingest must use the same settings,"
                    + " or re-ingest the whole export with --full to rebuild it with the new ones");
        }
    }

    private SalescopeException fail(String message, Throwable cause) {
        deleteWrittenDirectories();
        String where = current.map(m -> "version " + m.version() + " stays current").orElse("no version was published");
        try {
            IngestReport report = report(IngestReport.FAILED, null, 0, message);
            writeReport(report);
            progress.message(report.summary().stripTrailing());
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
        return new SalescopeException(message + " (nothing was published; " + where + "; run report: "
                + storage.location(WarehouseLayout.runReport(runId)) + ")", cause);
    }

    private void deleteWrittenDirectories() {
        List<String> written;
        synchronized (writtenDirectories) {
            written = new ArrayList<>(writtenDirectories);
        }
        for (String dir : written) {
            try {
                storage.delete(dir);
            } catch (IOException | RuntimeException e) {
                progress.message("  could not remove " + dir + " (" + e.getMessage() + "); the next run removes it");
            }
        }
        writtenDirectories.clear();
    }

    private IngestReport report(String status, Long version, double rejectRate, String error) {
        Instant finished = Instant.now();
        Map<String, String> settings = Map.of(
                SETTING_CURRENCY, config.reportingCurrency(),
                SETTING_ZONE, config.defaultZone().getId(),
                SETTING_FISCAL_START, String.valueOf(config.fiscalYearStartMonth()));
        return new IngestReport(runId, KIND, status, version, current.map(VersionManifest::version).orElse(null),
                source.location(), mode(), started, finished, Duration.between(started, finished).toMillis() / 1000.0,
                settings, options.maxRejectRate(), rejectRate, reported(), Totals.of(reported()), ordered(outcomes),
                orderedTimings(), ignoredFiles(), error);
    }

    /** The file reports: all of them once loading finished, else those done so far. */
    private List<FileReport> reported() {
        if (!files.isEmpty()) {
            return files;
        }
        List<FileReport> out = new ArrayList<>();
        ordered(fileReports).values().forEach(out::addAll);
        return out;
    }

    /** A map by table name in load order (entity tables, then quarantine and warnings). */
    private static <V> Map<String, V> ordered(Map<String, V> byTable) {
        Map<String, V> out = new LinkedHashMap<>();
        for (TableContract t : Tables.all()) {
            if (byTable.containsKey(t.name())) {
                out.put(t.name(), byTable.get(t.name()));
            }
        }
        byTable.forEach(out::putIfAbsent);
        return out;
    }

    private Map<String, Double> orderedTimings() {
        Map<String, Double> out = new LinkedHashMap<>();
        if (timings.containsKey("scan")) {
            out.put("scan", timings.get("scan"));
        }
        out.putAll(ordered(timings));
        return out;
    }

    private List<String> ignoredFiles() {
        try {
            return source.ignored();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private void writeReport(IngestReport report) {
        try {
            storage.writeAtomically(WarehouseLayout.runReport(runId), Json.write(report));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run report " + storage.location(WarehouseLayout.runReport(runId)), e);
        }
    }

    /** One line per finished table (tables load concurrently, so no live bars here). */
    private void done(String what, long rows, long startNanos) {
        progress.message(String.format(Locale.ROOT, "  %-28s %,12d rows  %s", what, rows,
                Progress.formatElapsed(Duration.ofNanos(System.nanoTime() - startNanos))));
    }

    private static double seconds(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e6) / 1000.0;
    }
}
