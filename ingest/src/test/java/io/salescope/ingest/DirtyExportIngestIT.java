package io.salescope.ingest;

import io.salescope.core.SalescopeException;
import io.salescope.core.contract.Tables;
import io.salescope.core.json.Json;
import io.salescope.core.progress.Progress;
import io.salescope.core.store.VersionManifest;
import io.salescope.core.store.WarehouseLayout;
import io.salescope.ingest.spark.Sparks;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.salescope.ingest.Exports.row;
import static io.salescope.ingest.Exports.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * An export with every problem crm-export-v1 lists (missing required values, bad dates and
 * numbers, unknown stage and currency, duplicates, dangling ids, BOM, CRLF, odd header case and
 * spaces, extra columns, quoted commas, quotes and newlines, malformed records) loads with
 * exactly the expected quarantines and warnings.
 */
class DirtyExportIngestIT {

    static SparkSession spark;
    @TempDir
    static Path tmp;
    static Path data;
    static IngestReport report;

    static void writeDirtyExport(Path dir) {
        Exports.write(dir, "teams.csv", """
                team_id,name,region,parent_team_id
                T1,Sales,EMEA,
                T2,Sub,EMEA,T8
                """);
        Exports.write(dir, "users.csv", """
                 User_ID , Name ,EMAIL,team_id,manager_id,ROLE,time_zone,locale,active, Nickname\s
                U1,Ann Lee,ann@x.io,T1,,manager,Europe/Oslo,en,yes,Annie
                U2,Bob Ray,bob@x.io,T1,U1,REP,asia/shanghai,ZH,0,
                U3,,cy@x.io,T1,U1,rep,,en,true,
                U4,Dee Fox,dee@x.io,T9,U1,boss,,en,true,
                """, "\r\n", true);
        Exports.write(dir, "accounts.csv", """
                account_id,name,industry,segment,region,country,owner_id,priority,created_at,modified_at
                A1,"Acme, Inc.",Tech,SMB,EMEA,NO,U1,high,2024-01-01,2026-01-01T00:00:00Z
                A2,"Multi
                line ""name""\",Tech,SMB,EMEA,NO,U2,urgent,2024-01-01,2026-01-01T00:00:00Z
                A1,"Acme, Inc. (newer)",Tech,SMB,EMEA,NO,U1,high,2024-01-01,2026-02-01T00:00:00Z
                A3,Gamma,Tech,SMB,EMEA,NO,U7,low,2024-01-01,2026-01-01
                A4,"Broken,Tech,SMB,EMEA,NO,U1,low,2024-01-01,2026-01-01
                """);
        Exports.write(dir, "exchange_rates.csv", """
                currency,rate,valid_from,valid_to
                EUR,1.10,2026-01-01,2026-02-01
                EUR,1.20,2026-02-01,
                """);
        Exports.write(dir, "opportunities.csv", """
                opportunity_id,account_id,owner_id,name,product_id,amount,currency,stage,probability,forecast_category,type,lead_source,created_at,close_date,closed_at,lost_reason,modified_at
                O1,A1,U1,Deal one,,1000,EUR,Prospecting,10,pipeline,new_business,Web,2026-01-10T09:00:00+08:00,2026-01-31,,,2026-01-10T09:00:00Z
                O2,A1,U1,Deal two,,2000,eur, closed won ,100,closed,Renewal,Web,2026-01-10T09:00:00Z,2026-02-15,2026-02-15T10:00:00Z,,2026-02-15T10:00:00Z
                O3,A1,U1,Deal three,,500,USD,Qualification,20,pipeline,,,2026-01-10,2026-03-01,,,2026-01-10
                O4,A2,U2,Deal four,,700,CNY,Proposal,60,best_case,,,2026-01-10T00:00:00,2026-03-01,,,2026-01-10
                O5,A1,U1,Deal five,,100,EUR,Closed Maybe,10,pipeline,,,2026-01-10,2026-03-01,,,2026-01-10
                O6,A1,U1,Deal six,,100,ABC,Prospecting,10,pipeline,,,2026-01-10,2026-03-01,,,2026-01-10
                O7,A1,U1,Deal seven,,1 000,EUR,Prospecting,10,pipeline,,,2026-01-10,2026-03-01,,,2026-01-10
                O8,A1,U1,Deal eight,,100,EUR,Prospecting,10,pipeline,,,2026-01-10,31/01/2026,,,2026-01-10
                O9,A9,U1,Deal nine,P9,100,EUR,Prospecting,10,pipeline,,,2026-01-10,2026-03-01,,,2026-01-10
                O1,A1,U1,Deal one (old),,900,EUR,Prospecting,10,pipeline,,,2026-01-05,2026-01-31,,,2025-12-01T00:00:00Z
                O10,A1,U1,Deal ten,,100,EUR,Prospecting,10,pipeline,,,2026-01-10,2026-03-01,,,2026-01-10,extra
                O11,A1,U1,Deal eleven,,100,EUR,Prospecting,10,pipeline,,,2026-01-10,2026-03-01,,,
                """);
        Exports.write(dir, "activities.csv", """
                Activity_Id,TYPE,owner_id,occurred_at,account_id,contact_id,opportunity_id,duration_minutes,direction,outcome,subject
                X1,Call,U1,2026-01-10T23:30:00-05:00,A1,,O1,15,outbound,,"Intro, then ""pricing\"""
                X2,visit,U1,2026-01-10,A1,,,,,,
                X3,email,U2,2026-01-10T08:00:00,,C9,,,sideways,,
                """, "\r\n", false);
        Exports.write(dir, "quotas.csv", """
                owner_id,team_id,period_start,period_end,amount,currency,metric
                U1,,2026-01-01,2026-03-31,10000,EUR,
                U1,T1,2026-01-01,2026-03-31,10000,EUR,
                ,T1,2026-01-01,2026-03-31,50000,USD,bookings
                """);
        Exports.write(dir, "notes.txt", "not an export file\n");
    }

