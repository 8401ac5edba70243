package io.salescope.ingest;

import io.salescope.core.contract.Tables;
import io.salescope.core.progress.Progress;
import io.salescope.ingest.spark.Sparks;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static io.salescope.ingest.Exports.row;
import static io.salescope.ingest.Exports.values;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files whose only warnings are dangling references or missing rates (no invalid values, which
 * the first pass already sees): the write finds that they have warnings, and the warnings pass
 * writes exactly those; a clean file gets none.
 */
class WarningsWithoutInvalidValuesIT {

    static SparkSession spark;
    @TempDir
    static Path tmp;
    static Path data;
    static IngestReport report;

    @BeforeAll
    static void ingest() {
        spark = Sparks.forTests("warnings-it");
        data = tmp.resolve("data");
        Path export = tmp.resolve("export");
        Exports.write(export, "users.csv", "user_id,name,email\nU1,Ann,ann@x.io\nU2,Bob,bob@x.io\n");
        Exports.write(export, "accounts.csv", "account_id,name,owner_id\nA1,Acme,U1\nA2,Beta,U2\n");
        Exports.write(export, "contacts.csv", "contact_id,account_id,first_name\nC1,A1,Cy\nC2,A2,Di\n");
        Exports.write(export, "exchange_rates.csv", "currency,rate,valid_from,valid_to\nEUR,1.1,2026-01-01,\n");
        Exports.write(export, "opportunities.csv", """
                opportunity_id,account_id,owner_id,amount,currency,stage,created_at,close_date,modified_at
                O1,A1,U1,100,USD,Prospecting,2026-01-01,2026-02-01,2026-01-01
                O2,A1,U1,200,CNY,Prospecting,2026-01-01,2026-01-15,2026-01-01
                O3,A2,U2,100,EUR,Proposal,2026-01-01,2026-01-20,2026-01-01
                """);
        Exports.write(export, "activities.csv", """
                activity_id,type,owner_id,occurred_at,account_id,contact_id
                X1,call,U1,2026-01-02T10:00:00Z,A1,C1
                X2,call,U9,2026-01-03T10:00:00Z,A1,C1
                X3,email,U2,2026-01-04T10:00:00Z,A7,C2
                """);
        report = IngestJob.run(spark, Exports.config(data), IngestOptions.of(export.toString()), Progress.none());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void dangling_references_and_missing_rates_are_reported_without_invalid_values() {
        assertThat(report.published()).isTrue();
        assertThat(report.file("activities.csv").warnings()).isEqualTo(Map.of("dangling_reference", 2L));
        assertThat(report.file("opportunities.csv").warnings()).isEqualTo(Map.of("no_rate", 1L));
        assertThat(report.file("accounts.csv").warnings()).isEmpty();
        assertThat(report.file("contacts.csv").warnings()).isEmpty();
        assertThat(values(Exports.runTable(spark, data, report.runId(), Tables.INGEST_WARNINGS)
                .orderBy("source_file", "line"), "source_file", "line", "kind", "column_name", "raw_value"))
                .containsExactly(
                        row("activities.csv", 3L, "dangling_reference", "owner_id", "U9"),
                        row("activities.csv", 4L, "dangling_reference", "account_id", "A7"),
                        row("opportunities.csv", 3L, "no_rate", "currency", "CNY"));
    }

    @Test
    void rows_with_warnings_are_loaded_as_they_are() {
        assertThat(values(Exports.table(spark, data, Tables.ACTIVITIES).orderBy("activity_id"), "activity_id", "owner_id"))
                .containsExactly(row("X1", "U1"), row("X2", "U9"), row("X3", "U2"));
        assertThat(values(Exports.table(spark, data, Tables.OPPORTUNITIES).orderBy("opportunity_id"),
                "opportunity_id", "amount_converted"))
                .containsExactly(row("O1", 100.0), row("O2", null), row("O3", 110.00000000000001));
    }
}
