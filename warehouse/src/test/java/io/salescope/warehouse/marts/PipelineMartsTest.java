package io.salescope.warehouse.marts;

import io.salescope.core.contract.TableContract;
import io.salescope.core.contract.Tables;
import io.salescope.ingest.spark.Sparks;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.salescope.warehouse.marts.TestTables.row;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class PipelineMartsTest {

    private static SparkSession spark;
    private static Map<TableContract, Dataset<Row>> tables;
    private static Dataset<Row> history;

    @BeforeAll
    static void start() {
        spark = Sparks.forTests("pipeline-marts-test");
        tables = SalesFixture.frames(spark);
        history = PipelineMarts.history(tables.get(Tables.OPPORTUNITIES), tables.get(Tables.OPPORTUNITY_HISTORY),
                tables.get(Tables.STAGES)).cache();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static List<Map<String, Object>> intervals(String opportunityId) {
        return TestTables.maps(history.where(col("opportunity_id").equalTo(opportunityId)).orderBy(col("seq")));
    }

    private static Instant at(String text) {
        return Instant.parse(text);
    }

    @Test
    void history_has_one_interval_per_history_row_plus_added_current_states() {
        // History rows per opportunity: o1 4, o2 4, o3 3, o4 3, o5 4, o6 3, o7 2, o8 2, o10 2, o12 1,
        // o13 4, o14 2, o15 3 = 37; plus the current state where history is missing (o9, o11, o16)
        // or stale (o14) = 41. o99's row belongs to no opportunity and is dropped.
        assertThat(history.count()).isEqualTo(41);
        assertThat(history.where(col("opportunity_id").equalTo("o99")).count()).isZero();
        assertThat(TestTables.columnTypes(history)).containsExactlyEntriesOf(TestTables.columnTypes(MartTables.PIPELINE_HISTORY));
    }

    @Test
    void intervals_chain_in_time_and_the_first_starts_at_creation() {
        // o1: 11-10 Prospecting, 12-01 Qualification, 01-10 Proposal, 02-15 Closed Won (current).
        assertThat(intervals("o1"))
                .extracting(m -> tuple(m.get("seq"), m.get("stage"), m.get("valid_from"), m.get("valid_to"),
                        m.get("is_current"), m.get("stage_category"), m.get("from_history")))
                .containsExactly(
                        tuple(1, "Prospecting", at("2025-11-10T02:00:00Z"), at("2025-12-01T02:00:00Z"), false, "open", true),
                        tuple(2, "Qualification", at("2025-12-01T02:00:00Z"), at("2026-01-10T02:00:00Z"), false, "open", true),
                        tuple(3, "Proposal", at("2026-01-10T02:00:00Z"), at("2026-02-15T02:00:00Z"), false, "open", true),
                        tuple(4, "Closed Won", at("2026-02-15T02:00:00Z"), null, true, "won", true));
    }

    @Test
    void a_stage_moving_back_is_a_regression_and_a_later_close_date_a_push() {
        // o5: Prospecting(1) -> Proposal(4) -> Needs Analysis(3): down, a regression -> Negotiation(5).
        assertThat(intervals("o5"))
                .extracting(m -> tuple(m.get("stage"), m.get("stage_position"), m.get("is_regression"), m.get("is_push")))
                .containsExactly(
                        tuple("Prospecting", 1, false, false),
                        tuple("Proposal", 4, false, false),
                        tuple("Needs Analysis", 3, true, false),
                        tuple("Negotiation", 5, false, false));
        // o2: close 02-28, 02-28, then 03-20 (later: a push), then 03-20 again (no change).
        assertThat(intervals("o2"))
                .extracting(m -> tuple(m.get("stage"), m.get("close_date"), m.get("is_push"), m.get("forecast_category"),
                        m.get("probability"), m.get("amount"), m.get("currency"), m.get("amount_converted")))
                .containsExactly(
                        tuple("Prospecting", LocalDate.parse("2026-02-28"), false, "pipeline", 10.0, 20000.0, "EUR", 22000.0),
                        tuple("Needs Analysis", LocalDate.parse("2026-02-28"), false, "pipeline", 40.0, 20000.0, "EUR", 22000.0),
                        tuple("Negotiation", LocalDate.parse("2026-03-20"), true, "commit", 80.0, 20000.0, "EUR", 22000.0),
                        tuple("Closed Won", LocalDate.parse("2026-03-20"), false, "closed", 100.0, 20000.0, "EUR", 22000.0));
        // o3: close 03-31, 03-31, then 03-05: earlier, so not a push.
        assertThat(intervals("o3")).extracting(m -> m.get("is_push")).containsExactly(false, false, false);
        // o8: close 05-31 then 06-15: a push.
        assertThat(intervals("o8")).extracting(m -> m.get("is_push")).containsExactly(false, true);
        // Exactly these three changes in the whole fixture.
        assertThat(history.where(col("is_regression")).count()).isEqualTo(1);
        assertThat(history.where(col("is_push")).count()).isEqualTo(2);
    }

    @Test
    void a_current_state_newer_than_history_is_added_as_the_final_interval_from_modified_at() {
        // o14: history ends at Qualification (02-10); the opportunity is now Needs Analysis, modified 03-12.
        assertThat(intervals("o14"))
                .extracting(m -> tuple(m.get("stage"), m.get("valid_from"), m.get("valid_to"), m.get("from_history"),
                        m.get("probability")))
                .containsExactly(
                        tuple("Prospecting", at("2026-01-20T02:00:00Z"), at("2026-02-10T02:00:00Z"), true, 10.0),
                        tuple("Qualification", at("2026-02-10T02:00:00Z"), at("2026-03-12T02:00:00Z"), true, 20.0),
                        tuple("Needs Analysis", at("2026-03-12T02:00:00Z"), null, false, 40.0));
    }

    @Test
    void an_opportunity_without_history_is_one_interval_from_created_at() {
        assertThat(intervals("o9"))
                .extracting(m -> tuple(m.get("seq"), m.get("stage"), m.get("valid_from"), m.get("valid_to"),
                        m.get("from_history"), m.get("owner_id"), m.get("amount_converted"), m.get("stage_probability")))
                .containsExactly(tuple(1, "Qualification", at("2026-04-02T02:00:00Z"), null, false, "cai", 9000.0, 20.0));
    }

    @Test
    void empty_history_fields_carry_the_last_known_value() {
        // o15's Proposal row has no amount, currency or close date: it keeps 4000 USD and 06-01 from
        // the Prospecting row, with its own forecast category and probability.
        assertThat(intervals("o15"))
                .extracting(m -> tuple(m.get("stage"), m.get("amount"), m.get("currency"), m.get("amount_converted"),
                        m.get("close_date"), m.get("forecast_category"), m.get("probability")))
                .containsExactly(
                        tuple("Prospecting", 4000.0, "USD", 4000.0, LocalDate.parse("2026-06-01"), "pipeline", 10.0),
                        tuple("Proposal", 4000.0, "USD", 4000.0, LocalDate.parse("2026-06-01"), "best_case", 60.0),
                        tuple("Negotiation", 5000.0, "USD", 5000.0, LocalDate.parse("2026-06-01"), "commit", 80.0));
    }

    @Test
    void every_opportunitys_current_interval_agrees_with_its_current_row() {
        Map<String, Map<String, Object>> current = SalesFixture.opportunityValues();
        List<Map<String, Object>> last = TestTables.maps(history.where(col("is_current")));
        assertThat(last).hasSize(16);
        for (Map<String, Object> interval : last) {
            Map<String, Object> opp = current.get((String) interval.get("opportunity_id"));
            assertThat(interval.get("stage")).isEqualTo(opp.get("stage"));
            assertThat(interval.get("amount")).isEqualTo(opp.get("amount"));
            assertThat(interval.get("amount_converted")).isEqualTo(opp.get("amount_converted"));
            assertThat(interval.get("close_date")).isEqualTo(LocalDate.parse((String) opp.get("close_date")));
            assertThat(interval.get("owner_id")).isEqualTo(opp.get("owner_id"));
        }
        // Each opportunity has exactly one current interval and numbered, gap-free intervals.
        Map<Object, Long> perOpp = TestTables.maps(history).stream()
                .collect(Collectors.groupingBy(m -> m.get("opportunity_id"), Collectors.counting()));
        Map<Object, Object> maxSeq = new HashMap<>();
        TestTables.maps(history.groupBy(col("opportunity_id")).agg(org.apache.spark.sql.functions.max("seq").as("m")))
                .forEach(m -> maxSeq.put(m.get("opportunity_id"), ((Integer) m.get("m")).longValue()));
        assertThat(maxSeq).isEqualTo(new HashMap<>(perOpp));
    }

    @Test
    void a_current_row_not_newer_than_history_replaces_historys_last_state() {
        // History says Proposal at 03-01; the opportunity row says Negotiation but was last
        // modified at 02-20, before that: the current state wins from 03-01.
        Dataset<Row> opps = TestTables.frame(spark, Tables.OPPORTUNITIES, List.of(row(Tables.OPPORTUNITIES,
                TestTables.values("opportunity_id", "x", "account_id", "a1", "owner_id", "bob", "amount", 100.0,
                        "currency", "USD", "amount_converted", 100.0, "stage", "Negotiation", "stage_category", "open",
                        "stage_position", 5, "created_at", "2026-02-10T00:00:00Z", "close_date", "2026-06-30",
                        "modified_at", "2026-02-20T00:00:00Z"))));
        Dataset<Row> hist = TestTables.frame(spark, Tables.OPPORTUNITY_HISTORY, List.of(
                // Starts after created_at: the first interval is moved back to creation.
                SalesFixture.historyRow("x", "2026-02-12T00:00:00Z", "Prospecting", 100.0, "USD", 100.0, "2026-06-30", null, null),
                SalesFixture.historyRow("x", "2026-03-01T00:00:00Z", "Proposal", 100.0, "USD", 100.0, "2026-06-30", null, null)));

        Dataset<Row> out = PipelineMarts.history(opps, hist, tables.get(Tables.STAGES)).orderBy(col("seq"));

        assertThat(TestTables.maps(out))
                .extracting(m -> tuple(m.get("seq"), m.get("stage"), m.get("valid_from"), m.get("valid_to"), m.get("from_history")))
                .containsExactly(
                        tuple(1, "Prospecting", at("2026-02-10T00:00:00Z"), at("2026-03-01T00:00:00Z"), true),
                        tuple(2, "Negotiation", at("2026-03-01T00:00:00Z"), null, false));
    }

    @Test
    void snapshot_dates_are_the_month_ends_from_the_first_creation_until_before_the_reference_date() {
        // Earliest created_date: o1 on 2025-11-10; reference date 2026-05-15.
        assertThat(PipelineMarts.snapshotDates(tables.get(Tables.OPPORTUNITIES), SalesFixture.TODAY))
                .containsExactly(LocalDate.parse("2025-11-30"), LocalDate.parse("2025-12-31"),
                        LocalDate.parse("2026-01-31"), LocalDate.parse("2026-02-28"),
                        LocalDate.parse("2026-03-31"), LocalDate.parse("2026-04-30"));
        assertThat(PipelineMarts.monthEnds(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-31"))).isEmpty();
        assertThat(PipelineMarts.monthEnds(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-04-01")))
                .containsExactly(LocalDate.parse("2026-03-31"));
    }

    @Test
    void month_end_snapshots_list_the_opportunities_open_at_the_end_of_that_day_in_the_default_zone() {
        Dataset<Row> snapshots = PipelineMarts.snapshots(history,
                PipelineMarts.snapshotDates(tables.get(Tables.OPPORTUNITIES), SalesFixture.TODAY), SalesFixture.ZONE);
        List<Map<String, Object>> rows = TestTables.maps(snapshots);

        // End of d in Shanghai = d 16:00Z. Open then:
        // 2025-11-30: o1 (Prospecting)                                                     1
        // 2025-12-31: o1 Qualification, o2, o3, o15 Prospecting                              4
        // 2026-01-31: o1 Proposal, o2 Needs Analysis, o3 Qualification, o6, o14, o15
        //             Prospecting; not o4, created 01-31T20:00Z = 02-01 in Shanghai         6
        // 2026-02-28: o2 Negotiation, o3, o4, o14 Qualification, o5, o10, o13 Prospecting,
        //             o6, o15 Proposal; o1 won on 02-15                                      9
        // 2026-03-31: o4, o6 Proposal, o5, o13 ..., o7, o8, o10 Prospecting, o14 Needs
        //             Analysis, o15 Negotiation; o8's Proposal is 04-01T02:00Z, after        9
        // 2026-04-30: o5, o15 Negotiation, o6, o8 Proposal, o9 Qualification, o12
        //             Prospecting, o13, o14 Needs Analysis; o10 won 04-30T02:00Z, before     8
        Map<Object, Long> perDate = rows.stream()
                .collect(Collectors.groupingBy(m -> m.get("as_of_date").toString(), Collectors.counting()));
        assertThat(perDate).containsExactlyInAnyOrderEntriesOf(Map.of(
                "2025-11-30", 1L, "2025-12-31", 4L, "2026-01-31", 6L, "2026-02-28", 9L, "2026-03-31", 9L, "2026-04-30", 8L));

        assertThat(rows.stream().filter(m -> m.get("as_of_date").toString().equals("2026-01-31"))
                .map(m -> m.get("opportunity_id"))).containsExactlyInAnyOrder("o1", "o2", "o3", "o6", "o14", "o15");
        assertThat(rows).filteredOn(m -> m.get("as_of_date").toString().equals("2026-03-31")
                        && m.get("opportunity_id").equals("o8"))
                .extracting(m -> tuple(m.get("stage"), m.get("close_date"), m.get("forecast_category")))
                .containsExactly(tuple("Prospecting", LocalDate.parse("2026-05-31"), "pipeline"));
        assertThat(rows).filteredOn(m -> m.get("as_of_date").toString().equals("2026-02-28")
                        && m.get("opportunity_id").equals("o15"))
                .extracting(m -> tuple(m.get("stage"), m.get("amount_converted")))
                .containsExactly(tuple("Proposal", 4000.0));
        // Pipeline at 2026-04-30: o5 12000 + o6 15000 + o8 7000 + o9 9000 + o12 6000 + o13 12100
        // + o14 1000 + o15 5000 = 67100.
        assertThat(rows.stream().filter(m -> m.get("as_of_date").toString().equals("2026-04-30"))
                .mapToDouble(m -> (Double) m.get("amount_converted")).sum()).isEqualTo(67100.0);
        assertThat(TestTables.columnTypes(snapshots)).containsExactlyEntriesOf(TestTables.columnTypes(MartTables.PIPELINE_SNAPSHOTS));
    }
}
