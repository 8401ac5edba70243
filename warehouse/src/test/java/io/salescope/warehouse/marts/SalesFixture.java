package io.salescope.warehouse.marts;

import io.salescope.core.config.SalescopeConfig;
import io.salescope.core.contract.DefaultStageModel;
import io.salescope.core.contract.TableContract;
import io.salescope.core.contract.Tables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.salescope.warehouse.marts.TestTables.row;
import static io.salescope.warehouse.marts.TestTables.values;

/**
 * A small, hand-checkable sales organisation. Every mart test works its expected figures out
 * from what is written here.
 *
 * <p>Settings: default zone Asia/Shanghai (UTC+8, so 2026-01-31T20:00Z is 2026-02-01 locally),
 * fiscal year starting in April (FY2027 = 2026-04-01..2027-03-31; FY2027-Q1 = Apr-Jun 2026;
 * FY2026-Q4 = Jan-Mar 2026), reference date 2026-05-15, reporting currency USD, EUR at 1.1.
 *
 * <pre>
 * Teams:  t_global (no region) ── t_apac (APAC) ── t_china (China)
 *                              └─ t_emea (Europe)
 * Users:  ceo (executive, t_global), amy (manager, t_apac), bob (t_apac), cai (t_china),
 *         dan (t_china), eva (t_emea), fay (no team)
 * Stages: the default model — Prospecting 1, Qualification 2, Needs Analysis 3, Proposal 4,
 *         Negotiation 5 (open); Closed Won 6 (won); Closed Lost 7 (lost)
 *
 * id   owner acct prod amount        stage           created_at (UTC)   created_date close_date type         source
 * o1   bob   a1   p1   10000 USD     Closed Won      2025-11-10T02:00   2025-11-10   2026-02-15 new_business web
 * o2   cai   a1   p2   20000 EUR=22000 Closed Won    2025-12-01T02:00   2025-12-01   2026-03-20 expansion    partner
 * o3   cai   a2   p1    5000 USD     Closed Lost     2025-12-15T02:00   2025-12-15   2026-03-05 new_business web
 * o4   dan   a3   p3    8000 EUR=8800 Closed Won     2026-01-31T20:00   2026-02-01   2026-04-20 new_business event
 * o5   dan   a2   p2   12000 USD     Negotiation     2026-02-10T02:00   2026-02-10   2026-05-30 new_business web
 * o6   eva   a3   p1   15000 USD     Closed Won      2026-01-05T02:00   2026-01-05   2026-05-05 renewal      partner
 * o7   eva   a1   p3    3000 EUR=3300 Closed Lost    2026-03-01T02:00   2026-03-01   2026-04-10 new_business web
 * o8   bob   a2   p1    7000 USD     Proposal        2026-03-10T02:00   2026-03-10   2026-06-15 expansion    web
 * o9   cai   a3   p2    9000 USD     Qualification   2026-04-02T02:00   2026-04-02   2026-06-30 new_business event
 * o10  amy   a1   p1    4000 USD     Closed Won      2026-02-20T02:00   2026-02-20   2026-04-30 new_business partner
 * o11  fay   a2   -     2000 USD     Closed Won      2026-03-03T02:00   2026-03-03   2026-03-25 new_business -
 * o12  dan   a1   p1    6000 USD     Prospecting     2026-04-20T02:00   2026-04-20   2026-08-15 new_business web
 * o13  bob   a3   p2   11000 EUR=12100 Closed Lost   2026-02-05T02:00   2026-02-05   2026-05-10 new_business partner
 * o14  cai   a2   p3    1000 USD     Needs Analysis  2026-01-20T02:00   2026-01-20   2026-05-20 renewal      web
 * o15  eva   a1   p2    5000 USD     Negotiation     2025-12-20T02:00   2025-12-20   2026-06-01 expansion    event
 * o16  bob   a1   p1    2500 EUR=2750 Closed Won     2026-01-15T02:00   2026-01-15   2026-02-15 new_business web
 * </pre>
 * Forecast category and probability are the stage's defaults everywhere except o15's second
 * history row. History: see {@link #history()}; o9, o11 and o16 have none; o14's current stage
 * is newer than its history; o99 is history of an opportunity that no longer exists.
 */
final class SalesFixture {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final LocalDate TODAY = LocalDate.of(2026, 5, 15);
    static final int FISCAL_START = 4;

    private SalesFixture() {
    }

