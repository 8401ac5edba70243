package io.salescope.warehouse.marts;

import io.salescope.core.contract.Tables;
import io.salescope.ingest.spark.Sparks;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ActivityMartsTest {

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = Sparks.forTests("activity-marts-test");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void activity_counts_group_by_local_date_owner_and_type() {
        Dataset<Row> counts = ActivityMarts.activityCounts(TestTables.frame(spark, Tables.ACTIVITIES, SalesFixture.activities()));

        // c1 + c2: 2 calls, 10 + 20 min; c3 an email without duration; c4 (04-01T17:00Z = 04-02
        // in Shanghai) + c5: 2 meetings, 60 + 30 min; c6 (2025-12-31T18:00Z = 2026-01-01) a demo;
        // c7 a call.
        assertThat(TestTables.maps(counts))
                .extracting(m -> tuple(m.get("occurred_date"), m.get("owner_id"), m.get("type"), m.get("activities"),
                        m.get("duration_minutes")))
                .containsExactlyInAnyOrder(
                        tuple(LocalDate.parse("2026-04-01"), "bob", "call", 2L, 30.0),
                        tuple(LocalDate.parse("2026-04-01"), "bob", "email", 1L, 0.0),
                        tuple(LocalDate.parse("2026-04-02"), "cai", "meeting", 2L, 90.0),
                        tuple(LocalDate.parse("2026-01-01"), "eva", "demo", 1L, 45.0),
                        tuple(LocalDate.parse("2025-12-30"), "eva", "call", 1L, 5.0));
        assertThat(TestTables.columnTypes(counts)).containsExactlyEntriesOf(TestTables.columnTypes(MartTables.ACTIVITY_COUNTS));
    }

    @Test
    void lead_conversion_counts_created_and_converted_leads() {
        Dataset<Row> leads = ActivityMarts.leadConversion(TestTables.frame(spark, Tables.LEADS, SalesFixture.leads()));

        // l1-l3 bob web CN: 3 created, l1 and l3 converted; l4 bob event: 1, 0; l5 (04-01T20:00Z =
        // 04-02 in Shanghai) cai web DE: 1, 1; l6 without owner, source or country: 1, 0.
        assertThat(TestTables.maps(leads))
                .extracting(m -> tuple(m.get("created_date"), m.get("owner_id"), m.get("source"), m.get("country"),
                        m.get("leads_created"), m.get("leads_converted")))
                .containsExactlyInAnyOrder(
                        tuple(LocalDate.parse("2026-04-01"), "bob", "web", "CN", 3L, 2L),
                        tuple(LocalDate.parse("2026-04-01"), "bob", "event", "CN", 1L, 0L),
                        tuple(LocalDate.parse("2026-04-02"), "cai", "web", "DE", 1L, 1L),
                        tuple(LocalDate.parse("2026-04-03"), null, null, null, 1L, 0L));
        assertThat(TestTables.columnTypes(leads)).containsExactlyEntriesOf(TestTables.columnTypes(MartTables.LEAD_CONVERSION));
    }
}
