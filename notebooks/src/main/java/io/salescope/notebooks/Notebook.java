package io.salescope.notebooks;

import io.salescope.core.SalescopeException;
import io.salescope.core.config.SalescopeConfig;
import io.salescope.core.contract.Column;
import io.salescope.core.contract.TableContract;
import io.salescope.core.contract.Tables;
import io.salescope.core.progress.Progress;
import io.salescope.core.store.LocalStorage;
import io.salescope.core.store.VersionManifest;
import io.salescope.core.store.VersionStore;
import io.salescope.ingest.IngestJob;
import io.salescope.ingest.IngestOptions;
import io.salescope.ingest.IngestReport;
import io.salescope.ingest.generate.CrmGenerator;
import io.salescope.ingest.generate.GenerateSettings;
import io.salescope.ingest.spark.Sparks;
import io.salescope.notebooks.kernel.Interrupts;
import io.salescope.warehouse.engine.DuckDbMetricEngine;
import io.salescope.warehouse.marts.MartTables;
import io.salescope.warehouse.marts.MartsJob;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What every notebook starts from: the configuration (the same environment variables as the
 * launcher), one Spark session for the kernel, the current warehouse (loaded from the sample
 * export when the data directory has none yet), the query engine and DuckDB over the
 * published Parquet tables.
 *
 * <p>Paths: {@code SALESCOPE_DATA} (default {@code <repo>/data}) and
 * {@code SALESCOPE_SAMPLE_EXPORT}, when relative, are taken from the repository root
 * ({@code SALESCOPE_HOME}, which {@code salescope notebook} sets), not from the notebook's
 * folder, so every notebook reads the same warehouse as the command line.
 */
public final class Notebook {

    public static final String ENV_HOME = "SALESCOPE_HOME";
    public static final String ENV_SAMPLE_EXPORT = "SALESCOPE_SAMPLE_EXPORT";
    /** Scale of the generated sample export: about 2,000 opportunities, like the dev fixture. */
    public static final double SAMPLE_SCALE = 0.2;
    public static final long SAMPLE_SEED = 42;

    private static SparkSession spark;

    private Notebook() {
    }