    static SalescopeConfig config(Path dataDir) {
        return new SalescopeConfig(dataDir.toString(), "USD", ZONE, FISCAL_START, Optional.of(TODAY), 3);
    }

    static Map<TableContract, Dataset<Row>> frames(SparkSession spark) {
        Map<TableContract, Dataset<Row>> out = new LinkedHashMap<>();
        out.put(Tables.TEAMS, TestTables.frame(spark, Tables.TEAMS, teams()));
        out.put(Tables.USERS, TestTables.frame(spark, Tables.USERS, users()));
        out.put(Tables.ACCOUNTS, TestTables.frame(spark, Tables.ACCOUNTS, accounts()));
        out.put(Tables.PRODUCTS, TestTables.frame(spark, Tables.PRODUCTS, products()));
        out.put(Tables.STAGES, WarehouseTables.defaultStages(spark));
        out.put(Tables.OPPORTUNITIES, TestTables.frame(spark, Tables.OPPORTUNITIES, opportunities()));
        out.put(Tables.OPPORTUNITY_HISTORY, TestTables.frame(spark, Tables.OPPORTUNITY_HISTORY, history()));
        out.put(Tables.ACTIVITIES, TestTables.frame(spark, Tables.ACTIVITIES, activities()));
        out.put(Tables.QUOTAS, TestTables.frame(spark, Tables.QUOTAS, quotas()));
        out.put(Tables.LEADS, TestTables.frame(spark, Tables.LEADS, leads()));
        return out;
    }

    static List<Row> teams() {
        return List.of(
                row(Tables.TEAMS, values("team_id", "t_global", "name", "Global", "region", null, "parent_team_id", null)),
                row(Tables.TEAMS, values("team_id", "t_apac", "name", "APAC", "region", "APAC", "parent_team_id", "t_global")),
                row(Tables.TEAMS, values("team_id", "t_china", "name", "China", "region", "China", "parent_team_id", "t_apac")),
                row(Tables.TEAMS, values("team_id", "t_emea", "name", "EMEA", "region", "Europe", "parent_team_id", "t_global")));
    }

    static List<Row> users() {
        return List.of(
                user("ceo", "executive", "t_global"),
                user("amy", "manager", "t_apac"),
                user("bob", "rep", "t_apac"),
                user("cai", "rep", "t_china"),
                user("dan", "rep", "t_china"),
                user("eva", "rep", "t_emea"),
                user("fay", "rep", null));
    }

    private static Row user(String id, String role, String team) {
        return row(Tables.USERS, values("user_id", id, "name", id.toUpperCase(), "email", id + "@example.com",
                "team_id", team, "role", role, "active", true));
    }

    static List<Row> accounts() {
        return List.of(
                row(Tables.ACCOUNTS, values("account_id", "a1", "name", "Acme China", "industry", "Technology",
                        "segment", "Enterprise", "region", "APAC", "country", "CN")),
                row(Tables.ACCOUNTS, values("account_id", "a2", "name", "Bonn Retail", "industry", "Retail",
                        "segment", "SMB", "region", "Europe", "country", "DE")),
                row(Tables.ACCOUNTS, values("account_id", "a3", "name", "Chicago Bank", "industry", "Financial Services",
                        "segment", "Mid-Market", "region", "North America", "country", "US")));
    }

    static List<Row> products() {
        return List.of(
                row(Tables.PRODUCTS, values("product_id", "p1", "name", "Analytics", "family", "Platform")),
                row(Tables.PRODUCTS, values("product_id", "p2", "name", "Connect", "family", "Platform")),
                row(Tables.PRODUCTS, values("product_id", "p3", "name", "Support", "family", "Services")));
    }

