package io.salescope.ingest;

import io.salescope.core.contract.Tables;
import io.salescope.core.progress.Progress;
import io.salescope.ingest.spark.Sparks;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.salescope.ingest.Exports.row;
import static io.salescope.ingest.Exports.values;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full load types, checks and writes a file in one pass, counting its quarantined rows and
 * looking for repeated keys while it writes; a file that does repeat keys is loaded again with
 * the duplicates removed. Either way the results are those of crm-export-v1.
 */
class OnePassIngestIT {

    static SparkSession spark;
    @TempDir
    static Path tmp;
    static Path data;
    static IngestReport report;
    static final List<String> jobs = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void ingest() {
        spark = Sparks.forTests("one-pass-it");
        spark.sparkContext().addSparkListener(new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart start) {
                String description = start.properties().getProperty("spark.job.description");
                if (description != null) {
                    jobs.add(description);
                }
            }
        });
        data = tmp.resolve("data");
        Path export = tmp.resolve("export");
        Exports.write(export, "users.csv", "user_id,name,email\nU1,Ann,ann@x.io\nU2,Bob,bob@x.io\n");
        Exports.write(export, "accounts.csv", "account_id,name,owner_id\nA1,Acme,U1\nA2,Beta,U2\nA3,Gamma,U1\n");
        // One unknown stage (quarantined), one invalid optional value (a warning), no repeated key.
        Exports.write(export, "opportunities.csv", """
                opportunity_id,account_id,owner_id,amount,currency,stage,created_at,close_date,modified_at,probability
                O1,A1,U1,100,USD,Prospecting,2026-01-01,2026-02-01,2026-01-01,
                O2,A1,U1,200,USD,Daydreaming,2026-01-01,2026-01-15,2026-01-01,
                O3,A2,U2,300,USD,Proposal,2026-01-01,2026-01-20,2026-01-01,180
                O4,A3,U2,400,USD,Proposal,2026-01-01,2026-01-20,2026-01-01,
                """);
        // X2 twice (the later line wins: activities have no version column), a row that is not
        // CSV-typed (quarantined), and a dangling account.
        Exports.write(export, "activities.csv", """
                activity_id,type,owner_id,occurred_at,account_id,subject
                X1,call,U1,2026-01-02T10:00:00Z,A1,first
                X2,call,U1,2026-01-03T10:00:00Z,A1,older
                X3,email,U2,not a time,A2,broken
                X2,email,U2,2026-01-05T10:00:00Z,A9,newer
                X4,meeting,U2,2026-01-06T10:00:00Z,A3,last
                """);
        report = IngestJob.run(spark, Exports.config(data), IngestOptions.of(export.toString()).withMaxRejectRate(0.5), Progress.none());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void a_file_without_repeated_keys_is_read_once_and_its_rejects_are_quarantined() {
        assertThat(report.published()).isTrue();
        IngestReport.FileReport opportunities = report.file("opportunities.csv");
        assertThat(opportunities.rowsRead()).isEqualTo(4);
        assertThat(opportunities.rowsLoaded()).isEqualTo(3);
        assertThat(opportunities.rowsQuarantined()).isEqualTo(1);
        assertThat(opportunities.quarantine()).isEqualTo(Map.of("unknown_stage", 1L));
        assertThat(opportunities.duplicatesReplaced()).isZero();
        assertThat(opportunities.warnings()).isEqualTo(Map.of("invalid_value", 1L));
        assertThat(values(Exports.table(spark, data, Tables.OPPORTUNITIES).orderBy("opportunity_id"),
                "opportunity_id", "probability"))
                .containsExactly(row("O1", null), row("O3", null), row("O4", null));
        assertThat(values(Exports.runTable(spark, data, report.runId(), Tables.QUARANTINE)
                .filter("table_name = 'opportunities'"), "line", "reason", "column_name", "raw_value"))
                .containsExactly(row(3L, "unknown_stage", "stage", "Daydreaming"));
        // No separate pass over the file before its write.
        assertThat(jobs).noneMatch(j -> j.equals("ingest opportunities: outcomes"))
                .anyMatch(j -> j.equals("ingest opportunities: write"));
        assertThat(jobs).noneMatch(j -> j.equals("ingest accounts: outcomes"));
        // The readers checked accounts' owners against the users' ids: all there, so no warnings pass.
        assertThat(jobs).noneMatch(j -> j.equals("ingest accounts: warnings"));
    }

    @Test
    void a_file_with_a_repeated_key_is_loaded_again_keeping_the_last_row() {
        IngestReport.FileReport activities = report.file("activities.csv");
        assertThat(activities.rowsRead()).isEqualTo(5);
        assertThat(activities.rowsQuarantined()).isEqualTo(1);
        assertThat(activities.duplicatesReplaced()).isEqualTo(1);
        assertThat(activities.rowsLoaded()).isEqualTo(3);
        assertThat(activities.rowsInTable()).isEqualTo(3);
        assertThat(activities.warnings()).isEqualTo(Map.of("dangling_reference", 1L));
        assertThat(values(Exports.table(spark, data, Tables.ACTIVITIES).orderBy("activity_id"),
                "activity_id", "subject", "account_id"))
                .containsExactly(row("X1", "first", "A1"), row("X2", "newer", "A9"), row("X4", "last", "A3"));
        assertThat(values(Exports.runTable(spark, data, report.runId(), Tables.QUARANTINE)
                .filter("table_name = 'activities'"), "line", "reason", "column_name"))
                .containsExactly(row(4L, "unparseable", "occurred_at"));
        // The one-pass write found the repeated key; the two-pass load removed it.
        assertThat(jobs).contains("ingest activities: outcomes", "ingest activities: dedupe");
    }
}
