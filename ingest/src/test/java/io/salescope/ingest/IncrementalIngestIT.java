package io.salescope.ingest;

import io.salescope.core.SalescopeException;
import io.salescope.core.config.SalescopeConfig;
import io.salescope.core.contract.Tables;
import io.salescope.core.progress.Progress;
import io.salescope.core.store.VersionManifest;
import io.salescope.ingest.spark.Sparks;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;

import static io.salescope.ingest.Exports.row;
import static io.salescope.ingest.Exports.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A second export updates rows by id, adds some and leaves the others; --full replaces everything. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IncrementalIngestIT {

    static SparkSession spark;
    @TempDir
    static Path tmp;
    static Path data;
    static IngestReport first;
    static IngestReport second;

    @BeforeAll
    static void ingestTwoExports() {
        spark = Sparks.forTests("incremental-it");
        data = tmp.resolve("data");
        Path e1 = tmp.resolve("e1");
        Exports.write(e1, "users.csv", "user_id,name,email\nU1,Ann,ann@x.io\nU2,Bob,bob@x.io\n");
        Exports.write(e1, "accounts.csv", "account_id,name,owner_id\nA1,Acme,U1\nA2,Beta,U2\n");
        Exports.write(e1, "exchange_rates.csv", "currency,rate,valid_from,valid_to\nEUR,1.1,2026-01-01,\n");
        Exports.write(e1, "opportunities.csv", """
                opportunity_id,account_id,owner_id,amount,currency,stage,created_at,close_date,modified_at
                O1,A1,U1,100,USD,Prospecting,2026-01-01,2026-02-01,2026-01-01
                O2,A1,U1,200,EUR,Prospecting,2026-01-01,2026-01-15,2026-01-01
                O3,A2,U2,100,EUR,Proposal,2026-01-01,2026-01-20,2026-01-01
                """);
        Exports.write(e1, "activities.csv", "activity_id,type,owner_id,occurred_at\nX1,call,U1,2026-01-02T10:00:00Z\n");
        first = IngestJob.run(spark, Exports.config(data), IngestOptions.of(e1.toString()), Progress.none());

        Path e2 = tmp.resolve("e2");
        Exports.write(e2, "users.csv", "user_id,name,email\nU3,Cy,cy@x.io\n");
        Exports.write(e2, "accounts.csv", "account_id,name,owner_id\nA2,Beta Renamed,U2\nA3,Gamma,U3\n");
        Exports.write(e2, "exchange_rates.csv", "currency,rate,valid_from,valid_to\nEUR,1.2,2026-01-10,\n");
        Exports.write(e2, "opportunities.csv", """
                opportunity_id,account_id,owner_id,amount,currency,stage,created_at,close_date,modified_at
                O2,A1,U1,300,EUR,Closed Won,2026-01-01,2026-01-15,2026-01-16
                O4,A1,U3,50,USD,Prospecting,2026-01-05,2026-03-01,2026-01-05
                """);
        second = IngestJob.run(spark, Exports.config(data), IngestOptions.of(e2.toString()), Progress.none());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    @Order(1)
    void the_second_export_updates_adds_and_leaves_rows_by_id() {
        assertThat(first.version()).isEqualTo(1);
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.parentVersion()).isEqualTo(1);
        assertThat(values(Exports.table(spark, data, Tables.ACCOUNTS).orderBy("account_id"), "account_id", "name"))
                .containsExactly(row("A1", "Acme"), row("A2", "Beta Renamed"), row("A3", "Gamma"));
        assertThat(values(Exports.table(spark, data, Tables.USERS).orderBy("user_id"), "user_id"))
                .containsExactly(row("U1"), row("U2"), row("U3"));
        assertThat(values(Exports.table(spark, data, Tables.OPPORTUNITIES).orderBy("opportunity_id"),
                "opportunity_id", "stage", "amount"))
                .containsExactly(row("O1", "Prospecting", 100.0), row("O2", "Closed Won", 300.0),
                        row("O3", "Proposal", 100.0), row("O4", "Prospecting", 50.0));
    }

    @Test
    @Order(1)
    void the_report_says_how_many_rows_each_file_updated_and_how_many_the_table_has() {
        assertThat(second.files()).extracting(f -> row(f.file(), f.rowsRead(), f.rowsLoaded(), f.rowsUpdated(), f.rowsInTable()))
                .containsExactly(
                        row("users.csv", 1L, 1L, 0L, 3L),
                        row("accounts.csv", 2L, 2L, 1L, 3L),
                        row("exchange_rates.csv", 1L, 1L, 0L, 2L),
                        row("opportunities.csv", 2L, 2L, 1L, 4L));
        assertThat(second.mode()).isEqualTo("incremental");
    }

    @Test
    @Order(1)
    void references_are_checked_against_the_merged_warehouse() {
        assertThat(second.totals().warnings()).isEmpty();
    }

    @Test
    @Order(1)
    void new_rates_reconvert_the_rows_already_in_the_warehouse() {
        assertThat(values(Exports.table(spark, data, Tables.OPPORTUNITIES).orderBy("opportunity_id"), "amount_converted"))
                .extracting(r -> (Double) r.get(0))
                .containsExactly(100.0, 300 * 1.2, 100 * 1.2, 50.0);
        VersionManifest v1 = Exports.store(data).manifest(1);
        assertThat(values(Exports.table(spark, data, v1, Tables.OPPORTUNITIES).orderBy("opportunity_id"), "amount_converted"))
                .extracting(r -> (Double) r.get(0))
                .containsExactly(100.0, 200 * 1.1, 100 * 1.1);
    }

    @Test
    @Order(1)
    void tables_the_export_lacks_keep_the_previous_version_files() {
        VersionManifest v1 = Exports.store(data).manifest(1);
        VersionManifest v2 = Exports.current(data).orElseThrow();

        assertThat(v2.table("activities").orElseThrow().path()).isEqualTo(v1.table("activities").orElseThrow().path());
        assertThat(second.tables().get("activities").action()).isEqualTo("reused");
        assertThat(v2.table("accounts").orElseThrow().path()).isNotEqualTo(v1.table("accounts").orElseThrow().path());
        assertThat(Exports.table(spark, data, v1, Tables.ACCOUNTS).count()).as("version 1 stays readable").isEqualTo(2);
    }

    @Test
    @Order(2)
    void an_incremental_run_with_other_settings_is_refused() {
        SalescopeConfig eur = new SalescopeConfig(data.toString(), "EUR", ZoneId.of("UTC"), 1, Optional.empty(), 10);

        assertThatThrownBy(() -> IngestJob.run(spark, eur, IngestOptions.of(tmp.resolve("e2").toString()), Progress.none()))
                .isInstanceOf(SalescopeException.class)
                .hasMessageContaining("was built with reporting currency USD (this run: EUR")
                .hasMessageContaining("--full");
        assertThat(Exports.current(data).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    @Order(3)
    void full_replaces_the_warehouse_with_the_folder_and_the_cli_prints_a_summary() {
        TestCli.Result result = TestCli.run("--data", data.toString(), "ingest", tmp.resolve("e2").toString(), "--full");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("ingest published version 3").contains("opportunities.csv");
        VersionManifest v3 = Exports.current(data).orElseThrow();
        assertThat(v3.version()).isEqualTo(3);
        assertThat(values(Exports.table(spark, data, Tables.ACCOUNTS).orderBy("account_id"), "account_id"))
                .containsExactly(row("A2"), row("A3"));
        assertThat(values(Exports.table(spark, data, Tables.OPPORTUNITIES).orderBy("opportunity_id"), "opportunity_id", "amount_converted"))
                .containsExactly(row("O2", 300 * 1.2), row("O4", 50.0));
        assertThat(Exports.table(spark, data, Tables.ACTIVITIES).count()).isZero();
        assertThat(v3.table("stages").orElseThrow().rows()).isEqualTo(7);
        assertThat(v3.properties()).containsEntry("ingest_mode", "full");
        assertThat(values(Exports.table(spark, data, Tables.INGEST_WARNINGS).filter("kind = 'dangling_reference'"),
                "source_file", "line", "column_name", "raw_value"))
                .as("A1, U1 and U2 are gone with --full, so rows pointing at them dangle")
                .containsExactlyInAnyOrder(row("opportunities.csv", 2L, "account_id", "A1"),
                        row("opportunities.csv", 3L, "account_id", "A1"),
                        row("opportunities.csv", 2L, "owner_id", "U1"),
                        row("accounts.csv", 2L, "owner_id", "U2"));
        assertThat(Exports.store(data).versions()).containsExactly(1L, 2L, 3L);
    }
}