    /** The opportunities' current rows as column → value maps, by id (history helpers read them). */
    static Map<String, Map<String, Object>> opportunityValues() {
        Map<String, Map<String, Object>> m = new LinkedHashMap<>();
        opp(m, "o1", "bob", "a1", "p1", 10000, "USD", 10000, "Closed Won", "new_business", "web",
                "2025-11-10T02:00:00Z", "2026-02-15", "2026-02-15T02:00:00Z");
        opp(m, "o2", "cai", "a1", "p2", 20000, "EUR", 22000, "Closed Won", "expansion", "partner",
                "2025-12-01T02:00:00Z", "2026-03-20", "2026-03-20T02:00:00Z");
        opp(m, "o3", "cai", "a2", "p1", 5000, "USD", 5000, "Closed Lost", "new_business", "web",
                "2025-12-15T02:00:00Z", "2026-03-05", "2026-03-05T02:00:00Z");
        opp(m, "o4", "dan", "a3", "p3", 8000, "EUR", 8800, "Closed Won", "new_business", "event",
                "2026-01-31T20:00:00Z", "2026-04-20", "2026-04-20T02:00:00Z");
        opp(m, "o5", "dan", "a2", "p2", 12000, "USD", 12000, "Negotiation", "new_business", "web",
                "2026-02-10T02:00:00Z", "2026-05-30", "2026-04-15T02:00:00Z");
        opp(m, "o6", "eva", "a3", "p1", 15000, "USD", 15000, "Closed Won", "renewal", "partner",
                "2026-01-05T02:00:00Z", "2026-05-05", "2026-05-05T02:00:00Z");
        opp(m, "o7", "eva", "a1", "p3", 3000, "EUR", 3300, "Closed Lost", "new_business", "web",
                "2026-03-01T02:00:00Z", "2026-04-10", "2026-04-10T02:00:00Z");
        opp(m, "o8", "bob", "a2", "p1", 7000, "USD", 7000, "Proposal", "expansion", "web",
                "2026-03-10T02:00:00Z", "2026-06-15", "2026-04-01T02:00:00Z");
        opp(m, "o9", "cai", "a3", "p2", 9000, "USD", 9000, "Qualification", "new_business", "event",
                "2026-04-02T02:00:00Z", "2026-06-30", "2026-04-02T02:00:00Z");
        opp(m, "o10", "amy", "a1", "p1", 4000, "USD", 4000, "Closed Won", "new_business", "partner",
                "2026-02-20T02:00:00Z", "2026-04-30", "2026-04-30T02:00:00Z");
        opp(m, "o11", "fay", "a2", null, 2000, "USD", 2000, "Closed Won", "new_business", null,
                "2026-03-03T02:00:00Z", "2026-03-25", "2026-03-25T02:00:00Z");
        opp(m, "o12", "dan", "a1", "p1", 6000, "USD", 6000, "Prospecting", "new_business", "web",
                "2026-04-20T02:00:00Z", "2026-08-15", "2026-04-20T02:00:00Z");
        opp(m, "o13", "bob", "a3", "p2", 11000, "EUR", 12100, "Closed Lost", "new_business", "partner",
                "2026-02-05T02:00:00Z", "2026-05-10", "2026-05-10T02:00:00Z");
        opp(m, "o14", "cai", "a2", "p3", 1000, "USD", 1000, "Needs Analysis", "renewal", "web",
                "2026-01-20T02:00:00Z", "2026-05-20", "2026-03-12T02:00:00Z");
        opp(m, "o15", "eva", "a1", "p2", 5000, "USD", 5000, "Negotiation", "expansion", "event",
                "2025-12-20T02:00:00Z", "2026-06-01", "2026-03-15T02:00:00Z");
        opp(m, "o16", "bob", "a1", "p1", 2500, "EUR", 2750, "Closed Won", "new_business", "web",
                "2026-01-15T02:00:00Z", "2026-02-15", "2026-02-15T03:00:00Z");
        return m;
    }

    private static void opp(Map<String, Map<String, Object>> m, String id, String owner, String account, String product,
                            double amount, String currency, double converted, String stage, String type, String source,
                            String createdAt, String closeDate, String modifiedAt) {
        DefaultStageModel.Stage s = stage(stage);
        Map<String, Object> v = values(
                "opportunity_id", id, "account_id", account, "owner_id", owner, "name", "Deal " + id,
                "product_id", product, "amount", amount, "currency", currency, "stage", stage,
                "probability", s.probability(), "forecast_category", s.forecastCategory(), "type", type,
                "lead_source", source, "created_at", createdAt, "close_date", closeDate,
                "closed_at", s.category().equals("open") ? null : closeDate + "T10:00:00Z",
                "modified_at", modifiedAt,
                "stage_category", s.category(), "stage_position", s.position(), "stage_probability", s.probability(),
                "amount_converted", converted, "conversion_rate", currency.equals("EUR") ? 1.1 : 1.0,
                "created_date", localDate(createdAt));
        m.put(id, v);
    }

    static List<Row> opportunities() {
        return opportunityValues().values().stream().map(v -> row(Tables.OPPORTUNITIES, v)).toList();
    }

