package io.salescope.ingest.profile;

import io.salescope.core.json.Json;
import io.salescope.core.progress.Progress;
import io.salescope.core.store.WarehouseLayout;
import io.salescope.core.store.VersionManifest;
import io.salescope.ingest.Exports;
import io.salescope.ingest.IngestJob;
import io.salescope.ingest.IngestOptions;
import io.salescope.ingest.IngestReport;
import io.salescope.ingest.TestCli;
import io.salescope.ingest.spark.Sparks;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.salescope.ingest.Exports.row;
import static io.salescope.ingest.Exports.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * A CRM's PostgreSQL database (a real server on loopback, see {@link PostgresServer}) loads
 * through the documented database profile, then loads again incrementally: only changed rows
 * are read, they replace their earlier versions, soft-deleted rows leave the warehouse.
 */
class JdbcSourceIT {

    static SparkSession spark;
    static PostgresServer postgres;
    static final Path PROFILE = Path.of("").toAbsolutePath().getParent().resolve("docs/profiles/postgres-crm.yaml");

    @BeforeAll
    static void start() throws IOException {
        postgres = PostgresServer.start();
        String schema = new String(JdbcSourceIT.class.getResourceAsStream("/jdbc/crm-schema.sql").readAllBytes(),
                StandardCharsets.UTF_8);
        PostgresServer.execute(postgres.url(), schema);
        spark = Sparks.forTests("JdbcSourceIT");
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    static IngestReport ingest(Path data, ByteArrayOutputStream log) {
        return IngestJob.run(spark, Exports.config(data), IngestOptions.of(postgres.url()).withProfile(PROFILE.toString()),
                Progress.plain(new PrintStream(log, true, StandardCharsets.UTF_8)));
    }

    @Test
    void a_crm_database_loads_then_loads_only_what_changed(@TempDir Path tmp) throws IOException {
        Path data = tmp.resolve("data");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        IngestReport first = ingest(data, log);

        assertThat(first.published()).as(first.summary()).isTrue();
        assertThat(first.totals().rowsQuarantined()).as(first.summary()).isZero();
        assertThat(first.totals().warnings()).as(first.summary()).isEmpty();
        assertThat(first.source()).isEqualTo(postgres.url());
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("opportunities <- crm.\"Deals\": all rows, 3 parallel reads on DealId");
        assertThat(first.file("crm.\"Deals\"", "opportunities").rowsLoaded()).isEqualTo(40);
        assertThat(values(Exports.table(spark, data, Exports.t("opportunities")).filter("opportunity_id = '4'"),
                "name", "amount", "currency", "stage", "stage_category", "closed_at is not null", "lost_reason"))
                .containsExactly(row("Deal 4", 4000.5, "EUR", "Lost", "lost", true, "Budget"));
        double converted = (Double) values(Exports.table(spark, data, Exports.t("opportunities"))
                .filter("opportunity_id = '1'"), "amount_converted").get(0).get(0);
        assertThat(converted).isCloseTo(1000.5 * 0.095, within(1e-6));
        assertThat(values(Exports.table(spark, data, Exports.t("stages")).orderBy("position"), "stage", "category"))
                .containsExactly(row("Lead In", "open"), row("Demo", "open"), row("Proposal", "open"),
                        row("Won", "won"), row("Lost", "lost"));
        assertThat(values(Exports.table(spark, data, Exports.t("activities")).orderBy("occurred_at"), "type",
                "duration_minutes")).containsExactly(row("call", 15.0), row("meeting", 60.0), row("email", null));
        VersionManifest v1 = Exports.current(data).orElseThrow();
        Map<String, String> marks = JdbcSource.watermarks(v1.properties().get(JdbcSource.WATERMARKS)).get(postgres.url());
        assertThat(marks).containsEntry("opportunities <- crm.\"Deals\"", "2024-03-05T12:00:00Z")
                .containsEntry("opportunity_history <- query", "40");

        PostgresServer.execute(postgres.url(),
                "UPDATE crm.\"Deals\" SET \"Stage\" = 'Won', \"ClosedAt\" = now(), \"UpdatedAt\" = now() WHERE \"DealId\" = 7",
                "INSERT INTO crm.\"Deals\" VALUES (41, 101, 11, 'Deal 41', 990.00, 'SEK', 'Demo', '2024-09-30', NULL, NULL,"
                        + " now(), now(), false)",
                "UPDATE crm.\"Deals\" SET \"IsDeleted\" = true, \"UpdatedAt\" = now() WHERE \"DealId\" = 12",
                "INSERT INTO crm.deal_stage_history (deal_id, stage, amount, changed_at, changed_by)"
                        + " VALUES (7, 'Won', 7000.5, now(), 11)",
                "UPDATE crm.contacts SET deleted_at = now(), updated_at = now() WHERE contact_id = 2");
        // The second run goes through the command line, as a user (or cron) runs it.
        TestCli.Result cli = TestCli.run("--data", data.toString(), "ingest", postgres.url(), "--profile", PROFILE.toString());
        assertThat(cli.exitCode()).as(cli.out() + cli.err()).isZero();
        assertThat(cli.out()).contains("ingest published version 2").contains("crm.\"Deals\"");
        VersionManifest v2 = Exports.current(data).orElseThrow();
        IngestReport second = Json.read(Files.readAllBytes(data.resolve(WarehouseLayout.runReport(
                v2.properties().get("ingest_run")))), IngestReport.class);

        assertThat(second.published()).as(second.summary()).isTrue();
        // Deal 40 is re-read (changed within the overlap before the watermark), 7 and 41 changed, 12 was deleted.
        IngestReport.FileReport deals = second.file("crm.\"Deals\"", "opportunities");
        assertThat(row(deals.rowsRead(), deals.rowsLoaded(), deals.rowsDeleted(), deals.rowsUpdated(), deals.rowsInTable()))
                .isEqualTo(row(4L, 3L, 1L, 2L, 40L));
        assertThat(second.file("query", "opportunity_history").rowsRead()).isEqualTo(1);
        assertThat(second.file("crm.contacts", "contacts").rowsDeleted()).isEqualTo(1);
        assertThat(second.file("crm.users", "users").rowsRead()).isZero();
        assertThat(second.tables().get("users").action()).isEqualTo("reused");

        var opps = Exports.table(spark, data, Exports.t("opportunities"));
        assertThat(values(opps.filter("opportunity_id IN ('7', '12', '41')").orderBy("opportunity_id"),
                "opportunity_id", "stage_category")).containsExactly(row("41", "open"), row("7", "won"));
        assertThat(opps.count()).isEqualTo(40);
        assertThat(Exports.table(spark, data, Exports.t("contacts")).count()).isEqualTo(2);
        assertThat(Exports.table(spark, data, Exports.t("opportunity_history")).count()).isEqualTo(41);
        Map<String, String> marks2 = JdbcSource.watermarks(Exports.current(data).orElseThrow().properties()
                .get(JdbcSource.WATERMARKS)).get(postgres.url());
        assertThat(marks2.get("opportunities <- crm.\"Deals\"")).isGreaterThan("2024-03-05T12:00:00Z");
        assertThat(marks2).containsEntry("opportunity_history <- query", "41");
    }

    @Test
    void a_database_without_a_profile_or_with_a_wrong_table_is_a_clear_error(@TempDir Path tmp) throws IOException {
        Path data = tmp.resolve("data");
        assertThatThrownBy(() -> IngestJob.run(spark, Exports.config(data), IngestOptions.of(postgres.url()
                + "&password=secret"), Progress.none()))
                .hasMessageContaining("reading a database needs a mapping profile")
                .hasMessageContaining("password=***").hasMessageNotContaining("secret");
        Path profile = tmp.resolve("wrong.yaml");
        Files.writeString(profile, Files.readString(PROFILE).replace("crm.teams", "crm.team"));
        assertThatThrownBy(() -> IngestJob.run(spark, Exports.config(data), IngestOptions.of(postgres.url())
                .withProfile(profile.toString()), Progress.none()))
                .hasMessageContaining("cannot read crm.team from " + postgres.url())
                .hasMessageContaining("line ");
    }
}
