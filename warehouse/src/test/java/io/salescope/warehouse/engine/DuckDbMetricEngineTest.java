package io.salescope.warehouse.engine;

import io.salescope.core.config.SalescopeConfig;
import io.salescope.core.store.LocalStorage;
import io.salescope.warehouse.catalog.MetricCatalog;
import io.salescope.warehouse.query.MetricQuery;
import io.salescope.warehouse.query.PermissionException;
import io.salescope.warehouse.query.QueryException;
import io.salescope.warehouse.query.QueryResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Every metric on a small hand-built company whose expected values are worked out in the
 * comments. Reference date 2026-06-30 (Q2 2026 = April-June), fiscal year from January.
 *
 * <pre>
 * Global (T0) ── East (T1, APAC) ── Tokyo (T11: R1, R2), Seoul (T12: R3)
 *             └─ West (T2, EMEA: M2, R4, R5 inactive)
 * E1 executive (T0), M1 manager (T1), A1 admin (no team)
 * </pre>
 */
class DuckDbMetricEngineTest {

    static final double EPS = 1e-9;

    @TempDir
    static Path dir;

    static DuckDbMetricEngine engine;

    @BeforeAll
    static void company() throws Exception {
        new TestWarehouse(dir)
                .rows("teams", "team_id, name, region, parent_team_id",
                        "'T0', 'Global', NULL, NULL", "'T1', 'East', 'APAC', 'T0'", "'T11', 'Tokyo', 'APAC', 'T1'",
                        "'T12', 'Seoul', 'APAC', 'T1'", "'T2', 'West', 'EMEA', 'T0'")
                .rows("users", "user_id, name, email, team_id, role, active",
                        "'E1', 'Eve Exec', 'eve@x.io', 'T0', 'executive', true",
                        "'A1', 'Ada Admin', 'ada@x.io', NULL, 'admin', true",
                        "'M1', 'Mia East', 'mia@x.io', 'T1', 'manager', true",
                        "'M2', 'Max West', 'max@x.io', 'T2', 'manager', true",
                        "'R1', 'Rita One', 'rita@x.io', 'T11', 'rep', true",
                        "'R2', 'Rob Two', 'rob@x.io', 'T11', 'rep', true",
                        "'R3', 'Ron Three', 'ron@x.io', 'T12', 'rep', true",
                        "'R4', 'Rae Four', 'rae@x.io', 'T2', 'rep', true",
                        "'R5', 'Rex Gone', 'rex@x.io', 'T2', 'rep', false")
                .rows("stages", "stage, position, probability, category",
                        "'Lead', 1, 10, 'open'", "'Demo', 2, 40, 'open'", "'Proposal', 3, 70, 'open'",
                        "'Won', 4, 100, 'won'", "'Lost', 5, 0, 'lost'")
                .rows("accounts", "account_id, name, industry, segment, country",
                        "'A1', 'Acme', 'Retail', 'Enterprise', 'JP'", "'A2', 'Bank', 'Finance', 'SMB', 'KR'")
                .rows("products", "product_id, name, family",
                        "'P1', 'Core', 'Platform'", "'P2', 'Addon', 'Addons'")
                .rows("opportunities", "opportunity_id, owner_id, account_id, product_id, stage, stage_category,"
                                + " stage_probability, amount_converted, close_date, created_date, lead_source",
                        "'O1', 'R1', 'A1', 'P1', 'Won', 'won', 100, 100, DATE '2026-04-10', DATE '2026-02-01', 'Web'",
                        "'O2', 'R1', 'A2', 'P2', 'Lost', 'lost', 0, 50, DATE '2026-05-01', DATE '2026-03-01', 'Web'",
                        "'O3', 'R2', 'A1', 'P1', 'Won', 'won', 100, 300, DATE '2026-06-15', DATE '2026-04-15', 'Referral'",
                        "'O4', 'R3', 'A2', 'P1', 'Won', 'won', 100, 200, DATE '2026-01-20', DATE '2025-12-01', 'Referral'",
                        "'O5', 'R3', 'A1', 'P2', 'Lost', 'lost', 0, 80, DATE '2026-04-20', DATE '2026-01-10', NULL",
                        "'O6', 'R4', 'A1', 'P1', 'Won', 'won', 100, 1000, DATE '2026-05-05', DATE '2026-03-20', 'Web'",
                        "'O7', 'R4', 'A2', 'P2', 'Demo', 'open', 40, 400, DATE '2026-08-01', DATE '2026-05-01', 'Web'",
                        "'O8', 'R1', 'A1', 'P1', 'Proposal', 'open', 70, 500, DATE '2026-07-15', DATE '2026-06-01', 'Web'",
                        "'O9', 'R2', 'A2', 'P1', 'Lead', 'open', 10, 100, DATE '2026-06-20', DATE '2026-06-10', 'Web'",
                        "'O10', 'R9', NULL, NULL, 'Won', 'won', 100, 70, DATE '2026-04-30', DATE '2026-04-01', NULL")
                .rows("opportunity_history", "opportunity_id, changed_at, stage",
                        "'O1', TIMESTAMPTZ '2026-02-01 10:00:00+00', 'Lead'", "'O1', TIMESTAMPTZ '2026-02-10 10:00:00+00', 'Demo'",
                        "'O1', TIMESTAMPTZ '2026-03-01 10:00:00+00', 'Proposal'", "'O1', TIMESTAMPTZ '2026-04-10 10:00:00+00', 'Won'",
                        "'O2', TIMESTAMPTZ '2026-03-01 10:00:00+00', 'Lead'", "'O2', TIMESTAMPTZ '2026-03-20 10:00:00+00', 'Proposal'",
                        "'O2', TIMESTAMPTZ '2026-05-01 10:00:00+00', 'Lost'",
                        "'O3', TIMESTAMPTZ '2026-04-15 10:00:00+00', 'Lead'", "'O3', TIMESTAMPTZ '2026-06-15 10:00:00+00', 'Won'",
                        "'O5', TIMESTAMPTZ '2026-01-10 10:00:00+00', 'Lead'", "'O5', TIMESTAMPTZ '2026-01-20 10:00:00+00', 'Demo'",
                        "'O5', TIMESTAMPTZ '2026-04-20 10:00:00+00', 'Lost'",
                        "'O6', TIMESTAMPTZ '2026-03-20 10:00:00+00', 'Lead'", "'O6', TIMESTAMPTZ '2026-03-25 10:00:00+00', 'Demo'",
                        "'O6', TIMESTAMPTZ '2026-04-05 10:00:00+00', 'Proposal'", "'O6', TIMESTAMPTZ '2026-05-05 10:00:00+00', 'Won'",
                        "'O7', TIMESTAMPTZ '2026-05-01 10:00:00+00', 'Lead'", "'O7', TIMESTAMPTZ '2026-05-10 10:00:00+00', 'Demo'",
                        "'O8', TIMESTAMPTZ '2026-06-01 10:00:00+00', 'Lead'", "'O8', TIMESTAMPTZ '2026-06-05 10:00:00+00', 'Proposal'",
                        "'O9', TIMESTAMPTZ '2026-06-10 10:00:00+00', 'Lead'",
                        "'O4', TIMESTAMPTZ '2025-12-01 10:00:00+00', 'Lead'", "'O4', TIMESTAMPTZ '2026-01-20 10:00:00+00', 'Won'")
                .rows("quotas", "owner_id, team_id, period_start, period_end, amount_converted, metric",
                        "'R1', NULL, DATE '2026-04-01', DATE '2026-06-30', 300, 'bookings'",
                        "'R2', NULL, DATE '2026-04-01', DATE '2026-06-30', 200, 'bookings'",
                        "'R3', NULL, DATE '2026-04-01', DATE '2026-06-30', 100, 'bookings'",
                        "'R4', NULL, DATE '2026-04-01', DATE '2026-06-30', 500, 'bookings'",
                        "NULL, 'T1', DATE '2026-07-01', DATE '2026-09-30', 1000, 'bookings'",
                        "'R1', NULL, DATE '2026-07-01', DATE '2026-09-30', 400, 'bookings'")
                .rows("leads", "lead_id, owner_id, source, status, created_date",
                        "'L1', 'R1', 'Web', 'converted', DATE '2026-04-01'", "'L2', 'R1', 'Web', 'open', DATE '2026-04-05'",
                        "'L3', 'R2', 'Event', 'converted', DATE '2026-05-01'", "'L4', 'R3', 'Web', 'disqualified', DATE '2026-01-10'")
                .rows("activities", "activity_id, type, owner_id, occurred_date",
                        "'C1', 'call', 'R1', DATE '2026-06-01'", "'C2', 'email', 'R1', DATE '2026-06-02'",
                        "'C3', 'call', 'R2', DATE '2026-05-15'", "'C4', 'meeting', 'R4', DATE '2026-06-20'",
                        "'C5', 'call', 'R1', DATE '2026-03-01'")
                .rows("tasks", "task_id, owner_id, subject, status, due_at",
                        "'K1', 'R1', 'a', 'open', TIMESTAMPTZ '2026-06-29 10:00:00+00'",
                        "'K2', 'R1', 'b', 'open', TIMESTAMPTZ '2026-06-30 09:00:00+00'",
                        "'K3', 'R2', 'c', 'completed', TIMESTAMPTZ '2026-06-01 09:00:00+00'",
                        "'K4', 'R4', 'd', 'open', TIMESTAMPTZ '2026-06-01 09:00:00+00'",
                        "'K5', 'R3', 'e', 'open', TIMESTAMPTZ '2026-06-29 23:59:59+00'")
                .publish();
        SalescopeConfig config = SalescopeConfig.defaults().withDataDir(dir.toString()).withToday(LocalDate.of(2026, 6, 30));
        engine = new DuckDbMetricEngine(config, new LocalStorage(dir), MetricCatalog.builtIn());
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    static QueryResult ask(MetricQuery.Builder b) {
        return engine.execute(b.build());
    }

    static MetricQuery.Builder q(String metric, String asker) {
        return MetricQuery.builder(metric, asker);
    }

    static Map<String, Double> rows(QueryResult r) {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        r.rows().forEach(row -> out.put(row.label(), row.value()));
        return out;
    }

    @Test
    void bookings_sum_won_amounts_closed_in_the_period_including_unknown_owners_for_executives() {
        // Q2: O1 100 + O3 300 + O6 1000 + O10 70 (owner R9 is not a user) = 1470
        QueryResult r = ask(q("bookings", "eve@x.io").period("2026-Q2"));
        assertThat(r.value()).isCloseTo(1470.0, within(EPS));
        assertThat(r.unit()).isEqualTo("money");
        assertThat(r.period().from()).isEqualTo(LocalDate.of(2026, 4, 1));
        assertThat(r.scope().description()).isEqualTo("the whole company");
        assertThat(r.sql()).hasSize(1);
        assertThat(r.sql().get(0)).doesNotContain("2026-04-01");
    }

    @Test
    void bookings_default_to_this_quarter() {
        assertThat(ask(q("bookings", "eve@x.io")).value()).isCloseTo(1470.0, within(EPS));
    }

    @Test
    void a_manager_without_a_named_scope_gets_their_team_and_is_told_so() {
        // East = Tokyo + Seoul: O1 100 + O3 300
        QueryResult r = ask(q("bookings", "mia@x.io").period("2026-Q2"));
        assertThat(r.value()).isCloseTo(400.0, within(EPS));
        assertThat(r.scope().defaulted()).isTrue();
        assertThat(r.scope().description()).contains("East");
    }

    @Test
    void breakdown_by_region_uses_the_owners_team_region_and_groups_missing_ones() {
        QueryResult r = ask(q("bookings", "eve@x.io").period("2026-Q2").groupBy("region"));
        assertThat(rows(r)).containsExactly(Map.entry("(none)", 70.0), Map.entry("APAC", 400.0), Map.entry("EMEA", 1000.0));
        assertThat(r.value()).isNull();
    }

    @Test
    void breakdown_by_team_lists_the_direct_sub_teams_of_the_team_in_scope() {
        assertThat(rows(ask(q("bookings", "eve@x.io").period("2026-Q2").groupBy("team"))))
                .containsExactly(Map.entry("East", 400.0), Map.entry("West", 1000.0));
        // Seoul has no bookings in Q2, so it has no row.
        assertThat(rows(ask(q("bookings", "mia@x.io").period("2026-Q2").groupBy("team"))))
                .containsExactly(Map.entry("Tokyo", 400.0));
        assertThat(rows(ask(q("bookings", "eve@x.io").period("2026").filter("team", "East").groupBy("team"))))
                .containsExactly(Map.entry("Seoul", 200.0), Map.entry("Tokyo", 400.0));
    }

    @Test
    void win_rate_is_won_over_closed_by_count() {
        // Q2 closed: O1, O3, O6, O10 won; O2, O5 lost -> 4/6
        assertThat(ask(q("win_rate", "eve@x.io").period("2026-Q2")).value()).isCloseTo(4.0 / 6, within(EPS));
        // Rita: O1 won, O2 lost
        assertThat(ask(q("win_rate", "rita@x.io").period("2026-Q2").filter("rep", "rita@x.io")).value())
                .isCloseTo(0.5, within(EPS));
    }

    @Test
    void a_ratio_with_nothing_to_divide_by_has_no_value_and_says_why() {
        QueryResult r = ask(q("win_rate", "ron@x.io").period("2026-Q3").filter("rep", "Ron Three"));
        assertThat(r.value()).isNull();
        assertThat(r.noValueReason()).isEqualTo("no closed (won or lost) deals in Q3 2026");
        assertThat(r.noValueReasonZh()).isEqualTo("2026年第三季度没有已关闭（赢单或输单）的商机");
    }

    @Test
    void win_rate_by_value_divides_amounts() {
        // Q2: won 100 + 300 + 1000 + 70 = 1470; lost 50 + 80 = 130
        assertThat(ask(q("win_rate_by_value", "eve@x.io").period("2026-Q2")).value())
                .isCloseTo(1470.0 / 1600, within(EPS));
    }

    @Test
    void bottom_n_ranks_reps_only_smallest_first() {
        // Q2 win rates: R1 0.5, R2 1.0 (O3), R3 0.0 (O5), R4 1.0 (O6); O10's owner is not a rep
        QueryResult r = ask(q("win_rate", "eve@x.io").period("2026-Q2").groupBy("rep").bottom(2));
        assertThat(rows(r)).containsExactly(Map.entry("Ron Three", 0.0), Map.entry("Rita One", 0.5));
    }

    @Test
    void top_n_ranks_largest_first() {
        assertThat(rows(ask(q("bookings", "eve@x.io").period("2026-Q2").groupBy("rep").top(1))))
                .containsExactly(Map.entry("Rae Four", 1000.0));
    }

    @Test
    void avg_deal_size_and_sales_cycle_average_over_won_deals() {
        assertThat(ask(q("avg_deal_size", "eve@x.io").period("2026-Q2")).value()).isCloseTo(1470.0 / 4, within(EPS));
        // cycles: O1 68, O3 61, O6 46, O10 29 days -> 204 / 4
        assertThat(ask(q("sales_cycle", "eve@x.io").period("2026-Q2")).value()).isCloseTo(51.0, within(EPS));
    }

    @Test
    void won_lost_and_new_opportunities_count_rows() {
        assertThat(ask(q("won_deals", "eve@x.io").period("2026-Q2")).value()).isEqualTo(4.0);
        assertThat(ask(q("lost_deals", "eve@x.io").period("2026-Q2")).value()).isEqualTo(2.0);
        // created in June: O8, O9
        assertThat(ask(q("new_opportunities", "eve@x.io").period("2026-06")).value()).isEqualTo(2.0);
        assertThat(ask(q("new_pipeline", "eve@x.io").period("2026-06")).value()).isCloseTo(600.0, within(EPS));
    }

    @Test
    void open_and_weighted_pipeline_use_the_stage_models_probability() {
        // O7 400 x 40% + O8 500 x 70% + O9 100 x 10% = 160 + 350 + 10
        assertThat(ask(q("weighted_pipeline", "eve@x.io")).value()).isCloseTo(520.0, within(EPS));
        assertThat(ask(q("weighted_pipeline", "eve@x.io")).period()).isNull();
        // closing in Q3: O7 + O8
        assertThat(ask(q("open_pipeline", "eve@x.io").period("2026-Q3")).value()).isCloseTo(900.0, within(EPS));
        assertThat(ask(q("open_opportunities", "eve@x.io")).value()).isEqualTo(3.0);
    }

    @Test
    void filters_match_values_ignoring_case_and_none_selects_missing_values() {
        // Core: O1 100 + O3 300 + O6 1000 (O10 has no product)
        assertThat(ask(q("bookings", "eve@x.io").period("2026-Q2").filter("product", "core")).value())
                .isCloseTo(1400.0, within(EPS));
        assertThat(ask(q("bookings", "eve@x.io").period("2026-Q2").filter("industry", "(none)")).value())
                .isCloseTo(70.0, within(EPS));
        assertThat(rows(ask(q("bookings", "eve@x.io").period("2026-Q2").groupBy("product_family"))))
                .containsExactly(Map.entry("(none)", 70.0), Map.entry("Platform", 1400.0));
    }

    @Test
    void quota_of_a_team_is_its_own_rows_else_its_members() {
        // East has no Q2 row: R1 300 + R2 200 + R3 100
        assertThat(ask(q("quota", "mia@x.io").period("2026-Q2").filter("team", "East")).value()).isCloseTo(600.0, within(EPS));
        // East's own Q3 row wins over R1's 400
        assertThat(ask(q("quota", "mia@x.io").period("2026-Q3").filter("team", "East")).value()).isCloseTo(1000.0, within(EPS));
        // the company: Global has no rows, so all users' Q2 rows
        assertThat(ask(q("quota", "eve@x.io").period("2026-Q2")).value()).isCloseTo(1100.0, within(EPS));
        // a year's quota is every row lying inside it
        assertThat(ask(q("quota", "rita@x.io").period("2026").filter("rep", "Rita One")).value()).isCloseTo(700.0, within(EPS));
        // a month holds no quarterly row
        assertThat(ask(q("quota", "rita@x.io").period("2026-05").filter("rep", "Rita One")).value()).isZero();
    }

    @Test
    void attainment_gap_and_coverage_combine_bookings_quota_and_pipeline() {
        assertThat(ask(q("quota_attainment", "mia@x.io").period("2026-Q2").filter("team", "East")).value())
                .isCloseTo(400.0 / 600, within(EPS));
        assertThat(ask(q("quota_gap", "rae@x.io").period("2026-Q2").filter("rep", "rae@x.io")).value())
                .isCloseTo(-500.0, within(EPS));
        // Q3 not over: East's pipeline closing in Q3 is O8 500; quota 1000 - bookings 0
        assertThat(ask(q("pipeline_coverage", "mia@x.io").period("2026-Q3").filter("team", "East")).value())
                .isCloseTo(0.5, within(EPS));
        QueryResult over = ask(q("pipeline_coverage", "mia@x.io").period("2026-Q1").filter("team", "East"));
        assertThat(over.value()).isNull();
        assertThat(over.noValueReason()).contains("Q1 2026 is over");
        QueryResult noQuota = ask(q("quota_attainment", "ron@x.io").period("2026-Q1").filter("rep", "ron@x.io"));
        assertThat(noQuota.value()).isNull();
        assertThat(noQuota.noValueReason()).isEqualTo("no quota for Q1 2026");
    }

    @Test
    void attainment_by_rep_lists_reps_with_quota_or_bookings() {
        // R1 100/300, R2 300/200, R3 0/100 (no bookings: 0), R4 1000/500
        assertThat(rows(ask(q("quota_attainment", "eve@x.io").period("2026-Q2").groupBy("rep"))))
                .containsExactly(Map.entry("Rae Four", 2.0), Map.entry("Rita One", 100.0 / 300),
                        Map.entry("Rob Two", 1.5), Map.entry("Ron Three", 0.0));
    }

    @Test
    void stage_conversion_counts_stages_ever_reached_and_won_reaches_every_open_stage() {
        // created in H1 2026: O1 O2 O3 O5 O6 O7 O8 O9 O10 = 9
        // reached Demo: won O1 O3 O6 O10 + visited O5 O7 = 6 (O2 and O8 skipped Demo)
        assertThat(ask(q("stage_conversion", "eve@x.io").period("2026-01-01..2026-06-30").option("stage", "demo")).value())
                .isCloseTo(6.0 / 9, within(EPS));
        // reached Proposal: won 4 + O2 O8 = 6; from Demo: 6 / 6
        assertThat(ask(q("stage_conversion", "eve@x.io").period("2026-01-01..2026-06-30")
                .option("from_stage", "Demo").option("stage", "Proposal")).value()).isCloseTo(1.0, within(EPS));
        QueryResult funnel = ask(q("stage_conversion", "eve@x.io").period("2026-01-01..2026-06-30"));
        assertThat(funnel.rows()).extracting(QueryResult.Row::label).containsExactly("Lead", "Demo", "Proposal", "Won", "Lost");
        assertThat(funnel.rows().get(3).value()).isCloseTo(4.0 / 9, within(EPS));
    }

    @Test
    void stage_conversion_reads_the_stages_reached_derived_once_per_version() {
        QueryResult r = ask(q("stage_conversion", "eve@x.io").period("2026-01-01..2026-06-30").option("stage", "demo"));
        assertThat(r.sql().get(0)).contains("reached_stages").doesNotContain("opportunity_history");
    }

    @Test
    void stage_conversion_with_more_stages_than_bits_looks_the_history_up_per_query(@TempDir Path other) throws Exception {
        // 65 stages: Lead, Demo, S3..S63 (never used), Won, Lost: too many for the bit set.
        List<String> stages = new java.util.ArrayList<>(List.of("'Lead', 1, 10, 'open'", "'Demo', 2, 40, 'open'"));
        for (int i = 3; i <= 63; i++) {
            stages.add("'S" + i + "', " + i + ", 50, 'open'");
        }
        stages.add("'Won', 64, 100, 'won'");
        stages.add("'Lost', 65, 0, 'lost'");
        new TestWarehouse(other)
                .rows("teams", "team_id, name, region, parent_team_id", "'T0', 'Global', NULL, NULL")
                .rows("users", "user_id, name, email, team_id, role, active", "'E1', 'Eve Exec', 'eve@x.io', 'T0', 'executive', true")
                .rows("stages", "stage, position, probability, category", stages.toArray(String[]::new))
                .rows("opportunities", "opportunity_id, owner_id, stage, stage_category, amount_converted, close_date, created_date",
                        "'O1', 'E1', 'Won', 'won', 10, DATE '2026-05-01', DATE '2026-04-01'",
                        "'O2', 'E1', 'Demo', 'open', 10, DATE '2026-08-01', DATE '2026-04-02'",
                        "'O3', 'E1', 'Lost', 'lost', 10, DATE '2026-05-01', DATE '2026-04-03'")
                .rows("opportunity_history", "opportunity_id, changed_at, stage",
                        "'O1', TIMESTAMPTZ '2026-04-01 10:00:00+00', 'Lead'", "'O1', TIMESTAMPTZ '2026-05-01 10:00:00+00', 'Won'",
                        "'O2', TIMESTAMPTZ '2026-04-02 10:00:00+00', 'Lead'", "'O2', TIMESTAMPTZ '2026-04-20 10:00:00+00', 'Demo'",
                        "'O3', TIMESTAMPTZ '2026-04-03 10:00:00+00', 'Lead'", "'O3', TIMESTAMPTZ '2026-05-01 10:00:00+00', 'Lost'")
                .publish();
        SalescopeConfig config = SalescopeConfig.defaults().withDataDir(other.toString()).withToday(LocalDate.of(2026, 6, 30));
        try (DuckDbMetricEngine own = new DuckDbMetricEngine(config, new LocalStorage(other), MetricCatalog.builtIn())) {
            // Reached Demo: O1 (won reaches every open stage) and O2 (visited), not O3: 2 of 3.
            QueryResult r = own.execute(q("stage_conversion", "eve@x.io").period("2026-Q2").option("stage", "Demo").build());
            assertThat(r.value()).isCloseTo(2.0 / 3, within(EPS));
            assertThat(r.sql().get(0)).contains("opportunity_history");
            QueryResult funnel = own.execute(q("stage_conversion", "eve@x.io").period("2026-Q2").build());
            assertThat(funnel.rows()).hasSize(65);
            assertThat(funnel.rows().get(0).value()).isCloseTo(1.0, within(EPS));
            assertThat(funnel.rows().get(2).value()).isCloseTo(1.0 / 3, within(EPS)); // S3: only won O1
            assertThat(funnel.rows().get(64).value()).isCloseTo(1.0 / 3, within(EPS)); // Lost: O3
        }
    }

    @Test
    void the_owners_rows_are_joined_only_when_read() {
        assertThat(ask(q("bookings", "eve@x.io").period("2026-Q2")).sql().get(0)).doesNotContain("JOIN users");
        assertThat(ask(q("bookings", "rita@x.io").period("2026-Q2")).sql().get(0)).doesNotContain("JOIN users");
        assertThat(ask(q("bookings", "eve@x.io").period("2026-Q2").groupBy("region")).sql().get(0))
                .contains("LEFT JOIN teams ot");
        assertThat(ask(q("bookings", "eve@x.io").period("2026-Q2").groupBy("rep")).sql().get(0))
                .contains("LEFT JOIN users ou");
    }

    @Test
    void lead_conversion_divides_converted_by_created() {
        assertThat(ask(q("lead_conversion_rate", "eve@x.io").period("2026-Q2")).value()).isCloseTo(2.0 / 3, within(EPS));
        assertThat(ask(q("lead_conversion_rate", "eve@x.io").period("2026-Q2").filter("source", "web")).value())
                .isCloseTo(0.5, within(EPS));
        assertThat(ask(q("lead_conversion_rate", "eve@x.io").period("2026-Q1").filter("source", "Event")).value()).isNull();
    }

    @Test
    void activities_count_by_type() {
        assertThat(ask(q("activities", "eve@x.io").period("2026-Q2")).value()).isEqualTo(4.0);
        assertThat(ask(q("activities", "rita@x.io").period("last_30_days").filter("rep", "rita@x.io")
                .filter("activity_type", "call")).value()).isEqualTo(1.0);
        assertThat(rows(ask(q("activities", "eve@x.io").period("2026-Q2").groupBy("activity_type"))))
                .containsExactly(Map.entry("call", 2.0), Map.entry("email", 1.0), Map.entry("meeting", 1.0));
    }

    @Test
    void overdue_tasks_are_open_tasks_due_before_midnight_of_the_reference_date() {
        // K1 (06-29 10:00) and K5 (06-29 23:59:59) in East, K4 in West; K2 is due later that day
        assertThat(ask(q("overdue_tasks", "eve@x.io")).value()).isEqualTo(3.0);
        assertThat(ask(q("overdue_tasks", "mia@x.io")).value()).isEqualTo(2.0);
    }

    @Test
    void sales_velocity_uses_the_four_quarters_before_the_current_one() {
        // 2025-Q2..2026-Q1: only O4 closed (won, 200, 50 days); 3 open now -> 3 x 1.0 x 200 / 50
        QueryResult r = ask(q("sales_velocity", "eve@x.io"));
        assertThat(r.value()).isCloseTo(12.0, within(EPS));
        assertThat(r.unit()).isEqualTo("money_per_day");
    }

    @Test
    void comparison_with_the_previous_period_and_time_buckets() {
        QueryResult r = ask(q("bookings", "eve@x.io").period("2026-Q2").compareTo(MetricQuery.Comparison.PREVIOUS_PERIOD));
        assertThat(r.comparison().period().label()).isEqualTo("2026-Q1");
        assertThat(r.comparison().value()).isCloseTo(200.0, within(EPS));
        assertThat(r.comparison().change()).isCloseTo(1270.0, within(EPS));
        assertThat(rows(ask(q("bookings", "eve@x.io").period("2026").groupBy("month"))))
                .containsExactly(Map.entry("2026-01", 200.0), Map.entry("2026-04", 170.0),
                        Map.entry("2026-05", 1000.0), Map.entry("2026-06", 300.0));
        assertThat(rows(ask(q("bookings", "eve@x.io").period("2026").groupBy("quarter"))))
                .containsExactly(Map.entry("2026-Q1", 200.0), Map.entry("2026-Q2", 1470.0));
    }

    @Test
    void reps_see_only_their_own_records() {
        assertThatThrownBy(() -> ask(q("bookings", "rita@x.io").filter("rep", "Rob Two")))
                .isInstanceOf(PermissionException.class)
                .hasMessage("You may not see the figures of Rob Two: as a rep you can see only your own records.");
        assertThatThrownBy(() -> ask(q("bookings", "rita@x.io").filter("team", "Tokyo")))
                .isInstanceOf(PermissionException.class).hasMessageContaining("team Tokyo");
        assertThat(ask(q("bookings", "rita@x.io")).value()).isCloseTo(100.0, within(EPS));
    }

    @Test
    void managers_see_their_team_and_below_but_nothing_else() {
        assertThat(ask(q("bookings", "mia@x.io").filter("team", "Seoul").period("2026")).value()).isCloseTo(200.0, within(EPS));
        assertThat(ask(q("bookings", "mia@x.io").filter("rep", "Ron Three").period("2026")).value()).isCloseTo(200.0, within(EPS));
        assertThat(ask(q("bookings", "mia@x.io").filter("region", "APAC").period("2026")).value()).isCloseTo(600.0, within(EPS));
        assertThatThrownBy(() -> ask(q("bookings", "mia@x.io").filter("team", "West")))
                .isInstanceOf(PermissionException.class)
                .hasMessageContaining("team West")
                .satisfies(e -> assertThat(((PermissionException) e).messageZh()).contains("West团队"));
        assertThatThrownBy(() -> ask(q("bookings", "max@x.io").filter("region", "APAC")))
                .isInstanceOf(PermissionException.class).hasMessageContaining("region APAC");
        assertThatThrownBy(() -> ask(q("bookings", "max@x.io").filter("team", "Global")))
                .isInstanceOf(PermissionException.class);
    }

    @Test
    void admins_see_everything_and_unknown_or_inactive_askers_see_nothing() {
        assertThat(ask(q("bookings", "ada@x.io").period("2026-Q2")).value()).isCloseTo(1470.0, within(EPS));
        assertThatThrownBy(() -> ask(q("bookings", "nobody@x.io"))).isInstanceOf(PermissionException.class)
                .hasMessageContaining("nobody@x.io");
        assertThatThrownBy(() -> ask(q("bookings", "rex@x.io"))).isInstanceOf(PermissionException.class)
                .hasMessageContaining("inactive");
    }

    @Test
    void unknown_metrics_dimensions_and_values_are_errors_listing_the_valid_ones() {
        assertThatThrownBy(() -> ask(q("revenue_per_head", "eve@x.io")))
                .isInstanceOf(QueryException.class).hasMessageContaining("bookings, won_deals");
        assertThatThrownBy(() -> ask(q("bookings", "eve@x.io").groupBy("colour")))
                .isInstanceOf(QueryException.class).hasMessageContaining("it can be by: rep, team, region");
        assertThatThrownBy(() -> ask(q("bookings", "eve@x.io").filter("product", "Nope")))
                .isInstanceOf(QueryException.class).hasMessageContaining("no product called 'Nope'; valid values are: Addon, Core");
        assertThatThrownBy(() -> ask(q("bookings", "eve@x.io").filter("team", "Mars")))
                .isInstanceOf(QueryException.class).hasMessageContaining("East");
        assertThatThrownBy(() -> ask(q("bookings", "eve@x.io").period("someday")))
                .isInstanceOf(QueryException.class).hasMessageContaining("2026-Q3");
        assertThatThrownBy(() -> ask(q("quota", "eve@x.io").filter("product", "Core")))
                .isInstanceOf(QueryException.class).hasMessageContaining("cannot be filtered by 'product'");
        assertThatThrownBy(() -> ask(q("forecast", "eve@x.io")))
                .isInstanceOf(QueryException.class).hasMessageContaining("salescope forecast");
    }

    @Test
    void user_text_never_reaches_the_sql() {
        QueryResult r = ask(q("bookings", "eve@x.io").period("2026-Q2").filter("product", "Core"));
        assertThat(String.join("\n", r.sql())).doesNotContain("Core").doesNotContain("core");
        assertThat(r.parameters().get(0)).contains("core");
        assertThatThrownBy(() -> ask(q("bookings", "eve@x.io").filter("product", "x') OR 1=1 --")))
                .isInstanceOf(QueryException.class);
    }

    @Test
    void a_statement_prepared_for_one_query_answers_the_next_with_its_own_parameters() throws Exception {
        // Same SQL text for Q2 and Q1, so the second reuses the statement prepared for the first.
        QueryResult q2 = ask(q("bookings", "eve@x.io").period("2026-Q2"));
        QueryResult q1 = ask(q("bookings", "eve@x.io").period("2026-Q1"));
        assertThat(q1.sql()).isEqualTo(q2.sql());
        assertThat(q2.value()).isCloseTo(1470.0, within(EPS));
        assertThat(q1.value()).isCloseTo(200.0, within(EPS)); // O4 200, won in January
        // Several threads at once, each on a session (and statements) of its own.
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Double>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String period = i % 2 == 0 ? "2026-Q2" : "2026-Q1";
                String asker = i % 3 == 0 ? "mia@x.io" : "eve@x.io";
                futures.add(pool.submit(() -> ask(q("bookings", asker).period(period)).value()));
            }
            for (int i = 0; i < futures.size(); i++) {
                double expected = i % 3 == 0 ? (i % 2 == 0 ? 400.0 : 200.0) : (i % 2 == 0 ? 1470.0 : 200.0);
                assertThat(futures.get(i).get()).as("query %d", i).isCloseTo(expected, within(EPS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_newly_published_version_is_picked_up_without_restart() throws Exception {
        @SuppressWarnings("resource")
        DuckDbMetricEngine own = new DuckDbMetricEngine(engine.config(), new LocalStorage(dir), MetricCatalog.builtIn());
        long before = own.version();
        assertThat(own.dimensionValues().get("product")).containsExactly("Addon", "Core");
        new TestWarehouse(dir).rows("users", "user_id, name, email, role", "'E1', 'Eve Exec', 'eve@x.io', 'executive'")
                .rows("products", "product_id, name", "'P3', 'Zeta'").publish();
        own.refresh();
        assertThat(own.version()).isEqualTo(before + 1);
        assertThat(own.dimensionValues().get("product")).containsExactly("Zeta");
        new io.salescope.core.store.VersionStore(new LocalStorage(dir)).rollback();
        own.refresh();
        assertThat(own.version()).isEqualTo(before);
        own.close();
    }

    @Test
    void users_are_found_by_email_in_any_case_id_or_name() {
        assertThat(engine.user("RITA@X.IO")).map(u -> u.userId()).isEqualTo(Optional.of("R1"));
        assertThat(engine.user("R1")).isPresent();
        assertThat(engine.user("rita one")).isPresent();
        assertThat(engine.users()).hasSize(9);
        assertThat(engine.dimensionValues().get("stage")).containsExactly("Lead", "Demo", "Proposal", "Won", "Lost");
        assertThat(engine.dimensionValues().get("source")).containsExactly("Event", "Referral", "Web");
        assertThat(engine.teams()).extracting(t -> t.name()).contains("Global", "Tokyo");
        List<String> none = List.of();
        assertThat(none).isEmpty();
    }
}