    /**
     * History rows. Unless noted, amount and currency are the opportunity's and forecast
     * category and probability the stage's defaults.
     * <pre>
     * o1:  11-10 Prospecting, 12-01 Qualification, 01-10 Proposal, 02-15 Closed Won   (close 2026-02-15 throughout)
     * o2:  12-01 Prospecting (close 02-28), 01-05 Needs Analysis (02-28), 02-20 Negotiation (03-20: a push),
     *      03-20 Closed Won (03-20)
     * o3:  12-15 Prospecting (03-31), 01-20 Qualification (03-31), 03-05 Closed Lost (03-05: earlier, no push)
     * o4:  01-31T20:00Z Qualification (04-30), 03-01 Proposal (04-30), 04-20 Closed Won (04-20)
     * o5:  02-10 Prospecting, 03-01 Proposal, 03-20 Needs Analysis (a regression), 04-15 Negotiation (close 05-30)
     * o6:  01-05 Prospecting (05-31), 02-15 Proposal (05-31), 05-05 Closed Won (05-05)
     * o7:  03-01 Prospecting (04-30), 04-10 Closed Lost (04-10)
     * o8:  03-10 Prospecting (05-31), 04-01 Proposal (06-15: a push)
     * o10: 02-20 Prospecting (04-30), 04-30 Closed Won (04-30)
     * o12: 04-20 Prospecting (08-15)
     * o13: 02-05 Prospecting, 03-01 Qualification, 04-01 Needs Analysis (05-31), 05-10 Closed Lost (05-10)
     * o14: 01-20 Prospecting, 02-10 Qualification (05-20); its current row (Needs Analysis, modified 03-12) is newer
     * o15: 12-20 Prospecting 4000 USD (06-01); 02-01 Proposal with amount, currency, close date empty and
     *      forecast category best_case, probability 60; 03-15 Negotiation 5000 USD (06-01)
     * o99: 01-01 Prospecting (no such opportunity)
     * </pre>
     * All at 02:00Z except o4's first row.
     */
    static List<Row> history() {
        List<Row> rows = new ArrayList<>();
        h(rows, "o1", "2025-11-10T02:00:00Z", "Prospecting", "2026-02-15");
        h(rows, "o1", "2025-12-01T02:00:00Z", "Qualification", "2026-02-15");
        h(rows, "o1", "2026-01-10T02:00:00Z", "Proposal", "2026-02-15");
        h(rows, "o1", "2026-02-15T02:00:00Z", "Closed Won", "2026-02-15");
        h(rows, "o2", "2025-12-01T02:00:00Z", "Prospecting", "2026-02-28");
        h(rows, "o2", "2026-01-05T02:00:00Z", "Needs Analysis", "2026-02-28");
        h(rows, "o2", "2026-02-20T02:00:00Z", "Negotiation", "2026-03-20");
        h(rows, "o2", "2026-03-20T02:00:00Z", "Closed Won", "2026-03-20");
        h(rows, "o3", "2025-12-15T02:00:00Z", "Prospecting", "2026-03-31");
        h(rows, "o3", "2026-01-20T02:00:00Z", "Qualification", "2026-03-31");
        h(rows, "o3", "2026-03-05T02:00:00Z", "Closed Lost", "2026-03-05");
        h(rows, "o4", "2026-01-31T20:00:00Z", "Qualification", "2026-04-30");
        h(rows, "o4", "2026-03-01T02:00:00Z", "Proposal", "2026-04-30");
        h(rows, "o4", "2026-04-20T02:00:00Z", "Closed Won", "2026-04-20");
        h(rows, "o5", "2026-02-10T02:00:00Z", "Prospecting", "2026-05-30");
        h(rows, "o5", "2026-03-01T02:00:00Z", "Proposal", "2026-05-30");
        h(rows, "o5", "2026-03-20T02:00:00Z", "Needs Analysis", "2026-05-30");
        h(rows, "o5", "2026-04-15T02:00:00Z", "Negotiation", "2026-05-30");
        h(rows, "o6", "2026-01-05T02:00:00Z", "Prospecting", "2026-05-31");
        h(rows, "o6", "2026-02-15T02:00:00Z", "Proposal", "2026-05-31");
        h(rows, "o6", "2026-05-05T02:00:00Z", "Closed Won", "2026-05-05");
        h(rows, "o7", "2026-03-01T02:00:00Z", "Prospecting", "2026-04-30");
        h(rows, "o7", "2026-04-10T02:00:00Z", "Closed Lost", "2026-04-10");
        h(rows, "o8", "2026-03-10T02:00:00Z", "Prospecting", "2026-05-31");
        h(rows, "o8", "2026-04-01T02:00:00Z", "Proposal", "2026-06-15");
        h(rows, "o10", "2026-02-20T02:00:00Z", "Prospecting", "2026-04-30");
        h(rows, "o10", "2026-04-30T02:00:00Z", "Closed Won", "2026-04-30");
        h(rows, "o12", "2026-04-20T02:00:00Z", "Prospecting", "2026-08-15");
        h(rows, "o13", "2026-02-05T02:00:00Z", "Prospecting", "2026-05-31");
        h(rows, "o13", "2026-03-01T02:00:00Z", "Qualification", "2026-05-31");
        h(rows, "o13", "2026-04-01T02:00:00Z", "Needs Analysis", "2026-05-31");
        h(rows, "o13", "2026-05-10T02:00:00Z", "Closed Lost", "2026-05-10");
        h(rows, "o14", "2026-01-20T02:00:00Z", "Prospecting", "2026-05-20");
        h(rows, "o14", "2026-02-10T02:00:00Z", "Qualification", "2026-05-20");
        rows.add(historyRow("o15", "2025-12-20T02:00:00Z", "Prospecting", 4000.0, "USD", 4000.0, "2026-06-01",
                "pipeline", 10.0));
        rows.add(historyRow("o15", "2026-02-01T02:00:00Z", "Proposal", null, null, null, null, "best_case", 60.0));
        rows.add(historyRow("o15", "2026-03-15T02:00:00Z", "Negotiation", 5000.0, "USD", 5000.0, "2026-06-01",
                "commit", 80.0));
        rows.add(historyRow("o99", "2026-01-01T02:00:00Z", "Prospecting", 1.0, "USD", 1.0, "2026-06-01",
                "pipeline", 10.0));
        return rows;
    }

