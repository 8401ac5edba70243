package io.salescope.warehouse.marts;

import com.fasterxml.jackson.databind.JsonNode;
import io.salescope.core.SalescopeException;
import io.salescope.core.config.SalescopeConfig;
import io.salescope.core.contract.TableContract;
import io.salescope.core.contract.Tables;
import io.salescope.core.json.Json;
import io.salescope.core.progress.Progress;
import io.salescope.core.store.LocalStorage;
import io.salescope.core.store.VersionManifest;
import io.salescope.core.store.VersionStore;
import io.salescope.core.store.WarehouseLayout;
import io.salescope.ingest.spark.Sparks;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MartsJobTest {

    private static SparkSession spark;

    /** Rows of each mart on the fixture; each figure is worked out in the mart's own test. */
    private static final Map<String, Long> FIXTURE_ROWS = Map.of(
            "mart_team_tree", 8L, "mart_user_teams", 13L, "mart_pipeline_history", 41L,
            "mart_pipeline_snapshots", 37L, "mart_stage_funnel", 84L, "mart_bookings", 9L,
            "mart_quota_attainment", 34L, "mart_activity_counts", 5L, "mart_lead_conversion", 4L,
            "mart_sales_cycle", 7L);

    @BeforeAll
    static void start() {
        spark = Sparks.forTests("marts-job-test");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static VersionManifest publishFixture(Path dataDir) {
        return TestTables.publish(spark, dataDir, TestTables.withEmptyTables(spark, SalesFixture.frames(spark)));
    }

    @Test
    void build_publishes_one_version_with_the_base_tables_unchanged_and_every_mart(@TempDir Path data) throws Exception {
        VersionManifest base = publishFixture(data);
        ByteArrayOutputStream progressOut = new ByteArrayOutputStream();

        BuildReport report = MartsJob.run(spark, SalesFixture.config(data),
                Progress.plain(new PrintStream(progressOut, true, StandardCharsets.UTF_8)));

        VersionStore store = new VersionStore(new LocalStorage(data));
        VersionManifest built = store.current().orElseThrow();
        assertThat(report.succeeded()).isTrue();
        assertThat(report.baseVersion()).isEqualTo(base.version());
        assertThat(built.version()).isEqualTo(report.version()).isEqualTo(base.version() + 1);
        assertThat(built.kind()).isEqualTo("build");
        assertThat(built.parent()).isEqualTo(base.version());
        assertThat(built.runId()).isEqualTo(report.runId());
        assertThat(built.settings()).isEqualTo(base.settings());
        assertThat(built.properties()).containsEntry("marts_reference_date", "2026-05-15")
                .containsEntry("marts_fiscal_year_start_month", "4")
                .containsEntry("marts_time_zone", "Asia/Shanghai");

        // Every base table, with the very same directory and row count: nothing was copied.
        base.tables().forEach((name, entry) -> assertThat(built.tables()).containsEntry(name, entry));
        assertThat(base.tables()).containsKeys(Tables.SOURCES.stream().map(TableContract::name).toArray(String[]::new));

        for (TableContract mart : MartTables.ALL) {
            VersionManifest.TableEntry entry = built.table(mart.name()).orElseThrow();
            assertThat(entry.path()).isEqualTo(WarehouseLayout.tableDirectory(mart.name(), report.runId()));
            assertThat(entry.rows()).as(mart.name()).isEqualTo(FIXTURE_ROWS.get(mart.name()));
            // The files themselves carry the contract's types (read without a schema) and zstd.
            String location = data.resolve(entry.path()).toString();
            assertThat(TestTables.columnTypes(spark.read().parquet(location))).as(mart.name())
                    .containsExactlyEntriesOf(TestTables.columnTypes(mart));
            assertThat(spark.read().parquet(location).count()).isEqualTo(entry.rows());
            assertThat(codecsOf(data.resolve(entry.path()))).as(mart.name()).containsOnly(CompressionCodecName.ZSTD);
        }
        assertThat(built.tables()).hasSize(base.tables().size() + MartTables.ALL.size());

        JsonNode written = Json.mapper().readTree(data.resolve(WarehouseLayout.runReport(report.runId())).toFile());
        assertThat(written.get("status").asText()).isEqualTo("succeeded");
        assertThat(written.get("version").asLong()).isEqualTo(built.version());
        assertThat(written.get("marts")).hasSize(MartTables.ALL.size());
        assertThat(written.get("marts").get(2).get("name").asText()).isEqualTo("mart_pipeline_history");
        assertThat(written.get("marts").get(2).get("rows").asLong()).isEqualTo(41);

        String progress = progressOut.toString(StandardCharsets.UTF_8);
        assertThat(progress).contains("marts from warehouse version " + base.version())
                .contains("published warehouse version " + built.version());
        assertThat(progress).containsPattern("mart_pipeline_history\\s+41 rows");
        assertThat(progress).containsPattern("mart_quota_attainment\\s+34 rows");
        assertThat(store.storage().exists(WarehouseLayout.LOCK)).isFalse();
    }

    @Test
    void a_build_replaces_the_previous_builds_marts_and_retain_keeps_the_base_tables(@TempDir Path data)
            throws IOException {
        VersionManifest base = publishFixture(data);
        // A previous build on the same base: a mart this build makes again and one it no longer makes.
        Map<String, VersionManifest.TableEntry> previousTables = new LinkedHashMap<>(base.tables());
        for (String mart : List.of("mart_bookings", "mart_retired")) {
            String dir = WarehouseLayout.tableDirectory(mart, "old-run");
            Files.createDirectories(data.resolve(dir));
            Files.writeString(data.resolve(dir).resolve("part-0.parquet"), "old");
            previousTables.put(mart, new VersionManifest.TableEntry(dir, 1, List.of()));
        }
        VersionStore store = new VersionStore(new LocalStorage(data));
        VersionManifest previous = store.publish(new VersionManifest(VersionManifest.FORMAT, 0, base.version(),
                Instant.now(), "old-run", "build", base.settings(), previousTables, Map.of()));
        SalescopeConfig keepOne = new SalescopeConfig(data.toString(), "USD", SalesFixture.ZONE,
                SalesFixture.FISCAL_START, Optional.of(SalesFixture.TODAY), 1);

        BuildReport report = MartsJob.run(spark, keepOne, Progress.none());

        VersionManifest built = store.current().orElseThrow();
        assertThat(built.parent()).isEqualTo(previous.version());
        base.tables().forEach((name, entry) -> assertThat(built.tables()).containsEntry(name, entry));
        assertThat(built.table("mart_bookings").orElseThrow().path())
                .isEqualTo(WarehouseLayout.tableDirectory("mart_bookings", report.runId()));
        assertThat(built.table("mart_retired")).isEmpty();
        assertThat(built.tables()).hasSize(base.tables().size() + MartTables.ALL.size());
        // Keeping one version removed the ingest version and the previous build, and the previous
        // build's mart directories, but not the base tables the new version still names.
        assertThat(report.versionsDeleted()).containsExactly(base.version(), previous.version());
        assertThat(store.versions()).containsExactly(built.version());
        assertThat(data.resolve(WarehouseLayout.tableDirectory("mart_bookings", "old-run"))).doesNotExist();
        assertThat(data.resolve(WarehouseLayout.tableDirectory("mart_retired", "old-run"))).doesNotExist();
        base.tables().values().forEach(e -> assertThat(data.resolve(e.path())).isDirectory());
    }

    @Test
    void a_mart_that_fails_leaves_the_previous_version_current_and_nothing_behind(@TempDir Path data) throws IOException {
        VersionManifest base = publishFixture(data);
        // History feeds mart_pipeline_history, computed after two other marts have been written.
        Path history = data.resolve(base.table("opportunity_history").orElseThrow().path());
        try (Stream<Path> files = Files.list(history)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".parquet")).toList()) {
                Files.writeString(f, "this is not parquet");
            }
        }
        VersionStore store = new VersionStore(new LocalStorage(data));

        assertThatThrownBy(() -> MartsJob.run(spark, SalesFixture.config(data), Progress.none()))
                .isInstanceOf(SalescopeException.class)
                .hasMessageContaining("computing mart_pipeline_history")
                .hasMessageContaining("warehouse version " + base.version() + " is still current");

        assertThat(store.currentVersion()).contains(base.version());
        assertThat(store.versions()).containsExactly(base.version());
        for (TableContract mart : MartTables.ALL) {
            assertThat(store.storage().list(WarehouseLayout.TABLES + "/" + mart.name())).as(mart.name()).isEmpty();
        }
        assertThat(store.storage().exists(WarehouseLayout.LOCK)).isFalse();
        List<String> runs = store.storage().list(WarehouseLayout.RUNS);
        assertThat(runs).hasSize(1);
        JsonNode report = Json.mapper().readTree(data.resolve(WarehouseLayout.runReport(runs.get(0))).toFile());
        assertThat(report.get("status").asText()).isEqualTo("failed");
        assertThat(report.get("version").isNull()).isTrue();
        assertThat(report.get("error").asText()).contains("mart_pipeline_history");
        assertThat(report.get("marts")).hasSize(2);
    }

    @Test
    void build_without_a_published_version_asks_to_run_ingest_first(@TempDir Path data) {
        assertThatThrownBy(() -> MartsJob.run(spark, SalesFixture.config(data), Progress.none()))
                .isInstanceOf(SalescopeException.class)
                .hasMessageContaining("no warehouse version")
                .hasMessageContaining("run salescope ingest first");
        assertThat(data.resolve(WarehouseLayout.RUNS)).doesNotExist();
    }

    @Test
    void build_refuses_to_run_while_another_run_holds_the_lock(@TempDir Path data) {
        VersionStore store = new VersionStore(new LocalStorage(data));
        VersionManifest base = store.publish(new VersionManifest(VersionManifest.FORMAT, 0, 0, Instant.now(),
                "ingest-run", "ingest", Map.of(), Map.of(), Map.of()));

        try (VersionStore.WriterLock ignored = store.lock("ingest-in-progress")) {
            assertThatThrownBy(() -> MartsJob.run(spark, SalesFixture.config(data), Progress.none()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("ingest-in-progress");
        }
        assertThat(store.currentVersion()).contains(base.version());
    }

    private static List<CompressionCodecName> codecsOf(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".parquet"))
                    .flatMap(f -> {
                        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
                                new org.apache.hadoop.fs.Path(f.toUri()), new Configuration()))) {
                            return reader.getFooter().getBlocks().stream()
                                    .flatMap(b -> b.getColumns().stream().map(c -> c.getCodec()))
                                    .toList().stream();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .toList();
        }
    }
}