    /** The repository root: {@code SALESCOPE_HOME}, else the nearest folder above holding the launcher. */
    public static Path home() {
        String env = System.getenv(ENV_HOME);
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath().normalize();
        }
        Path p = Path.of("").toAbsolutePath();
        for (Path q = p; q != null; q = q.getParent()) {
            if (Files.isRegularFile(q.resolve("salescope")) && Files.isRegularFile(q.resolve("pom.xml"))) {
                return q;
            }
        }
        return p;
    }

    /** The settings of the launcher's environment variables, with the data directory made absolute. */
    public static SalescopeConfig config() {
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        env.put(SalescopeConfig.ENV_DATA, dataDir().toString());
        return SalescopeConfig.fromEnvironment(env);
    }

    public static Path dataDir() {
        String env = System.getenv(SalescopeConfig.ENV_DATA);
        Path dir = env == null || env.isBlank() ? home().resolve("data") : home().resolve(env);
        return dir.toAbsolutePath().normalize();
    }

    /**
     * The kernel's Spark session, started on first use ({@code SALESCOPE_SPARK_MASTER}, else
     * {@code local[*]}). Interrupting a cell cancels its Spark jobs.
     */
    public static synchronized SparkSession spark() {
        if (spark == null) {
            spark = Sparks.session("salescope-notebook", null, Map.of(
                    "spark.driver.host", "127.0.0.1",
                    "spark.driver.bindAddress", "127.0.0.1"));
            SparkSession session = spark;
            Interrupts.onInterrupt(() -> session.sparkContext().cancelAllJobs());
        }
        return spark;
    }

    /** Progress of the salescope jobs as plain lines in the cell's output. */
    public static Progress progress() {
        return Progress.plain(System.out);
    }

    /**
     * The export the notebooks load into an empty warehouse: {@code SALESCOPE_SAMPLE_EXPORT}
     * (the dev fixture in CI), else a demo export generated for the reference date (scale
     * {@value #SAMPLE_SCALE}, seed {@value #SAMPLE_SEED}: the same files every time, kept in
     * the temp folder).
     */
    public static Path sampleExport() {
        String env = System.getenv(ENV_SAMPLE_EXPORT);
        if (env != null && !env.isBlank()) {
            Path dir = home().resolve(env).toAbsolutePath().normalize();
            if (!Files.isRegularFile(dir.resolve("opportunities.csv"))) {
                throw new SalescopeException(ENV_SAMPLE_EXPORT + " names " + dir + ", which holds no opportunities.csv;"
                        + " point it at a CRM export folder (crm-export-v1), e.g. ../shared/fixtures/dev-crm");
            }
            return dir;
        }
        SalescopeConfig config = config();
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "salescope-notebooks",
                "demo-export-" + config.referenceDate() + "-scale" + SAMPLE_SCALE + "-seed" + SAMPLE_SEED + "-"
                        + config.reportingCurrency() + "-fy" + config.fiscalYearStartMonth());
        if (Files.isRegularFile(dir.resolve("opportunities.csv"))) {
            return dir;
        }
        try {
            Files.createDirectories(dir.getParent());
            Path draft = Files.createTempDirectory(dir.getParent(), "draft-");
            System.out.println("Generating a demo export (scale " + SAMPLE_SCALE + ", seed " + SAMPLE_SEED + ", snapshot "
                    + config.referenceDate() + ") in " + dir);
            new CrmGenerator(new GenerateSettings(draft, SAMPLE_SCALE, SAMPLE_SEED, config.referenceDate(), false,
                    config.fiscalYearStartMonth(), config.reportingCurrency()), Progress.none()).generate();
            try {
                Files.move(draft, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // Another kernel generated the same files meanwhile.
                deleteRecursively(draft);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot generate the demo export in " + dir, e);
        }
    }

    /**
     * The current warehouse version. When the data directory has none yet, loads the
     * {@linkplain #sampleExport() sample export} first: ingest, then the marts (what
     * {@code salescope ingest} and {@code salescope build} do).
     */
    public static VersionManifest warehouse() {
        SalescopeConfig config = config();
        VersionStore store = new VersionStore(LocalStorage.forDataDir(config.dataDir()));
        Optional<VersionManifest> current = store.current();
        if (current.isPresent()) {
            return current.get();
        }
        Path export = sampleExport();
        System.out.println("The warehouse in " + config.dataDir() + " is empty: loading " + export
                + " (ingest, then build), as 'salescope ingest' and 'salescope build' would.");
        IngestReport report = IngestJob.run(spark(), config, IngestOptions.of(export.toString()), progress());
        if (!IngestReport.PUBLISHED.equals(report.status())) {
            throw new SalescopeException("loading " + export + " published nothing (" + report.status() + "): "
                    + report.error());
        }
        MartsJob.run(spark(), config, progress());
        return store.current().orElseThrow();
    }

    /** A query engine over the current version, with the data directory's metric catalog. Close it when done. */
    public static DuckDbMetricEngine engine() {
        warehouse();
        return DuckDbMetricEngine.open(config());
    }

    /**
     * An in-memory DuckDB database with one view per table of the current version, reading
     * its Parquet files where they are. Close it when done.
     */
    public static Connection duckdb() throws SQLException {
        VersionManifest manifest = warehouse();
        LocalStorage storage = LocalStorage.forDataDir(config().dataDir());
        Connection c = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement st = c.createStatement()) {
            st.execute("SET TimeZone = 'UTC'");
            for (Map.Entry<String, VersionManifest.TableEntry> e : manifest.tables().entrySet()) {
                String name = e.getKey();
                if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
                    continue;
                }
                Path dir = storage.resolve(e.getValue().path());
                if (hasParquet(dir)) {
                    st.execute("CREATE VIEW " + name + " AS SELECT * FROM read_parquet('"
                            + dir.toString().replace("'", "''") + "/**/*.parquet', hive_partitioning = "
                            + !e.getValue().partitionBy().isEmpty() + ", union_by_name = true)");
                } else {
                    contract(name).ifPresent(t -> createEmptyView(st, t));
                }
            }
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** Runs one query on DuckDB over the current version; {@code ?} parameters are bound, never spliced. */
    public static Table query(String sql, Object... parameters) throws SQLException {
        try (Connection c = duckdb(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            return Table.of(ps.executeQuery(), Display.MAX_ROWS);
        }
    }

    /** A new empty folder under the temp folder, removed when the kernel stops. */
    public static Path tempDir(String prefix) {
        try {
            Path dir = Files.createTempDirectory("salescope-" + prefix + "-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder", e);
        }
    }

    /** The settings the notebook runs with, for its first cell. */
    public static Table settings() {
        SalescopeConfig c = config();
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("data directory (SALESCOPE_DATA)", c.dataDir()));
        rows.add(List.of("reference date (SALESCOPE_TODAY)", c.referenceDate()
                + (c.today().isPresent() ? "" : " (the real date; set SALESCOPE_TODAY to fix it)")));
        rows.add(List.of("reporting currency", c.reportingCurrency()));
        rows.add(List.of("default time zone", c.defaultZone().getId()));
        rows.add(List.of("fiscal year starts in month", c.fiscalYearStartMonth()));
        String sample = System.getenv(ENV_SAMPLE_EXPORT);
        rows.add(List.of("sample export (SALESCOPE_SAMPLE_EXPORT)", sample == null || sample.isBlank()
                ? "a generated demo export (scale " + SAMPLE_SCALE + ")" : sample));
        String master = System.getenv(Sparks.ENV_MASTER);
        rows.add(List.of("Spark master", master == null ? "local[*]" : master));
        rows.add(List.of("Java", System.getProperty("java.version")));
        return Table.of(List.of("setting", "value"), rows);
    }

    private static Optional<TableContract> contract(String name) {
        return Tables.byName(name).or(() -> MartTables.byName(name));
    }

    private static void createEmptyView(Statement st, TableContract t) {
        List<String> columns = new ArrayList<>();
        for (Column col : t.columns()) {
            columns.add("CAST(NULL AS " + col.type().duckDbType() + ") AS " + col.name());
        }
        try {
            st.execute("CREATE VIEW " + t.name() + " AS SELECT " + String.join(", ", columns) + " WHERE false");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the empty view " + t.name() + ": " + e.getMessage(), e);
        }
    }

    private static boolean hasParquet(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.anyMatch(p -> p.getFileName().toString().endsWith(".parquet"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // Best effort: what is left is in the temp folder.
                }
            });
        } catch (IOException ignored) {
            // Best effort, as above.
        }
    }
}