    private static void h(List<Row> rows, String opp, String changedAt, String stage, String closeDate) {
        Map<String, Object> o = opportunityValues().get(opp);
        DefaultStageModel.Stage s = stage(stage);
        rows.add(historyRow(opp, changedAt, stage, (Double) o.get("amount"), (String) o.get("currency"),
                (Double) o.get("amount_converted"), closeDate, s.forecastCategory(), s.probability()));
    }

    static Row historyRow(String opp, String changedAt, String stage, Double amount, String currency, Double converted,
                          String closeDate, String forecastCategory, Double probability) {
        DefaultStageModel.Stage s = stage(stage);
        return row(Tables.OPPORTUNITY_HISTORY, values(
                "opportunity_id", opp, "changed_at", changedAt, "stage", stage, "amount", amount, "currency", currency,
                "close_date", closeDate, "forecast_category", forecastCategory, "probability", probability,
                "stage_category", s.category(), "stage_position", s.position(), "amount_converted", converted,
                "changed_date", localDate(changedAt)));
    }

    /**
     * <pre>
     * id  owner type     occurred_at (UTC)   occurred_date (Shanghai)  minutes
     * c1  bob   call     2026-04-01T02:00    2026-04-01                10
     * c2  bob   call     2026-04-01T05:00    2026-04-01                20
     * c3  bob   email    2026-04-01T03:00    2026-04-01                -
     * c4  cai   meeting  2026-04-01T17:00    2026-04-02                60
     * c5  cai   meeting  2026-04-02T02:00    2026-04-02                30
     * c6  eva   demo     2025-12-31T18:00    2026-01-01                45
     * c7  eva   call     2025-12-30T02:00    2025-12-30                 5
     * </pre>
     */
    static List<Row> activities() {
        return List.of(
                activity("c1", "bob", "call", "2026-04-01T02:00:00Z", 10.0),
                activity("c2", "bob", "call", "2026-04-01T05:00:00Z", 20.0),
                activity("c3", "bob", "email", "2026-04-01T03:00:00Z", null),
                activity("c4", "cai", "meeting", "2026-04-01T17:00:00Z", 60.0),
                activity("c5", "cai", "meeting", "2026-04-02T02:00:00Z", 30.0),
                activity("c6", "eva", "demo", "2025-12-31T18:00:00Z", 45.0),
                activity("c7", "eva", "call", "2025-12-30T02:00:00Z", 5.0));
    }

    private static Row activity(String id, String owner, String type, String occurredAt, Double minutes) {
        LocalDate date = localDate(occurredAt);
        return row(Tables.ACTIVITIES, values("activity_id", id, "type", type, "owner_id", owner,
                "occurred_at", occurredAt, "duration_minutes", minutes, "occurred_date", date,
                "occurred_year", date.getYear()));
    }

