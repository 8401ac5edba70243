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

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class FunnelMartTest {

    private static SparkSession spark;
    private static Dataset<Row> funnel;

    @BeforeAll
    static void start() {
        spark = Sparks.forTests("funnel-mart-test");
        Map<TableContract, Dataset<Row>> t = SalesFixture.frames(spark);
        funnel = FunnelMart.stageFunnel(t.get(Tables.OPPORTUNITIES), t.get(Tables.OPPORTUNITY_HISTORY),
                t.get(Tables.STAGES)).cache();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static List<Map<String, Object>> cohort(String month, String owner) {
        return TestTables.maps(funnel.where(col("created_month").equalTo(LocalDate.parse(month))
                .and(col("owner_id").equalTo(owner))).orderBy(col("funnel_step")));
    }

    @Test
    void every_cohort_has_one_row_per_open_and_won_stage() {
        // Cohorts (created month of created_date, owner): 2025-11 bob (o1); 2025-12 cai (o2, o3),
        // eva (o15); 2026-01 eva (o6), cai (o14), bob (o16); 2026-02 dan (o4: 01-31T20:00Z is 02-01
        // in Shanghai, o5), amy (o10), bob (o13); 2026-03 eva (o7), bob (o8), fay (o11); 2026-04 cai
        // (o9), dan (o12) = 1 + 2 + 3 + 3 + 3 + 2 = 14 cohorts × 6 steps (5 open stages + Closed Won;
        // Closed Lost is no step).
        assertThat(funnel.count()).isEqualTo(14 * 6);
        assertThat(TestTables.maps(funnel.select("funnel_step", "stage", "stage_position", "stage_category").distinct()
                .orderBy("funnel_step")))
                .extracting(m -> tuple(m.get("funnel_step"), m.get("stage"), m.get("stage_position"), m.get("stage_category")))
                .containsExactly(
                        tuple(1, "Prospecting", 1, "open"), tuple(2, "Qualification", 2, "open"),
                        tuple(3, "Needs Analysis", 3, "open"), tuple(4, "Proposal", 4, "open"),
                        tuple(5, "Negotiation", 5, "open"), tuple(6, "Closed Won", 6, "won"));
        assertThat(TestTables.columnTypes(funnel)).containsExactlyEntriesOf(TestTables.columnTypes(MartTables.STAGE_FUNNEL));
    }

    @Test
    void a_won_deal_reaches_every_open_stage_and_a_lost_one_only_what_its_history_shows() {
        // 2025-12 cai: o2 won (every step), o3 lost after Prospecting and Qualification.
        // reached 2, 2, 1, 1, 1, 1; conversion Q/P 2/2, NA/Q 1/2, Pr/NA 1/1, N/Pr 1/1, W/N 1/1.
        assertThat(cohort("2025-12-01", "cai"))
                .extracting(m -> tuple(m.get("stage"), m.get("created"), m.get("reached"), m.get("reached_previous"),
                        m.get("conversion_from_previous"), m.get("reach_rate")))
                .containsExactly(
                        tuple("Prospecting", 2L, 2L, null, null, 1.0),
                        tuple("Qualification", 2L, 2L, 2L, 1.0, 1.0),
                        tuple("Needs Analysis", 2L, 1L, 2L, 0.5, 0.5),
                        tuple("Proposal", 2L, 1L, 1L, 1.0, 0.5),
                        tuple("Negotiation", 2L, 1L, 1L, 1.0, 0.5),
                        tuple("Closed Won", 2L, 1L, 1L, 1.0, 0.5));
    }

    @Test
    void an_open_deal_that_skipped_a_stage_did_not_reach_it() {
        // 2026-02 dan: o4 won (every step; created 02-01 in Shanghai), o5 open at Negotiation via
        // Prospecting, Proposal, Needs Analysis — never Qualification.
        // reached 2, 1, 2, 2, 2, 1; Q/P 1/2, NA/Q 2/1 (more than 1: the metric's definition), ...
        assertThat(cohort("2026-02-01", "dan"))
                .extracting(m -> tuple(m.get("stage"), m.get("reached"), m.get("conversion_from_previous")))
                .containsExactly(
                        tuple("Prospecting", 2L, null),
                        tuple("Qualification", 1L, 0.5),
                        tuple("Needs Analysis", 2L, 2.0),
                        tuple("Proposal", 2L, 1.0),
                        tuple("Negotiation", 2L, 1.0),
                        tuple("Closed Won", 1L, 0.5));
        // 2026-04 cai: o9 has no history and is at Qualification: reached only that. Conversion
        // into a step whose previous step nobody reached has no value.
        assertThat(cohort("2026-04-01", "cai"))
                .extracting(m -> tuple(m.get("stage"), m.get("reached"), m.get("conversion_from_previous")))
                .containsExactly(
                        tuple("Prospecting", 0L, null),
                        tuple("Qualification", 1L, null),
                        tuple("Needs Analysis", 0L, 0.0),
                        tuple("Proposal", 0L, null),
                        tuple("Negotiation", 0L, null),
                        tuple("Closed Won", 0L, null));
        // 2026-03 fay: o11 won without any history: every step.
        assertThat(cohort("2026-03-01", "fay")).extracting(m -> m.get("reached"))
                .containsExactly(1L, 1L, 1L, 1L, 1L, 1L);
    }

    @Test
    void reached_counts_add_up_over_all_cohorts() {
        // Won (o1, o2, o4, o6, o10, o11, o16) reach all 6 steps. Others:
        // o3 P Q; o5 P NA Pr N; o7 P; o8 P Pr; o9 Q; o12 P; o13 P Q NA; o14 P Q NA; o15 P Pr N.
        // P: 7 + o3 o5 o7 o8 o12 o13 o14 o15 = 15     Q: 7 + o3 o9 o13 o14 = 11
        // NA: 7 + o5 o13 o14 = 10                     Pr: 7 + o5 o8 o15 = 10
        // N: 7 + o5 o15 = 9                           Won: 7
        Map<Object, Object> totals = TestTables.maps(funnel.groupBy("stage").agg(sum("reached").as("r"),
                        sum("created").as("c"))).stream()
                .collect(Collectors.toMap(m -> m.get("stage"), m -> List.of(m.get("r"), m.get("c"))));
        assertThat(totals).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Prospecting", List.of(15L, 16L), "Qualification", List.of(11L, 16L),
                "Needs Analysis", List.of(10L, 16L), "Proposal", List.of(10L, 16L),
                "Negotiation", List.of(9L, 16L), "Closed Won", List.of(7L, 16L)));
    }
}