    @BeforeAll
    static void ingestTheDirtyExport() {
        spark = Sparks.forTests("dirty-export-it");
        data = tmp.resolve("data");
        writeDirtyExport(tmp.resolve("export"));
        report = IngestJob.run(spark, Exports.config(data),
                IngestOptions.of(tmp.resolve("export").toString()).withMaxRejectRate(0.5), Progress.none());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void the_run_is_published_with_exact_counts_per_file() {
        assertThat(report.status()).isEqualTo(IngestReport.PUBLISHED);
        assertThat(report.version()).isEqualTo(1);
        assertThat(report.files()).extracting(f -> row(f.file(), f.rowsRead(), f.rowsLoaded(), f.rowsQuarantined(),
                f.duplicatesReplaced())).containsExactly(
                row("teams.csv", 2L, 2L, 0L, 0L),
                row("users.csv", 4L, 3L, 1L, 0L),
                row("accounts.csv", 5L, 3L, 1L, 1L),
                row("exchange_rates.csv", 2L, 2L, 0L, 0L),
                row("opportunities.csv", 12L, 6L, 5L, 1L),
                row("activities.csv", 3L, 2L, 1L, 0L),
                row("quotas.csv", 3L, 2L, 1L, 0L));
        assertThat(report.files()).allMatch(IngestReport.FileReport::conserved);
        assertThat(report.totals().rowsRead()).isEqualTo(31);
        assertThat(report.totals().rowsQuarantined()).isEqualTo(9);
        assertThat(report.rejectRate()).isCloseTo(9 / 31.0, within(1e-9));
        assertThat(report.ignoredFiles()).containsExactly("notes.txt");
    }

    @Test
    void the_report_counts_quarantine_reasons_and_warning_kinds_per_file() {
        assertThat(report.file("opportunities.csv").quarantine()).isEqualTo(Map.of(
                "unknown_stage", 1L, "bad_currency", 1L, "unparseable", 1L, "malformed_record", 1L, "missing_required", 1L));
        assertThat(report.file("opportunities.csv").warnings()).isEqualTo(Map.of(
                "invalid_value", 1L, "no_rate", 1L, "dangling_reference", 2L));
        assertThat(report.file("users.csv").warnings()).isEqualTo(Map.of(
                "unknown_column", 1L, "invalid_value", 1L, "dangling_reference", 1L));
        assertThat(report.totals().warnings()).isEqualTo(Map.of(
                "unknown_column", 1L, "invalid_value", 4L, "no_rate", 1L, "dangling_reference", 6L));
    }

    @Test
    void every_rejected_record_is_quarantined_with_its_line_column_raw_value_and_reason() {
        Dataset<Row> q = Exports.table(spark, data, Tables.QUARANTINE);

        assertThat(values(q.orderBy("source_file", "line"), "source_file", "line", "column_name", "raw_value", "reason"))
                .containsExactly(
                        row("accounts.csv", 7L, null, null, "malformed_record"),
                        row("activities.csv", 3L, "type", "visit", "not_allowed"),
                        row("opportunities.csv", 6L, "stage", "Closed Maybe", "unknown_stage"),
                        row("opportunities.csv", 7L, "currency", "ABC", "bad_currency"),
                        row("opportunities.csv", 9L, "close_date", "31/01/2026", "unparseable"),
                        row("opportunities.csv", 12L, null, null, "malformed_record"),
                        row("opportunities.csv", 13L, "modified_at", "", "missing_required"),
                        row("quotas.csv", 3L, "team_id", "T1", "quota_owner_and_team"),
                        row("users.csv", 4L, "name", "", "missing_required"));
        assertThat(values(q.filter("source_file = 'accounts.csv'"), "raw_record", "message", "run_id", "table_name"))
                .containsExactly(row("A4,\"Broken,Tech,SMB,EMEA,NO,U1,low,2024-01-01,2026-01-01",
                        "field 2 opens a quote that is never closed; the record is cut at the end of its first line"
                                + " and reading goes on with the next line", report.runId(), "accounts"));
        assertThat(values(q.filter("line = 12"), "raw_record")).containsExactly(row(
                "O10,A1,U1,Deal ten,,100,EUR,Prospecting,10,pipeline,,,2026-01-10,2026-03-01,,,2026-01-10,extra"));
    }

    @Test
    void every_warning_names_its_kind_line_column_and_raw_value() {
        Dataset<Row> w = Exports.table(spark, data, Tables.INGEST_WARNINGS);

        assertThat(values(w.orderBy("source_file", "line", "column_name"), "source_file", "line", "kind", "column_name", "raw_value"))
                .containsExactly(
                        row("accounts.csv", 3L, "invalid_value", "priority", "urgent"),
                        row("accounts.csv", 6L, "dangling_reference", "owner_id", "U7"),
                        row("activities.csv", 4L, "dangling_reference", "contact_id", "C9"),
                        row("activities.csv", 4L, "invalid_value", "direction", "sideways"),
                        row("opportunities.csv", 5L, "no_rate", "currency", "CNY"),
                        row("opportunities.csv", 8L, "invalid_value", "amount", "1 000"),
                        row("opportunities.csv", 10L, "dangling_reference", "account_id", "A9"),
                        row("opportunities.csv", 10L, "dangling_reference", "product_id", "P9"),
                        row("teams.csv", 3L, "dangling_reference", "parent_team_id", "T8"),
                        row("users.csv", 1L, "unknown_column", "Nickname", " Nickname "),
                        row("users.csv", 5L, "invalid_value", "role", "boss"),
                        row("users.csv", 5L, "dangling_reference", "team_id", "T9"));
        assertThat(values(w.filter("kind = 'no_rate'"), "message")).containsExactly(row(
                "no exchange rate for CNY valid on 2026-03-01; amount_converted is null (add the rate to exchange_rates.csv)"));
    }

    @Test
    void quarantine_and_warnings_are_also_in_the_run_directory() {
        assertThat(Exports.runTable(spark, data, report.runId(), Tables.QUARANTINE).count()).isEqualTo(9);
        assertThat(Exports.runTable(spark, data, report.runId(), Tables.INGEST_WARNINGS).count()).isEqualTo(12);
    }

    @Test
    void kept_values_are_typed_normalised_and_deduplicated() {
        assertThat(values(Exports.table(spark, data, Tables.USERS).orderBy("user_id"),
                "user_id", "name", "role", "time_zone", "locale", "active", "team_id"))
                .containsExactly(
                        row("U1", "Ann Lee", "manager", "Europe/Oslo", "en", true, "T1"),
                        row("U2", "Bob Ray", "rep", "Asia/Shanghai", "zh", false, "T1"),
                        row("U4", "Dee Fox", null, null, "en", true, "T9"));
        assertThat(values(Exports.table(spark, data, Tables.ACCOUNTS).orderBy("account_id"), "account_id", "name", "priority"))
                .containsExactly(
                        row("A1", "Acme, Inc. (newer)", "high"),
                        row("A2", "Multi\nline \"name\"", null),
                        row("A3", "Gamma", "low"));
        assertThat(values(Exports.table(spark, data, Tables.ACTIVITIES).orderBy("activity_id"),
                "activity_id", "type", "occurred_at", "occurred_date", "occurred_year", "subject", "direction"))
                .containsExactly(
                        row("X1", "call", Timestamp.from(Instant.parse("2026-01-11T04:30:00Z")), Date.valueOf("2026-01-11"),
                                2026, "Intro, then \"pricing\"", "outbound"),
                        row("X3", "email", Timestamp.from(Instant.parse("2026-01-10T08:00:00Z")), Date.valueOf("2026-01-10"),
                                2026, null, null));
    }

    @Test
    void opportunities_get_stage_derivations_and_dated_conversions() {
        List<List<Object>> opps = values(Exports.table(spark, data, Tables.OPPORTUNITIES).orderBy("opportunity_id"),
                "opportunity_id", "name", "stage", "stage_category", "stage_position", "stage_probability", "currency",
                "amount", "conversion_rate", "rate_date", "type", "created_date");
        assertThat(opps).containsExactly(
                row("O1", "Deal one", "Prospecting", "open", 1, 10.0, "EUR", 1000.0, 1.10, Date.valueOf("2026-01-01"),
                        "new_business", Date.valueOf("2026-01-10")),
                row("O2", "Deal two", "Closed Won", "won", 6, 100.0, "EUR", 2000.0, 1.20, Date.valueOf("2026-02-01"),
                        "renewal", Date.valueOf("2026-01-10")),
                row("O3", "Deal three", "Qualification", "open", 2, 20.0, "USD", 500.0, 1.0, null, null,
                        Date.valueOf("2026-01-10")),
                row("O4", "Deal four", "Proposal", "open", 4, 60.0, "CNY", 700.0, null, null, null,
                        Date.valueOf("2026-01-10")),
                row("O7", "Deal seven", "Prospecting", "open", 1, 10.0, "EUR", null, 1.20, Date.valueOf("2026-02-01"),
                        null, Date.valueOf("2026-01-10")),
                row("O9", "Deal nine", "Prospecting", "open", 1, 10.0, "EUR", 100.0, 1.20, Date.valueOf("2026-02-01"),
                        null, Date.valueOf("2026-01-10")));
        assertThat(values(Exports.table(spark, data, Tables.OPPORTUNITIES).orderBy("opportunity_id"), "amount_converted"))
                .extracting(r -> (Double) r.get(0))
                .containsExactly(1000 * 1.10, 2000 * 1.20, 500.0, null, null, 100 * 1.20);
        assertThat(values(Exports.table(spark, data, Tables.QUOTAS).orderBy("quota_id"), "quota_id", "amount_converted"))
                .containsExactly(
                        row("team:T1|2026-01-01|2026-03-31|bookings", 50000.0),
                        row("user:U1|2026-01-01|2026-03-31|bookings", 10000 * 1.10));
    }

    @Test
    void absent_files_become_empty_tables_and_the_default_stage_model_applies() {
        VersionManifest m = Exports.current(data).orElseThrow();

        assertThat(m.table("contacts").orElseThrow().rows()).isZero();
        assertThat(Exports.table(spark, data, Tables.CONTACTS).count()).isZero();
        assertThat(values(Exports.table(spark, data, Tables.STAGES).orderBy("position"), "stage", "category"))
                .first().isEqualTo(row("Prospecting", "open"));
        assertThat(m.table("stages").orElseThrow().rows()).isEqualTo(7);
        assertThat(report.tables().get("stages").action()).isEqualTo("default_model");
        assertThat(m.settings()).containsEntry("reporting_currency", "USD").containsEntry("default_zone", "UTC")
                .containsEntry("fiscal_year_start_month", "1");
    }

    @Test
    void the_report_is_written_as_snake_case_json() throws Exception {
        Path file = data.resolve(WarehouseLayout.runReport(report.runId()));
        var json = Json.mapper().readTree(Files.readAllBytes(file));

        assertThat(json.get("status").asText()).isEqualTo("published");
        assertThat(json.get("version").asLong()).isEqualTo(1);
        assertThat(json.get("files").get(1).get("rows_quarantined").asLong()).isEqualTo(1);
        assertThat(json.get("totals").get("duplicates_replaced").asLong()).isEqualTo(2);
        assertThat(json.get("files").get(4).get("warnings").get("dangling_reference").asLong()).isEqualTo(2);
    }

    @Test
    void a_reject_rate_above_the_limit_publishes_nothing_and_exits_non_zero() {
        TestCli.Result result = TestCli.run("--data", data.toString(), "ingest", tmp.resolve("export").toString());

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.out()).contains("ingest REJECTED: nothing published")
                .contains("9 of 31 records (29.03%) were quarantined, more than the limit of 5.00%");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(run (\\S+)\\)").matcher(result.out());
        assertThat(m.find()).isTrue();
        String runId = m.group(1);
        assertThat(Exports.current(data).orElseThrow().version()).isEqualTo(1);
        assertThat(Exports.store(data).versions()).containsExactly(1L);
        assertThat(Exports.runTable(spark, data, runId, Tables.QUARANTINE).count()).isEqualTo(9);
        assertThat(Files.exists(data.resolve(WarehouseLayout.tableDirectory("opportunities", runId)))).isFalse();
        assertThat(new String(readReport(runId))).contains("\"status\" : \"rejected\"");
    }

