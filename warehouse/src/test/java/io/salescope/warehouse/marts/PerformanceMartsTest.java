package io.salescope.warehouse.marts;

import io.salescope.core.contract.TableContract;
import io.salescope.core.contract.Tables;
import io.salescope.core.time.FiscalCalendar;
import io.salescope.ingest.spark.Sparks;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class PerformanceMartsTest {

    private static SparkSession spark;
    private static Map<TableContract, Dataset<Row>> t;
    private static final FiscalColumns FISCAL = new FiscalColumns(new FiscalCalendar(SalesFixture.FISCAL_START));

    @BeforeAll
    static void start() {
        spark = Sparks.forTests("performance-marts-test");
        t = SalesFixture.frames(spark);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static LocalDate d(String text) {
        return LocalDate.parse(text);
    }

    @Test
    void bookings_count_and_sum_closed_deals_per_close_date_and_every_dimension() {
        Dataset<Row> bookings = PerformanceMarts.bookings(t.get(Tables.OPPORTUNITIES), t.get(Tables.USERS),
                t.get(Tables.TEAMS), t.get(Tables.ACCOUNTS), t.get(Tables.PRODUCTS), FISCAL);

        // Closed: won o1 o2 o4 o6 o10 o11 o16, lost o3 o7 o13. o1 and o16 share every dimension
        // (2026-02-15, bob, p1, a1, web, new_business): one row, 10000 + 2500 EUR × 1.1 = 12750.
        // Region is the owner's team's (bob: t_apac → APAC), never the account's. fay has no team.
        // Fiscal year from April: Feb/Mar 2026 → FY2026 Q4; Apr/May 2026 → FY2027 Q1.
        assertThat(TestTables.maps(bookings))
                .extracting(m -> tuple(m.get("close_date"), m.get("fiscal_year"), m.get("fiscal_quarter"), m.get("owner_id"),
                        m.get("team_id"), m.get("region"), m.get("product_id"), m.get("product"), m.get("product_family"),
                        m.get("segment"), m.get("industry"), m.get("country"), m.get("lead_source"), m.get("type"),
                        m.get("won_deals"), m.get("won_amount"), m.get("lost_deals"), m.get("lost_amount")))
                .containsExactlyInAnyOrder(
                        tuple(d("2026-02-15"), 2026, 4, "bob", "t_apac", "APAC", "p1", "Analytics", "Platform",
                                "Enterprise", "Technology", "CN", "web", "new_business", 2L, 12750.0, 0L, 0.0),
                        tuple(d("2026-03-20"), 2026, 4, "cai", "t_china", "China", "p2", "Connect", "Platform",
                                "Enterprise", "Technology", "CN", "partner", "expansion", 1L, 22000.0, 0L, 0.0),
                        tuple(d("2026-03-05"), 2026, 4, "cai", "t_china", "China", "p1", "Analytics", "Platform",
                                "SMB", "Retail", "DE", "web", "new_business", 0L, 0.0, 1L, 5000.0),
                        tuple(d("2026-03-25"), 2026, 4, "fay", null, null, null, null, null,
                                "SMB", "Retail", "DE", null, "new_business", 1L, 2000.0, 0L, 0.0),
                        tuple(d("2026-04-20"), 2027, 1, "dan", "t_china", "China", "p3", "Support", "Services",
                                "Mid-Market", "Financial Services", "US", "event", "new_business", 1L, 8800.0, 0L, 0.0),
                        tuple(d("2026-05-05"), 2027, 1, "eva", "t_emea", "Europe", "p1", "Analytics", "Platform",
                                "Mid-Market", "Financial Services", "US", "partner", "renewal", 1L, 15000.0, 0L, 0.0),
                        tuple(d("2026-04-10"), 2027, 1, "eva", "t_emea", "Europe", "p3", "Support", "Services",
                                "Enterprise", "Technology", "CN", "web", "new_business", 0L, 0.0, 1L, 3300.0),
                        tuple(d("2026-04-30"), 2027, 1, "amy", "t_apac", "APAC", "p1", "Analytics", "Platform",
                                "Enterprise", "Technology", "CN", "partner", "new_business", 1L, 4000.0, 0L, 0.0),
                        tuple(d("2026-05-10"), 2027, 1, "bob", "t_apac", "APAC", "p2", "Connect", "Platform",
                                "Mid-Market", "Financial Services", "US", "partner", "new_business", 0L, 0.0, 1L, 12100.0));

        // Per fiscal quarter: FY2026-Q4 won 12750 + 22000 + 2000 = 36750, lost 5000;
        // FY2027-Q1 won 8800 + 15000 + 4000 = 27800, lost 3300 + 12100 = 15400.
        assertThat(TestTables.maps(bookings.groupBy("fiscal_year", "fiscal_quarter")
                        .agg(sum("won_deals").as("w"), sum("won_amount").as("wa"), sum("lost_amount").as("la"))))
                .extracting(m -> tuple(m.get("fiscal_year"), m.get("fiscal_quarter"), m.get("w"), m.get("wa"), m.get("la")))
                .containsExactlyInAnyOrder(tuple(2026, 4, 4L, 36750.0, 5000.0), tuple(2027, 1, 3L, 27800.0, 15400.0));
        assertThat(TestTables.columnTypes(bookings)).containsExactlyEntriesOf(TestTables.columnTypes(MartTables.BOOKINGS));
    }

    /**
     * Reference date 2026-05-15: FY2026 (Q4 = Jan-Mar 2026) is over; FY2027 Q1 (Apr-Jun), Q2 and
     * the year are not.
     * <pre>
     * won (bookings)     bob o1 10000 + o16 2750 = 12750 (FY26 Q4); cai o2 22000 (FY26 Q4);
     *                    fay o11 2000 (FY26 Q4); dan o4 8800, eva o6 15000, amy o10 4000 (FY27 Q1)
     * open by close date bob o8 7000; cai o9 9000 + o14 1000 = 10000; dan o5 12000; eva o15 5000
     *                    (FY27 Q1); dan o12 6000 (FY27 Q2)
     * rep quotas         bob 15000 (FY26 Q4), 30000 (FY27 Q1); cai 15000, 22000; dan 10000 + 3000
     *                    (April, inside Q1) = 13000; eva 25000; eva's 03-15..04-14 row lies in no
     *                    quarter and no year. A quarter's rows also lie in its year.
     * team quotas        t_china has its own FY2027 row (100000): its FY2027 quota; for FY27 Q1 it
     *                    has none, so its users' rows count: cai 22000 + dan 13000 = 35000.
     *                    t_apac (amy, bob + t_china's cai, dan), t_emea (eva), t_global (all but fay)
     *                    have no rows: their users' quotas. The users' rows, not t_china's own row,
     *                    make t_apac's FY2027 quota (metrics-v1: "the quotas of the users in the
     *                    team and the teams below it").
     * </pre>
     * attainment = bookings ÷ quota (none when quota is 0); gap = quota − bookings; coverage =
     * open ÷ gap while the period is not over and gap > 0.
     */
    @Test
    void quota_attainment_per_rep_and_team_per_fiscal_quarter_and_year() {
        Dataset<Row> attainment = PerformanceMarts.quotaAttainment(t.get(Tables.OPPORTUNITIES), t.get(Tables.QUOTAS),
                TeamMarts.userTeams(t.get(Tables.USERS), TeamMarts.teamTree(t.get(Tables.TEAMS))), FISCAL,
                SalesFixture.TODAY);

        assertThat(TestTables.maps(attainment))
                .extracting(m -> tuple(m.get("scope"), m.get("scope_id"), m.get("period"), m.get("quota"),
                        m.get("quota_source"), m.get("bookings"), m.get("won_deals"), m.get("attainment"), m.get("gap"),
                        m.get("open_pipeline"), m.get("coverage"), m.get("period_over")))
                .containsExactlyInAnyOrder(
                        tuple("rep", "bob", "2026-Q4", 15000.0, "own", 12750.0, 2L, 12750.0 / 15000, 2250.0, 0.0, null, true),
                        tuple("rep", "bob", "2026", 15000.0, "own", 12750.0, 2L, 12750.0 / 15000, 2250.0, 0.0, null, true),
                        tuple("rep", "bob", "2027-Q1", 30000.0, "own", 0.0, 0L, 0.0, 30000.0, 7000.0, 7000.0 / 30000, false),
                        tuple("rep", "bob", "2027", 30000.0, "own", 0.0, 0L, 0.0, 30000.0, 7000.0, 7000.0 / 30000, false),
                        tuple("rep", "cai", "2026-Q4", 15000.0, "own", 22000.0, 1L, 22000.0 / 15000, -7000.0, 0.0, null, true),
                        tuple("rep", "cai", "2026", 15000.0, "own", 22000.0, 1L, 22000.0 / 15000, -7000.0, 0.0, null, true),
                        tuple("rep", "cai", "2027-Q1", 22000.0, "own", 0.0, 0L, 0.0, 22000.0, 10000.0, 10000.0 / 22000, false),
                        tuple("rep", "cai", "2027", 22000.0, "own", 0.0, 0L, 0.0, 22000.0, 10000.0, 10000.0 / 22000, false),
                        tuple("rep", "dan", "2027-Q1", 13000.0, "own", 8800.0, 1L, 8800.0 / 13000, 4200.0, 12000.0, 12000.0 / 4200, false),
                        // No quota in Q2: attainment has no value, and nothing is left to cover.
                        tuple("rep", "dan", "2027-Q2", 0.0, "none", 0.0, 0L, null, 0.0, 6000.0, null, false),
                        tuple("rep", "dan", "2027", 13000.0, "own", 8800.0, 1L, 8800.0 / 13000, 4200.0, 18000.0, 18000.0 / 4200, false),
                        tuple("rep", "eva", "2027-Q1", 25000.0, "own", 15000.0, 1L, 0.6, 10000.0, 5000.0, 0.5, false),
                        tuple("rep", "eva", "2027", 25000.0, "own", 15000.0, 1L, 0.6, 10000.0, 5000.0, 0.5, false),
                        tuple("rep", "amy", "2027-Q1", 0.0, "none", 4000.0, 1L, null, -4000.0, 0.0, null, false),
                        tuple("rep", "amy", "2027", 0.0, "none", 4000.0, 1L, null, -4000.0, 0.0, null, false),
                        tuple("rep", "fay", "2026-Q4", 0.0, "none", 2000.0, 1L, null, -2000.0, 0.0, null, true),
                        tuple("rep", "fay", "2026", 0.0, "none", 2000.0, 1L, null, -2000.0, 0.0, null, true),
                        // t_china = cai + dan.
                        tuple("team", "t_china", "2026-Q4", 15000.0, "members", 22000.0, 1L, 22000.0 / 15000, -7000.0, 0.0, null, true),
                        tuple("team", "t_china", "2026", 15000.0, "members", 22000.0, 1L, 22000.0 / 15000, -7000.0, 0.0, null, true),
                        tuple("team", "t_china", "2027-Q1", 35000.0, "members", 8800.0, 1L, 8800.0 / 35000, 26200.0,
                                22000.0, 22000.0 / 26200, false),
                        tuple("team", "t_china", "2027-Q2", 0.0, "none", 0.0, 0L, null, 0.0, 6000.0, null, false),
                        tuple("team", "t_china", "2027", 100000.0, "own", 8800.0, 1L, 8800.0 / 100000, 91200.0,
                                28000.0, 28000.0 / 91200, false),
                        // t_apac = amy + bob + cai + dan: FY26 Q4 quota 15000 + 15000, bookings 12750 + 22000;
                        // FY27 Q1 quota 30000 + 22000 + 13000 = 65000, bookings 4000 + 8800, open 7000 + 10000 + 12000.
                        tuple("team", "t_apac", "2026-Q4", 30000.0, "members", 34750.0, 3L, 34750.0 / 30000, -4750.0, 0.0, null, true),
                        tuple("team", "t_apac", "2026", 30000.0, "members", 34750.0, 3L, 34750.0 / 30000, -4750.0, 0.0, null, true),
                        tuple("team", "t_apac", "2027-Q1", 65000.0, "members", 12800.0, 2L, 12800.0 / 65000, 52200.0,
                                29000.0, 29000.0 / 52200, false),
                        tuple("team", "t_apac", "2027-Q2", 0.0, "none", 0.0, 0L, null, 0.0, 6000.0, null, false),
                        tuple("team", "t_apac", "2027", 65000.0, "members", 12800.0, 2L, 12800.0 / 65000, 52200.0,
                                35000.0, 35000.0 / 52200, false),
                        tuple("team", "t_emea", "2027-Q1", 25000.0, "members", 15000.0, 1L, 0.6, 10000.0, 5000.0, 0.5, false),
                        tuple("team", "t_emea", "2027", 25000.0, "members", 15000.0, 1L, 0.6, 10000.0, 5000.0, 0.5, false),
                        // t_global = t_apac + eva (+ ceo, who has nothing); fay has no team.
                        tuple("team", "t_global", "2026-Q4", 30000.0, "members", 34750.0, 3L, 34750.0 / 30000, -4750.0, 0.0, null, true),
                        tuple("team", "t_global", "2026", 30000.0, "members", 34750.0, 3L, 34750.0 / 30000, -4750.0, 0.0, null, true),
                        tuple("team", "t_global", "2027-Q1", 90000.0, "members", 27800.0, 3L, 27800.0 / 90000, 62200.0,
                                34000.0, 34000.0 / 62200, false),
                        tuple("team", "t_global", "2027-Q2", 0.0, "none", 0.0, 0L, null, 0.0, 6000.0, null, false),
                        tuple("team", "t_global", "2027", 90000.0, "members", 27800.0, 3L, 27800.0 / 90000, 62200.0,
                                40000.0, 40000.0 / 62200, false));

        assertThat(TestTables.maps(attainment.where(col("scope_id").equalTo("t_china")).orderBy("period")))
                .extracting(m -> tuple(m.get("period"), m.get("period_type"), m.get("fiscal_year"), m.get("fiscal_quarter"),
                        m.get("period_start"), m.get("period_end")))
                .containsExactly(
                        tuple("2026", "year", 2026, null, d("2025-04-01"), d("2026-03-31")),
                        tuple("2026-Q4", "quarter", 2026, 4, d("2026-01-01"), d("2026-03-31")),
                        tuple("2027", "year", 2027, null, d("2026-04-01"), d("2027-03-31")),
                        tuple("2027-Q1", "quarter", 2027, 1, d("2026-04-01"), d("2026-06-30")),
                        tuple("2027-Q2", "quarter", 2027, 2, d("2026-07-01"), d("2026-09-30")));
        assertThat(TestTables.columnTypes(attainment))
                .containsExactlyEntriesOf(TestTables.columnTypes(MartTables.QUOTA_ATTAINMENT));
    }

    @Test
    void sales_cycle_has_one_row_per_won_deal_with_days_from_creation_to_close() {
        Dataset<Row> cycle = PerformanceMarts.salesCycle(t.get(Tables.OPPORTUNITIES), FISCAL);

        // o1 11-10 → 02-15: 20 + 31 + 31 + 15 = 97     o2 12-01 → 03-20: 30 + 31 + 28 + 20 = 109
        // o4 02-01 (Shanghai date of 01-31T20:00Z) → 04-20: 27 + 31 + 20 = 78
        // o6 01-05 → 05-05: 26 + 28 + 31 + 30 + 5 = 120  o10 02-20 → 04-30: 8 + 31 + 30 = 69
        // o11 03-03 → 03-25: 22                        o16 01-15 → 02-15: 31
        assertThat(TestTables.maps(cycle))
                .extracting(m -> tuple(m.get("opportunity_id"), m.get("owner_id"), m.get("created_date"), m.get("close_date"),
                        m.get("fiscal_year"), m.get("fiscal_quarter"), m.get("cycle_days"), m.get("amount_converted")))
                .containsExactlyInAnyOrder(
                        tuple("o1", "bob", d("2025-11-10"), d("2026-02-15"), 2026, 4, 97, 10000.0),
                        tuple("o2", "cai", d("2025-12-01"), d("2026-03-20"), 2026, 4, 109, 22000.0),
                        tuple("o4", "dan", d("2026-02-01"), d("2026-04-20"), 2027, 1, 78, 8800.0),
                        tuple("o6", "eva", d("2026-01-05"), d("2026-05-05"), 2027, 1, 120, 15000.0),
                        tuple("o10", "amy", d("2026-02-20"), d("2026-04-30"), 2027, 1, 69, 4000.0),
                        tuple("o11", "fay", d("2026-03-03"), d("2026-03-25"), 2026, 4, 22, 2000.0),
                        tuple("o16", "bob", d("2026-01-15"), d("2026-02-15"), 2026, 4, 31, 2750.0));
        // Sales cycle for FY2027-Q1: (78 + 120 + 69) / 3 = 89 days.
        assertThat(cycle.where(col("fiscal_year").equalTo(2027).and(col("fiscal_quarter").equalTo(1)))
                .agg(org.apache.spark.sql.functions.avg("cycle_days")).first().getDouble(0)).isEqualTo(89.0);
        assertThat(TestTables.columnTypes(cycle)).containsExactlyEntriesOf(TestTables.columnTypes(MartTables.SALES_CYCLE));
    }
}