    /**
     * <pre>
     * q1 bob  2026-04-01..2026-06-30  30000 USD          FY2027-Q1
     * q2 cai  2026-04-01..2026-06-30  20000 EUR = 22000  FY2027-Q1
     * q3 dan  2026-04-01..2026-06-30  10000 USD          FY2027-Q1
     * q4 dan  2026-04-01..2026-04-30   3000 USD          a month: inside FY2027-Q1
     * q5 eva  2026-04-01..2026-06-30  25000 USD          FY2027-Q1
     * q6 bob  2026-01-01..2026-03-31  15000 USD          FY2026-Q4
     * q7 cai  2026-01-01..2026-03-31  15000 USD          FY2026-Q4
     * q8 team t_china 2026-04-01..2027-03-31 100000 USD  the whole FY2027, no quarter
     * q9 eva  2026-03-15..2026-04-14   5000 USD          straddles FY2026/FY2027: inside no quarter or year
     * </pre>
     */
    static List<Row> quotas() {
        return List.of(
                quota("bob", null, "2026-04-01", "2026-06-30", 30000, "USD", 30000),
                quota("cai", null, "2026-04-01", "2026-06-30", 20000, "EUR", 22000),
                quota("dan", null, "2026-04-01", "2026-06-30", 10000, "USD", 10000),
                quota("dan", null, "2026-04-01", "2026-04-30", 3000, "USD", 3000),
                quota("eva", null, "2026-04-01", "2026-06-30", 25000, "USD", 25000),
                quota("bob", null, "2026-01-01", "2026-03-31", 15000, "USD", 15000),
                quota("cai", null, "2026-01-01", "2026-03-31", 15000, "USD", 15000),
                quota(null, "t_china", "2026-04-01", "2027-03-31", 100000, "USD", 100000),
                quota("eva", null, "2026-03-15", "2026-04-14", 5000, "USD", 5000));
    }

    private static Row quota(String owner, String team, String start, String end, double amount, String currency,
                             double converted) {
        String id = (owner != null ? "user:" + owner : "team:" + team) + "|" + start + "|" + end + "|bookings";
        return row(Tables.QUOTAS, values("owner_id", owner, "team_id", team, "period_start", start, "period_end", end,
                "amount", amount, "currency", currency, "metric", "bookings", "quota_id", id,
                "amount_converted", converted, "conversion_rate", currency.equals("EUR") ? 1.1 : 1.0));
    }

    /**
     * <pre>
     * id  created_at (UTC)   created_date  owner source country status
     * l1  2026-04-01T02:00   2026-04-01    bob   web    CN      converted
     * l2  2026-04-01T03:00   2026-04-01    bob   web    CN      open
     * l3  2026-04-01T04:00   2026-04-01    bob   web    CN      converted
     * l4  2026-04-01T05:00   2026-04-01    bob   event  CN      disqualified
     * l5  2026-04-01T20:00   2026-04-02    cai   web    DE      converted
     * l6  2026-04-03T02:00   2026-04-03    -     -      -       qualified
     * </pre>
     */
    static List<Row> leads() {
        return List.of(
                lead("l1", "2026-04-01T02:00:00Z", "bob", "web", "CN", "converted"),
                lead("l2", "2026-04-01T03:00:00Z", "bob", "web", "CN", "open"),
                lead("l3", "2026-04-01T04:00:00Z", "bob", "web", "CN", "converted"),
                lead("l4", "2026-04-01T05:00:00Z", "bob", "event", "CN", "disqualified"),
                lead("l5", "2026-04-01T20:00:00Z", "cai", "web", "DE", "converted"),
                lead("l6", "2026-04-03T02:00:00Z", null, null, null, "qualified"));
    }

    private static Row lead(String id, String createdAt, String owner, String source, String country, String status) {
        return row(Tables.LEADS, values("lead_id", id, "created_at", createdAt, "source", source, "owner_id", owner,
                "status", status, "country", country, "created_date", localDate(createdAt)));
    }

    static DefaultStageModel.Stage stage(String name) {
        return DefaultStageModel.STAGES.stream().filter(s -> s.stage().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a default stage: " + name));
    }

    static LocalDate localDate(String instant) {
        return Instant.parse(instant).atZone(ZONE).toLocalDate();
    }
}