    static byte[] readReport(String runId) {
        try {
            return Files.readAllBytes(data.resolve(WarehouseLayout.runReport(runId)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void a_missing_required_file_fails_naming_it_and_publishes_nothing() throws Exception {
        Path export = tmp.resolve("no-opportunities");
        writeDirtyExport(export);
        Files.delete(export.resolve("opportunities.csv"));

        assertThatThrownBy(() -> IngestJob.run(spark, Exports.config(data), IngestOptions.of(export.toString()), Progress.none()))
                .isInstanceOf(SalescopeException.class)
                .hasMessageContaining("lacks the required file opportunities.csv")
                .hasMessageContaining("nothing was published; version 1 stays current");
        TestCli.Result cli = TestCli.run("--data", data.toString(), "ingest", export.toString());
        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).contains("salescope ingest: the export").contains("lacks the required file opportunities.csv");
        assertThat(Exports.store(data).versions()).containsExactly(1L);
    }

    @Test
    void a_missing_required_column_fails_naming_the_file_and_column() {
        Path export = tmp.resolve("no-email");
        writeDirtyExport(export);
        Exports.write(export, "users.csv", "user_id,name\nU1,Ann\n");

        assertThatThrownBy(() -> IngestJob.run(spark, Exports.config(data), IngestOptions.of(export.toString()), Progress.none()))
                .isInstanceOf(SalescopeException.class)
                .hasMessageContaining("users.csv lacks the required column 'email'");
        assertThat(Exports.current(data).orElseThrow().version()).isEqualTo(1);
    }
}
