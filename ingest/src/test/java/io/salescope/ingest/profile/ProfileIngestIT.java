package io.salescope.ingest.profile;

import io.salescope.core.contract.Tables;
import io.salescope.core.progress.Progress;
import io.salescope.ingest.Exports;
import io.salescope.ingest.IngestJob;
import io.salescope.ingest.IngestOptions;
import io.salescope.ingest.IngestReport;
import io.salescope.ingest.spark.Sparks;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import java.util.stream.Stream;

import static io.salescope.ingest.Exports.row;
import static io.salescope.ingest.Exports.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The shipped profiles load realistic sample exports of each CRM into a correct warehouse. */
class ProfileIngestIT {

    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = Sparks.forTests("ProfileIngestIT");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static Path export(String name) {
        try {
            return Path.of(ProfileIngestIT.class.getResource("/exports/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static IngestReport ingest(Path data, Path export, String profile) {
        return IngestJob.run(spark, Exports.config(data), IngestOptions.of(export.toString()).withProfile(profile),
                Progress.none());
    }

    static Dataset<Row> table(Path data, String name) {
        return Exports.table(spark, data, Exports.t(name));
    }

    @Test
    void a_salesforce_data_export_loads_through_the_salesforce_profile(@TempDir Path tmp) {
        Path data = tmp.resolve("data");
        IngestReport report = ingest(data, export("salesforce"), "salesforce");

        assertThat(report.published()).as(report.summary()).isTrue();
        assertThat(report.totals().rowsQuarantined()).as(report.summary()).isZero();
        assertThat(report.files()).extracting(f -> row(f.file(), f.table(), f.rowsRead(), f.rowsLoaded(),
                        f.rowsFiltered(), f.rowsDeleted()))
                .contains(row("Task.csv", "activities", 4L, 2L, 2L, 0L),
                        row("Event.csv", "activities", 1L, 1L, 0L, 0L),
                        row("Task.csv", "tasks", 4L, 4L, 0L, 0L),
                        row("Account.csv", "accounts", 4L, 3L, 0L, 1L),
                        row("profile salesforce", "stages", 10L, 10L, 0L, 0L));
        assertThat(report.totals().warnings()).as(report.summary()).doesNotContainKey("missing_column");

        assertThat(values(table(data, "users").orderBy("user_id"), "name", "email", "team_id is not null", "locale",
                "time_zone", "active"))
                .containsExactly(
                        row("Integration", "integration@northwind-robotics.example", false, "en", "America/Los_Angeles", false),
                        row("María González", "maria.gonzalez@northwind-robotics.example", true, "en", "Europe/Madrid", true),
                        row("Tom Becker", "tom.becker@northwind-robotics.example", true, "en", "Europe/Berlin", true),
                        row("Yuki Tanaka", "yuki.tanaka@northwind-robotics.example", true, null, "Asia/Tokyo", true));
        assertThat(table(data, "teams").count()).isEqualTo(3);

        List<List<Object>> opps = values(table(data, "opportunities").orderBy("opportunity_id"), "name", "stage",
                "stage_category", "currency", "amount", "amount_converted", "type", "forecast_category", "lost_reason",
                "close_date", "closed_at");
        assertThat(opps).hasSize(5);
        assertThat(opps.get(0)).startsWith("Müller Maschinenbau, Line 4 automation", "Closed Won", "won", "EUR", 120000.0);
        assertThat((Double) opps.get(0).get(5)).isCloseTo(120000 / 0.92, within(0.01));
        assertThat(opps.get(0).subList(6, 11)).containsExactly("new_business", "closed", null, Date.valueOf("2024-02-28"),
                Timestamp.from(java.time.Instant.parse("2024-02-28T16:05:10Z")));
        assertThat((Double) opps.get(1).get(5)).isCloseTo(15_000_000 / 148.5, within(0.01));
        assertThat(opps.get(1).subList(1, 3)).containsExactly("Negotiation/Review", "open");
        assertThat(opps.get(2).subList(6, 8)).containsExactly("expansion", "best_case");
        assertThat(opps.get(3).subList(1, 3)).containsExactly("Closed Lost", "lost");
        assertThat(opps.get(3).get(8)).isEqualTo("Price");
        assertThat(opps.get(4).get(4)).isNull();

        // The call's WhatId was a 15-character id: it meets the opportunity's 18-character id.
        assertThat(values(table(data, "activities").orderBy("occurred_at"), "type", "opportunity_id", "contact_id",
                "duration_minutes", "direction"))
                .containsExactly(
                        row("call", "0065g000000Op01AAC", "0035g000000HaNnAAK", 30.5, "outbound"),
                        row("meeting", "0065g000000Op01AAC", "0035g000000HaNnAAK", 90.0, null),
                        row("email", "0065g000000Op03AAC", "0035g000000RoBbAAK", null, null));
        assertThat(values(table(data, "tasks").orderBy("task_id"), "status", "priority", "due_at", "opportunity_id"))
                .containsExactly(
                        row("completed", "normal", Timestamp.from(java.time.Instant.parse("2023-11-08T00:00:00Z")),
                                "0065g000000Op01AAC"),
                        row("completed", "normal", Timestamp.from(java.time.Instant.parse("2024-03-04T00:00:00Z")),
                                "0065g000000Op03AAC"),
                        row("open", "high", Timestamp.from(java.time.Instant.parse("2024-03-20T00:00:00Z")),
                                "0065g000000Op02AAC"),
                        row("open", "normal", Timestamp.from(java.time.Instant.parse("2024-03-05T08:00:00Z")), null));
        assertThat(values(table(data, "leads").orderBy("lead_id"), "status", "converted_opportunity_id", "email"))
                .containsExactly(
                        row("converted", "0065g000000Op03AAC", "bob.oneil@acme-robotics.example"),
                        row("open", null, "ingrid.larsen@nordic-packaging.example"),
                        row("disqualified", null, "wei.chen@lotus-components.example"));
        assertThat(values(table(data, "contacts").orderBy("contact_id"), "first_name", "last_name", "email"))
                .contains(row("Robert \"Bob\"", "O'Neil", "bob.oneil@acme-robotics.example"));
        assertThat(values(table(data, "opportunity_history").orderBy("changed_at"), "stage", "forecast_category"))
                .hasSize(6).contains(row("Proposal/Price Quote", "best_case"), row("Negotiation/Review", "commit"));
        assertThat(values(table(data, "exchange_rates").orderBy("currency", "valid_from"), "currency", "valid_to"))
                .containsExactly(row("EUR", Date.valueOf("2024-04-01")), row("EUR", null), row("JPY", null));
        assertThat(values(table(data, "accounts").orderBy("account_id"), "name", "country", "priority"))
                .containsExactly(row("Acme Robotics, Inc.", "United States", "low"),
                        row("Müller Maschinenbau GmbH", "Germany", "high"),
                        row("Sakura Logistics K.K.", "Japan", "medium"));
    }

    @Test
    void hubspot_exports_load_through_the_hubspot_profile(@TempDir Path tmp) {
        Path data = tmp.resolve("data");
        IngestReport report = ingest(data, export("hubspot"), "hubspot");

        assertThat(report.published()).as(report.summary()).isTrue();
        assertThat(report.totals().rowsQuarantined()).as(report.summary()).isZero();
        String contacts = "hubspot-crm-exports-all-contacts-2024-03-05.csv";
        assertThat(report.file(contacts, "contacts").rowsFiltered()).isEqualTo(2);
        assertThat(report.file(contacts, "leads").rowsLoaded()).isEqualTo(4);
        assertThat(report.file("engagements.csv", "activities").rowsLoaded()).isEqualTo(4);
        assertThat(report.file("engagements.csv", "tasks").rowsLoaded()).isEqualTo(1);
        // No JPY rate in the export: the JPY deal is kept, unpriced, with a warning.
        assertThat(report.totals().warnings()).containsEntry("no_rate", 1L);

        assertThat(values(table(data, "users").orderBy("user_id"), "user_id", "name", "team_id", "active"))
                .containsExactly(row("52314071", "Jane Doe", "West Coast Sales", true),
                        row("52314072", "Li Na", "APAC Sales", true),
                        row("52314073", "Carlos Mendes", null, false));
        // Owners by name, by e-mail and by id all resolve to the owner id.
        assertThat(values(table(data, "accounts").orderBy("account_id"), "owner_id", "segment", "priority"))
                .containsExactly(row("52314071", "SMB", "high"), row("52314072", "Enterprise", "medium"),
                        row("52314073", "Mid-Market", null));
        assertThat(values(table(data, "opportunities").orderBy("opportunity_id"), "stage", "stage_category",
                "probability", "type", "owner_id", "amount_converted", "closed_at", "modified_at"))
                .containsExactly(
                        row("Closed Won", "won", 100.0, "new_business", "52314071", 42000.0,
                                Timestamp.from(java.time.Instant.parse("2024-02-29T00:00:00Z")),
                                Timestamp.from(java.time.Instant.parse("2024-02-29T17:45:00Z"))),
                        row("Contract Sent", "open", 90.0, "new_business", "52314072", null, null,
                                Timestamp.from(java.time.Instant.parse("2024-02-27T08:05:00Z"))),
                        row("Qualified To Buy", "open", 40.0, "expansion", "52314071", 8800.5, null,
                                Timestamp.from(java.time.Instant.parse("2024-03-01T16:40:00Z"))),
                        row("Closed Lost", "lost", 0.0, "new_business", "52314073", 15000.0,
                                Timestamp.from(java.time.Instant.parse("2023-12-15T00:00:00Z")),
                                Timestamp.from(java.time.Instant.ofEpochMilli(1702638671000L))));
        assertThat(values(table(data, "leads").orderBy("lead_id"), "status", "converted_account_id", "owner_id"))
                .containsExactly(row("converted", "8400212876", "52314071"), row("converted", "8400212877", "52314072"),
                        row("open", null, "52314073"), row("disqualified", null, null));
        assertThat(values(table(data, "contacts").orderBy("contact_id"), "account_id", "phone"))
                .containsExactly(row("8400212876", "+1 503-555-0164"), row("8400212877", "+81 80-5555-0133"));
        assertThat(values(table(data, "activities").orderBy("occurred_at"), "type", "occurred_at", "duration_minutes",
                "direction", "owner_id"))
                .containsExactly(
                        row("note", Timestamp.from(java.time.Instant.ofEpochMilli(1703160000000L)), null, null, "52314073"),
                        row("call", Timestamp.from(java.time.Instant.ofEpochMilli(1704704400000L)), 21.0, "outbound", "52314072"),
                        row("meeting", Timestamp.from(java.time.Instant.ofEpochMilli(1706868000000L)), null, null, "52314071"),
                        row("email", Timestamp.from(java.time.Instant.ofEpochMilli(1709224500000L)), null, null, "52314071"));
        assertThat(values(table(data, "tasks"), "status", "priority", "opportunity_id"))
                .containsExactly(row("open", "high", "15733002"));
    }

    @Test
    void zoho_exports_load_through_the_zoho_profile_with_each_deals_own_exchange_rate(@TempDir Path tmp) {
        Path data = tmp.resolve("data");
        IngestReport report = ingest(data, export("zoho"), "zoho");

        assertThat(report.published()).as(report.summary()).isTrue();
        assertThat(report.totals().rowsQuarantined()).as(report.summary()).isZero();
        assertThat(values(table(data, "users").orderBy("user_id"), "user_id", "role", "locale", "manager_id"))
                .containsExactly(row("5725767000000311001", "admin", "en", null),
                        row("5725767000000311013", "manager", "en", "5725767000000311001"),
                        row("5725767000000311025", "rep", "zh", "5725767000000311013"));
        List<List<Object>> deals = values(table(data, "opportunities").orderBy("opportunity_id"), "currency",
                "exchange_rate", "amount_converted", "conversion_rate", "rate_date", "stage_category", "type", "lost_reason");
        assertThat((Double) deals.get(0).get(2)).isCloseTo(2_400_000 / 83.12, within(0.01));
        assertThat((Double) deals.get(0).get(1)).isCloseTo(1 / 83.12, within(1e-9));
        assertThat(deals.get(0).subList(4, 7)).containsExactly(null, "won", "new_business");
        assertThat((Double) deals.get(1).get(2)).isCloseTo(180_000 / 7.19, within(0.01));
        assertThat(deals.get(2)).containsExactly("USD", 1.0, 12000.0, 1.0, null, "lost", "expansion", "Lost to Competitor");
        assertThat(values(table(data, "activities").orderBy("occurred_at"), "type", "opportunity_id", "account_id",
                "duration_minutes", "direction"))
                .containsExactly(row("meeting", "5725767000000501015", null, null, null),
                        row("call", "5725767000000501015", null, 12.5, "outbound"),
                        row("call", null, "5725767000000420017", 3.166666666666667, "inbound"));
        assertThat(values(table(data, "tasks").orderBy("task_id"), "status", "priority", "opportunity_id", "account_id"))
                .containsExactly(row("open", "high", "5725767000000501015", null),
                        row("completed", "normal", null, "5725767000000420017"));
        assertThat(values(table(data, "accounts").orderBy("account_id"), "segment", "country"))
                .containsExactly(row("Mid-Market", "India"), row("SMB", "China"));
    }

    /** The shared datasets: ../shared next to the repository, or $SALESCOPE_SHARED. */
    static Path shared() {
        String env = System.getenv("SALESCOPE_SHARED");
        Path base = env != null ? Path.of(env) : Path.of("").toAbsolutePath().getParent().getParent().resolve("shared");
        if (!Files.isDirectory(base.resolve("datasets"))) {
            base = Path.of("/work/shared");
        }
        return base.resolve("datasets");
    }

    @Test
    void the_maven_crm_files_load_through_the_documented_profile(@TempDir Path tmp) {
        Path data = tmp.resolve("data");
        Path profile = Path.of("").toAbsolutePath().getParent().resolve("docs/profiles/maven-crm.yaml");
        IngestReport report = ingest(data, shared().resolve("maven-crm-sales-opportunities"), profile.toString());

        assertThat(report.published()).as(report.summary()).isTrue();
        assertThat(report.totals().rowsQuarantined()).as(report.summary()).isZero();
        assertThat(report.ignoredFiles()).containsExactly("SOURCE.md", "data_dictionary.csv");
        assertThat(report.file("sales_pipeline.csv", "opportunities").rowsLoaded()).isEqualTo(8800);
        assertThat(report.file("sales_teams.csv [managers]", "users").duplicatesReplaced()).isEqualTo(29);
        assertThat(report.totals().warnings()).as(report.summary()).doesNotContainKey("dangling_reference");

        Dataset<Row> opps = table(data, "opportunities");
        assertThat(values(opps.groupBy("stage_category").count().orderBy("stage_category"), "stage_category", "count"))
                .containsExactly(row("lost", 2473L), row("open", 2089L), row("won", 4238L));
        assertThat(values(opps.filter("stage_category = 'won'").agg(org.apache.spark.sql.functions.sum("amount_converted")),
                "`sum(amount_converted)`")).containsExactly(row(10_005_534.0));
        assertThat(opps.filter("account_id = '(no account)'").count()).isEqualTo(1425);
        assertThat(table(data, "users").count()).isEqualTo(35 + 6);
        assertThat(table(data, "teams").count()).isEqualTo(3 + 6);
        assertThat(table(data, "products").count()).isEqualTo(7);
        assertThat(table(data, "opportunity_history").count()).isEqualTo(8300 + 6711);
        assertThat(values(table(data, "users").filter("user_id = 'Moses Frase'"), "email", "team_id", "role"))
                .containsExactly(row("moses.frase@maventech.example", "Dustin Brinkmann", "rep"));
    }

    /** Copies the export's files (those named, or all) to a folder the test may change. */
    static Path copy(Path from, Path to, String... only) {
        try (Stream<Path> files = Files.list(from)) {
            Files.createDirectories(to);
            for (Path f : files.filter(f -> only.length == 0 || List.of(only).contains(f.getFileName().toString())).toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
            return to;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void edit(Path file, String from, String to) {
        try {
            String text = Files.readString(file);
            assertThat(text).contains(from);
            Files.writeString(file, text.replace(from, to));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void a_rejected_record_is_quarantined_with_its_line_in_the_original_file(@TempDir Path tmp) {
        // The files the opportunities need, so the run stays short.
        Path export = copy(export("salesforce"), tmp.resolve("export"), "User.csv", "UserRole.csv", "Account.csv",
                "Opportunity.csv");
        // The opportunity after the one with a two-line description: line 5 of the file.
        edit(export.resolve("Opportunity.csv"), "\"2024-05-15\"", "\"15/05/2024\"");
        Path data = tmp.resolve("data");
        IngestReport report = ingest(data, export, "salesforce");

        assertThat(report.published()).as(report.summary()).isTrue();
        assertThat(report.file("Opportunity.csv", "opportunities").quarantine()).containsEntry("unparseable", 1L);
        assertThat(values(Exports.runTable(spark, data, report.runId(), Tables.QUARANTINE), "source_file", "line",
                "column_name", "raw_value", "reason"))
                .containsExactly(row("Opportunity.csv", 5L, "close_date", "15/05/2024", "unparseable"));
        assertThat(values(Exports.runTable(spark, data, report.runId(), Tables.QUARANTINE), "raw_record").get(0).get(0)
                .toString()).startsWith("\"0065g000000Op03AAC\"");
    }

    @Test
    void a_column_the_export_lacks_is_an_error_naming_the_file_and_the_profile_line(@TempDir Path tmp) {
        Path export = copy(export("salesforce"), tmp.resolve("export"));
        edit(export.resolve("Opportunity.csv"), "\"CloseDate\"", "\"Close_Date\"");
        // The line of the profile that maps the column (the first close_date mapping is the opportunities').
        List<String> profile;
        try (var in = MappingProfile.class.getResourceAsStream("/io/salescope/ingest/profiles/salesforce.yaml")) {
            profile = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        int line = profile.indexOf("      close_date: CloseDate") + 1;
        assertThat(line).isPositive();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ingest(tmp.resolve("data"), export, "salesforce"))
                .hasMessageContaining("profile salesforce, line " + line + ":")
                .hasMessageContaining("Opportunity.csv has no column 'CloseDate', which the profile maps to the required"
                        + " column opportunities.close_date")
                .hasMessageContaining("nothing was published");
    }
}
