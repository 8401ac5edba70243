package io.salescope.ingest;

import io.salescope.core.contract.Column;
import io.salescope.core.contract.TableContract;
import io.salescope.core.contract.Tables;
import io.salescope.core.progress.Progress;
import io.salescope.core.store.VersionManifest;
import io.salescope.ingest.spark.Sparks;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.salescope.ingest.Exports.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The shared dev fixture (a realistic export, all 13 files) ingests cleanly, and DuckDB reads
 * the Spark-written warehouse with the types and values the table contracts promise.
 */
class DevFixtureIngestIT {

    static final Path FIXTURE = Path.of("/work/shared/fixtures/dev-crm");

    static SparkSession spark;
    @TempDir
    static Path tmp;
    static Path data;
    static IngestReport report;
    static VersionManifest manifest;

    @BeforeAll
    static void ingestTheFixture() {
        spark = Sparks.forTests("dev-fixture-it");
        data = tmp.resolve("data");
        report = IngestJob.run(spark, Exports.config(data), IngestOptions.of(FIXTURE.toString()), Progress.none());
        manifest = Exports.current(data).orElseThrow();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void every_file_loads_without_quarantine_and_conserves_its_records() {
        assertThat(report.status()).isEqualTo(IngestReport.PUBLISHED);
        Map<String, Long> read = new LinkedHashMap<>();
        report.files().forEach(f -> read.put(f.file(), f.rowsRead()));
        assertThat(read).containsExactly(
                Map.entry("teams.csv", 8L), Map.entry("users.csv", 19L), Map.entry("accounts.csv", 200L),
                Map.entry("contacts.csv", 514L), Map.entry("products.csv", 8L), Map.entry("stages.csv", 6L),
                Map.entry("exchange_rates.csv", 76L), Map.entry("opportunities.csv", 2000L),
                Map.entry("opportunity_history.csv", 7826L), Map.entry("activities.csv", 10000L),
                Map.entry("tasks.csv", 1250L), Map.entry("quotas.csv", 165L), Map.entry("leads.csv", 3000L));
        assertThat(report.totals().rowsQuarantined()).isZero();
        assertThat(report.totals().warnings()).isEmpty();
        assertThat(report.files()).allMatch(IngestReport.FileReport::conserved);
        // Four stage changes share (opportunity_id, changed_at) with the next one; they are distinct
        // changes (another stage), so the contract key (opportunity_id, changed_at, stage) keeps both.
        assertThat(report.file("opportunity_history.csv").duplicatesReplaced()).isZero();
        assertThat(report.totals().duplicatesReplaced()).isZero();
        report.files().forEach(f -> assertThat(manifest.table(f.table()).orElseThrow().rows())
                .as(f.file()).isEqualTo(f.rowsLoaded()));
        System.out.println(report.summary() + "timings " + report.timings());
    }

    @Test
    void the_stage_model_comes_from_stages_csv() {
        assertThat(report.tables().get("stages").action()).isEqualTo("ingested");
        assertThat(manifest.table("stages").orElseThrow().rows()).isEqualTo(6);
    }

    static Connection duck() throws SQLException {
        return DriverManager.getConnection("jdbc:duckdb:");
    }

    static String scan(String table) {
        VersionManifest.TableEntry entry = manifest.table(table).orElseThrow();
        String glob = data.resolve(entry.path()) + (entry.partitionBy().isEmpty() ? "/*.parquet" : "/**/*.parquet");
        if (entry.partitionBy().isEmpty()) {
            return "read_parquet('" + glob + "')";
        }
        TableContract contract = Tables.byName(table).orElseThrow();
        List<String> types = new ArrayList<>();
        for (String p : entry.partitionBy()) {
            types.add("'" + p + "': " + contract.column(p).orElseThrow().type().duckDbType());
        }
        return "read_parquet('" + glob + "', hive_partitioning = true, hive_types = {" + String.join(", ", types) + "})";
    }

    @Test
    void duckdb_reads_every_table_with_the_contract_columns_and_types() throws SQLException {
        List<String> ingested = new ArrayList<>(Tables.SOURCES.stream().map(TableContract::name).toList());
        ingested.addAll(List.of(Tables.QUARANTINE.name(), Tables.INGEST_WARNINGS.name()));
        assertThat(manifest.tables().keySet()).containsAll(ingested);
        try (Connection c = duck(); Statement s = c.createStatement()) {
            for (TableContract table : Tables.all()) {
                if (manifest.table(table.name()).isEmpty()) {
                    continue; // written by later jobs (forecasts), not by ingest
                }
                Map<String, String> actual = new LinkedHashMap<>();
                try (ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM " + scan(table.name()))) {
                    while (rs.next()) {
                        actual.put(rs.getString("column_name"), rs.getString("column_type"));
                    }
                }
                Map<String, String> expected = new LinkedHashMap<>();
                for (Column col : table.columns()) {
                    expected.put(col.name(), col.type().duckDbType().replace("TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE"));
                }
                assertThat(actual).as(table.name()).containsExactlyInAnyOrderEntriesOf(expected);
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + scan(table.name()))) {
                    rs.next();
                    assertThat(rs.getLong(1)).as(table.name()).isEqualTo(manifest.table(table.name()).orElseThrow().rows());
                }
            }
        }
    }

    @Test
    void duckdb_reads_instants_dates_numbers_and_derivations_as_the_contract_says() throws SQLException {
        try (Connection c = duck(); Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            try (PreparedStatement p = c.prepareStatement("SELECT created_at::VARCHAR, close_date::VARCHAR, amount, currency,"
                    + " stage, stage_category, stage_position, stage_probability, amount_converted, conversion_rate,"
                    + " rate_date::VARCHAR, created_date::VARCHAR FROM " + scan("opportunities") + " WHERE opportunity_id = ?")) {
                p.setString(1, "BOP00001");
                try (ResultSet rs = p.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(row(rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getInt(7), rs.getDouble(8), rs.getDouble(9), rs.getDouble(10),
                            rs.getString(11), rs.getString(12))).isEqualTo(row("2026-04-13 23:58:40.693+00", "2026-06-22",
                            34562.68, "USD", "Lost", "lost", 6, 0.0, 34562.68, 1.0, null, "2026-04-13"));
                }
                p.setString(1, "BOP00002");
                try (ResultSet rs = p.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("2024-11-30 04:36:25+00");
                    assertThat(rs.getString(4)).isEqualTo("CNY");
                    assertThat(rs.getDouble(9)).isCloseTo(2215000 * 0.142330, within(1e-6));
                    assertThat(rs.getDouble(10)).isEqualTo(0.142330);
                    assertThat(rs.getString(11)).isEqualTo("2025-06-01");
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT currency, count(*), count(amount), count(amount_converted) FROM "
                    + scan("opportunities") + " GROUP BY 1 ORDER BY 1")) {
                List<List<Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(row(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                }
                // Every amount is priced; the eight opportunities without an amount have no conversion.
                assertThat(rows).containsExactly(row("CNY", 742L, 741L, 741L), row("EUR", 533L, 532L, 532L),
                        row("USD", 725L, 719L, 719L));
            }
            try (ResultSet rs = s.executeQuery("SELECT occurred_year, count(*) FROM " + scan("activities")
                    + " GROUP BY 1 ORDER BY 1")) {
                List<List<Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(row(rs.getInt(1), rs.getLong(2)));
                }
                assertThat(rows).containsExactly(row(2023, 1440L), row(2024, 3297L), row(2025, 3361L), row(2026, 1902L));
            }
            try (ResultSet rs = s.executeQuery("SELECT occurred_at::VARCHAR, occurred_date::VARCHAR FROM "
                    + scan("activities") + " WHERE activity_id = 'BACT000002'")) {
                rs.next();
                assertThat(row(rs.getString(1), rs.getString(2))).isEqualTo(row("2023-05-03 19:12:36.042+00", "2023-05-03"));
            }
            try (ResultSet rs = s.executeQuery("SELECT role, active, time_zone, team_id IS NULL FROM " + scan("users")
                    + " WHERE user_id = 'E002'")) {
                rs.next();
                assertThat(row(rs.getString(1), rs.getBoolean(2), rs.getString(3), rs.getBoolean(4)))
                        .isEqualTo(row("admin", true, "Europe/Oslo", true));
            }
        }
    }
}
