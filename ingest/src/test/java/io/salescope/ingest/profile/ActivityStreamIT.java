package io.salescope.ingest.profile;

import io.salescope.core.contract.Tables;
import io.salescope.core.progress.Progress;
import io.salescope.ingest.Exports;
import io.salescope.ingest.IngestJob;
import io.salescope.ingest.IngestOptions;
import io.salescope.ingest.IngestReport;
import io.salescope.ingest.spark.Sparks;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Timestamp;
import java.time.Instant;

import static io.salescope.ingest.Exports.row;
import static io.salescope.ingest.Exports.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * JSON-lines activity events appended to files in a folder load incrementally and
 * idempotently: each run reads what was appended since the checkpoint, an event seen twice
 * counts once, bad lines are quarantined with their file and line.
 */
class ActivityStreamIT {

    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = Sparks.forTests("ActivityStreamIT");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static void crm(Path export) {
        Exports.write(export, "users.csv", """
                user_id,name,email
                u1,Li Na,li.na@example.com
                u2,Sam Ortiz,sam.ortiz@example.com
                """);
        Exports.write(export, "accounts.csv", "account_id,name\na1,Acme\n");
        Exports.write(export, "opportunities.csv", """
                opportunity_id,account_id,owner_id,amount,currency,stage,created_at,close_date,modified_at
                o1,a1,u1,1000,USD,Prospecting,2026-01-05T10:00:00Z,2026-06-30,2026-01-05T10:00:00Z
                """);
    }

    static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    static IngestReport stream(Path data, Path folder) {
        return IngestJob.run(spark, Exports.config(data), IngestOptions.of(folder.toString()).withProfile("activity-stream")
                .withMaxRejectRate(0.5), Progress.none());
    }

    @Test
    void appended_events_load_once_each_and_a_re_read_file_changes_nothing(@TempDir Path tmp) throws IOException {
        Path data = tmp.resolve("data");
        Path export = tmp.resolve("crm");
        crm(export);
        Path events = tmp.resolve("events");
        Files.createDirectories(events);
        Path phone = events.resolve("phone-2026-03.jsonl");
        Path mail = events.resolve("mail.ndjson");
        append(phone, """
                {"event_id":"c-1","source":"phone","type":"call","owner_email":"LI.NA@example.com","occurred_at":"2026-03-05T09:12:44+08:00","duration_seconds":312,"direction":"outbound","opportunity_id":"o1","outcome":"connected"}
                {"event_id":"c-2","source":"phone","type":"phone_call","owner_id":"u2","occurred_at":1772700000000,"duration_seconds":45,"direction":"in"}
                not json at all

                {"event_id":"c-3","source":"phone","type":"call","owner_email":"sam.ortiz@example.com"}
                {"event_id":"c-4","source":"phone","type":"call","owner_email":"li.na@example.com","occurred_at":"2026-03-05T11:00:00Z"}
                {"event_id":"c-1","source":"phone","type":"call","owner_email":"li.na@example.com","occurred_at":"2026-03-05T09:12:44+08:00","duration_seconds":312,"direction":"outbound","opportunity_id":"o1","outcome":"connected"}
                {"event_id":"c-5","source":"phone","type":"call","owner_email":"li.na@exa""");
        append(mail, """
                {"event_id":"m-1","source":"mail","type":"email_sent","owner_email":"sam.ortiz@example.com","occurred_at":"2026-03-04T16:00:00Z","subject":"Re: pricing, \\"final\\"","account_id":"a1"}
                """);

        assertThatThrownBy(() -> stream(data, events)).hasMessageContaining("ingest the CRM export first");
        assertThat(IngestJob.run(spark, Exports.config(data), IngestOptions.of(export.toString()), Progress.none())
                .published()).isTrue();

        IngestReport first = stream(data, events);
        assertThat(first.published()).as(first.summary()).isTrue();
        // The half-written last line waits for the next run; the re-sent c-1 counts once.
        assertThat(first.file("phone-2026-03.jsonl", "activities")).satisfies(f -> {
            assertThat(f.rowsRead()).isEqualTo(6);
            assertThat(f.rowsQuarantined()).isEqualTo(2);
            assertThat(f.duplicatesReplaced()).isEqualTo(1);
            assertThat(f.rowsLoaded()).isEqualTo(3);
        });
        assertThat(first.tables().get("users").action()).isEqualTo("reused");
        assertThat(values(Exports.runTable(spark, data, first.runId(), Tables.QUARANTINE).orderBy("line"), "source_file",
                "line", "reason", "column_name"))
                .containsExactly(row("phone-2026-03.jsonl", 3L, "malformed_record", null),
                        row("phone-2026-03.jsonl", 5L, "missing_required", "occurred_at"));
        assertThat(values(Exports.table(spark, data, Tables.ACTIVITIES).orderBy("activity_id"), "activity_id", "type",
                "owner_id", "occurred_at", "duration_minutes", "direction", "opportunity_id"))
                .containsExactly(
                        row("evt:c-1", "call", "u1", Timestamp.from(Instant.parse("2026-03-05T01:12:44Z")), 5.2, "outbound", "o1"),
                        row("evt:c-2", "call", "u2", Timestamp.from(Instant.ofEpochMilli(1772700000000L)), 0.75, "inbound", null),
                        row("evt:c-4", "call", "u1", Timestamp.from(Instant.parse("2026-03-05T11:00:00Z")), null, null, null),
                        row("evt:m-1", "email", "u2", Timestamp.from(Instant.parse("2026-03-04T16:00:00Z")), null, null, null));

        // The writer finishes the half-written line, re-sends m-1 with a correction, and adds one more.
        append(phone, """
                ample.com","occurred_at":"2026-03-05T12:30:00Z"}
                {"event_id":"c-6","source":"phone","type":"call","owner_id":"u1","occurred_at":"2026-03-05T13:00:00Z"}
                """);
        append(mail, """
                {"event_id":"m-1","source":"mail","type":"email_sent","owner_email":"sam.ortiz@example.com","occurred_at":"2026-03-04T16:00:00Z","subject":"Re: pricing (corrected)","account_id":"a1"}
                """);
        IngestReport second = stream(data, events);
        assertThat(second.published()).as(second.summary()).isTrue();
        assertThat(second.file("phone-2026-03.jsonl", "activities").rowsRead()).isEqualTo(2);
        assertThat(second.file("mail.ndjson", "activities")).satisfies(f -> {
            assertThat(f.rowsRead()).isEqualTo(1);
            assertThat(f.rowsUpdated()).isEqualTo(1);
        });
        assertThat(Exports.table(spark, data, Tables.ACTIVITIES).count()).isEqualTo(6);
        assertThat(values(Exports.table(spark, data, Tables.ACTIVITIES).filter("activity_id = 'evt:m-1'"), "subject"))
                .containsExactly(row("Re: pricing (corrected)"));

        // Nothing new: nothing read, the table stays.
        IngestReport third = stream(data, events);
        assertThat(third.totals().rowsRead()).isZero();
        assertThat(third.tables().get("activities").action()).isEqualTo("reused");

        // The phone system rewrites its file from scratch (a rotation): read again, each event still counts once.
        String all = Files.readString(phone).replace("not json at all\n", "");
        Files.writeString(phone, all);
        IngestReport fourth = stream(data, events);
        assertThat(fourth.published()).as(fourth.summary()).isTrue();
        assertThat(fourth.file("phone-2026-03.jsonl", "activities").rowsRead()).isEqualTo(7);
        assertThat(Exports.table(spark, data, Tables.ACTIVITIES).count()).isEqualTo(6);
    }
}
