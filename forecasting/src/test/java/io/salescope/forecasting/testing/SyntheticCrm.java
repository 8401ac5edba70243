package io.salescope.forecasting.testing;

import io.salescope.core.contract.Column;
import io.salescope.core.contract.TableContract;
import io.salescope.core.contract.Tables;
import io.salescope.forecasting.data.SparkContracts;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A small synthetic CRM for tests: a company of eight reps in four teams whose deals are
 * simulated in full (stages, close-date pushes, regressions, activities, outcome) and then
 * exported as the warehouse would hold them on a chosen date, so the export on an earlier
 * date is exactly a truncation of the export on a later one. The win chance of each deal is
 * a logistic function of the rep, segment, type, source and early engagement; it is kept in
 * {@link #planted()}.
 */
public final class SyntheticCrm {

    static final String[] STAGES = {"Prospecting", "Qualification", "Needs Analysis", "Proposal", "Negotiation"};
    static final String[] REPS = {"R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8"};
    static final String[] REP_TEAM = {"T11", "T11", "T12", "T12", "T2", "T2", "T2", "T1"};
    static final double[] REP_SKILL = {0.9, 0.4, 0.0, -0.2, 0.6, -0.6, 0.1, -0.9};
    static final String[] SEGMENTS = {"SMB", "Mid-Market", "Enterprise"};
    static final String[] INDUSTRIES = {"Retail", "Finance", "Manufacturing", "Software"};
    static final String[] SOURCES = {"Website", "Referral", "Event", "Outbound"};
    static final double[] SOURCE_EFFECT = {0.0, 0.7, 0.2, -0.5};
    static final String[] TYPES = {"new_business", "expansion", "renewal"};
    static final double[] TYPE_EFFECT = {-0.3, 0.4, 1.2};

    private final long seed;
    private final int opportunities;
    private final LocalDate start;
    private final List<Deal> deals = new ArrayList<>();

    /** One simulated deal: every event with its date, cut off at export time. */
    record Event(LocalDate date, int seq, String kind, String stage, double amount, LocalDate closeDate) {
    }

    record Deal(String id, String owner, String account, String product, String type, String source, LocalDate created,
                double p, boolean won, List<Event> history, List<Object[]> activities) {
    }

    public SyntheticCrm(long seed, int opportunities, LocalDate start, LocalDate end) {
        this.seed = seed;
        this.opportunities = opportunities;
        this.start = start;
        long days = end.toEpochDay() - start.toEpochDay();
        for (int i = 0; i < opportunities; i++) {
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
            LocalDate created = start.plusDays((long) (r.nextDouble() * days));
            deals.add(simulate(i, created, r));
        }
    }

    private Deal simulate(int i, LocalDate created, SplittableRandom r) {
        int rep = r.nextInt(REPS.length);
        int account = r.nextInt(60);
        int segment = account % 3;
        int type = r.nextDouble() < 0.6 ? 0 : r.nextDouble() < 0.6 ? 1 : 2;
        int source = r.nextInt(SOURCES.length);
        int product = r.nextInt(4);
        int earlyMeetings = (int) Math.floor(-Math.log(1 - r.nextDouble()) * 1.5);
        double x = -0.4 + REP_SKILL[rep] + (segment == 0 ? 0.3 : segment == 2 ? -0.4 : 0) + TYPE_EFFECT[type]
                + SOURCE_EFFECT[source] + 0.45 * (earlyMeetings - 1.5) + 0.3 * gaussian(r);
        double p = 1 / (1 + Math.exp(-x));
        boolean won = r.nextDouble() < p;
        double amount = Math.round(Math.exp(Math.log(20_000 * (1 + product)) + 0.6 * gaussian(r)));
        // Lost deals drop out at a stage; won deals pass all five.
        int lastStage = won ? 5 : 1 + Math.min(4, (int) Math.floor(r.nextDouble() * 5 * (0.5 + 0.5 * r.nextDouble())));
        List<Event> history = new ArrayList<>();
        List<Object[]> activities = new ArrayList<>();
        LocalDate closeDate = created.plusDays(45 + r.nextInt(60));
        LocalDate day = created;
        int seq = 0;
        history.add(new Event(day, seq++, "stage", STAGES[0], amount, closeDate));
        for (int k = 0; k < earlyMeetings; k++) {
            activities.add(new Object[] {day.plusDays(r.nextInt(13)), k % 2 == 0 ? "meeting" : "demo"});
        }
        int stage = 1;
        double activityRate = won ? 0.5 : 0.25;
        while (true) {
            int stay = 4 + (int) (-Math.log(1 - r.nextDouble()) * (won ? 12 : 16));
            for (int d = 0; d < stay; d++) {
                if (r.nextDouble() < activityRate / 7 * 3) {
                    double u = r.nextDouble();
                    activities.add(new Object[] {day.plusDays(d), u < 0.4 ? "email" : u < 0.7 ? "call" : u < 0.9 ? "meeting" : "note"});
                }
            }
            day = day.plusDays(stay);
            if (!day.isBefore(closeDate.minusDays(5)) && r.nextDouble() < (won ? 0.4 : 0.7)) {
                closeDate = closeDate.plusDays(21 + r.nextInt(20));
                history.add(new Event(day, seq++, "push", STAGES[stage - 1], amount, closeDate));
            }
            if (stage == lastStage) {
                break;
            }
            if (!won && stage >= 3 && r.nextDouble() < 0.15) {
                history.add(new Event(day, seq++, "stage", STAGES[stage - 2], amount, closeDate));
                day = day.plusDays(3 + r.nextInt(7));
            }
            stage++;
            history.add(new Event(day, seq++, "stage", STAGES[stage - 1], amount, closeDate));
        }
        LocalDate closed = day.plusDays(1 + r.nextInt(5));
        history.add(new Event(closed, seq, "close", won ? "Closed Won" : "Closed Lost", amount, closed));
        return new Deal(String.format("O%05d", i), REPS[rep], String.format("A%03d", account), "P" + (product + 1),
                TYPES[type], SOURCES[source], created, p, won, history, activities);
    }

    static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** The planted win chance of every deal. */
    public Map<String, Double> planted() {
        Map<String, Double> out = new LinkedHashMap<>();
        deals.forEach(d -> out.put(d.id(), d.p()));
        return out;
    }

    private static Timestamp ts(LocalDate d, int hour) {
        return Timestamp.from(d.atTime(hour, 0).toInstant(ZoneOffset.UTC));
    }

    /** The warehouse's tables as exported at the end of {@code through}. */
    public Map<String, List<Row>> export(LocalDate through) {
        Map<String, List<Map<String, Object>>> t = new LinkedHashMap<>();
        List<Map<String, Object>> teams = new ArrayList<>();
        teams.add(row("team_id", "T0", "name", "Company", "region", null, "parent_team_id", null));
        teams.add(row("team_id", "T1", "name", "East", "region", "APAC", "parent_team_id", "T0"));
        teams.add(row("team_id", "T11", "name", "Tokyo", "region", "APAC", "parent_team_id", "T1"));
        teams.add(row("team_id", "T12", "name", "Seoul", "region", "APAC", "parent_team_id", "T1"));
        teams.add(row("team_id", "T2", "name", "West", "region", "EMEA", "parent_team_id", "T0"));
        t.put("teams", teams);
        List<Map<String, Object>> users = new ArrayList<>();
        users.add(row("user_id", "E1", "name", "Eve Exec", "email", "eve@x.io", "team_id", "T0", "role", "executive", "active", true));
        users.add(row("user_id", "M1", "name", "Mia East", "email", "mia@x.io", "team_id", "T1", "role", "manager", "active", true));
        for (int i = 0; i < REPS.length; i++) {
            users.add(row("user_id", REPS[i], "name", "Rep " + (i + 1), "email", "rep" + (i + 1) + "@x.io",
                    "team_id", REP_TEAM[i], "role", "rep", "active", true));
        }
        t.put("users", users);
        List<Map<String, Object>> accounts = new ArrayList<>();
        for (int a = 0; a < 60; a++) {
            accounts.add(row("account_id", String.format("A%03d", a), "name", "Account " + a,
                    "industry", INDUSTRIES[a % 4], "segment", SEGMENTS[a % 3]));
        }
        t.put("accounts", accounts);
        List<Map<String, Object>> products = new ArrayList<>();
        for (int p = 1; p <= 4; p++) {
            products.add(row("product_id", "P" + p, "name", "Product " + p, "family", p <= 2 ? "Platform" : "Add-ons"));
        }
        t.put("products", products);
        List<Map<String, Object>> stages = new ArrayList<>();
        double[] prob = {10, 20, 40, 60, 80};
        for (int s = 0; s < 5; s++) {
            stages.add(row("stage", STAGES[s], "position", s + 1, "probability", prob[s], "category", "open"));
        }
        stages.add(row("stage", "Closed Won", "position", 6, "probability", 100.0, "category", "won"));
        stages.add(row("stage", "Closed Lost", "position", 7, "probability", 0.0, "category", "lost"));
        t.put("stages", stages);

        Map<String, Integer> position = new HashMap<>();
        Map<String, Double> stageProb = new HashMap<>();
        Map<String, String> category = new HashMap<>();
        for (Map<String, Object> s : stages) {
            position.put((String) s.get("stage"), (Integer) s.get("position"));
            stageProb.put((String) s.get("stage"), (Double) s.get("probability"));
            category.put((String) s.get("stage"), (String) s.get("category"));
        }
        List<Map<String, Object>> opps = new ArrayList<>();
        List<Map<String, Object>> history = new ArrayList<>();
        List<Map<String, Object>> activities = new ArrayList<>();
        int activityId = 0;
        for (Deal d : deals) {
            if (d.created().isAfter(through)) {
                continue;
            }
            Event last = null;
            for (Event e : d.history()) {
                if (e.date().isAfter(through)) {
                    break;
                }
                last = e;
                history.add(row("opportunity_id", d.id(), "changed_at", ts(e.date(), 9 + e.seq() % 8), "stage", e.stage(),
                        "amount", e.amount(), "currency", "USD", "close_date", Date.valueOf(e.closeDate()),
                        "stage_category", category.get(e.stage()), "stage_position", position.get(e.stage()),
                        "amount_converted", e.amount(), "changed_date", Date.valueOf(e.date()), "changed_by", d.owner()));
            }
            boolean closed = last.kind().equals("close");
            opps.add(row("opportunity_id", d.id(), "account_id", d.account(), "owner_id", d.owner(),
                    "name", "Deal " + d.id(), "product_id", d.product(), "amount", last.amount(), "currency", "USD",
                    "stage", last.stage(), "type", d.type(), "lead_source", d.source(),
                    "created_at", ts(d.created(), 9), "close_date", Date.valueOf(last.closeDate()),
                    "closed_at", closed ? ts(last.date(), 9 + last.seq() % 8) : null,
                    "modified_at", ts(last.date(), 9 + last.seq() % 8),
                    "stage_category", category.get(last.stage()), "stage_position", position.get(last.stage()),
                    "stage_probability", stageProb.get(last.stage()), "amount_converted", last.amount(),
                    "conversion_rate", 1.0, "created_date", Date.valueOf(d.created())));
            LocalDate end = d.history().get(d.history().size() - 1).date();
            for (Object[] a : d.activities()) {
                LocalDate day = (LocalDate) a[0];
                if (day.isAfter(through) || day.isAfter(end)) {
                    continue;
                }
                activities.add(row("activity_id", d.id() + "-" + (activityId++), "type", a[1], "owner_id", d.owner(),
                        "occurred_at", ts(day, 14), "account_id", d.account(), "opportunity_id", d.id(),
                        "occurred_date", Date.valueOf(day), "occurred_year", day.getYear()));
            }
        }
        t.put("opportunities", opps);
        t.put("opportunity_history", history);
        t.put("activities", activities);
        Map<String, List<Row>> out = new LinkedHashMap<>();
        t.forEach((name, rows) -> out.put(name, toRows(Tables.byName(name).orElseThrow(), rows)));
        return out;
    }

    public static Map<String, Dataset<Row>> frames(SparkSession spark, Map<String, List<Row>> tables) {
        Map<String, Dataset<Row>> out = new LinkedHashMap<>();
        tables.forEach((name, rows) -> out.put(name,
                spark.createDataFrame(rows, SparkContracts.schema(Tables.byName(name).orElseThrow()))));
        return out;
    }

    static List<Row> toRows(TableContract contract, List<Map<String, Object>> rows) {
        List<Row> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            Object[] values = new Object[contract.columns().size()];
            int i = 0;
            for (Column c : contract.columns()) {
                values[i++] = r.get(c.name());
            }
            out.add(RowFactory.create(values));
        }
        return out;
    }

    static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    public int size() {
        return opportunities;
    }

    public LocalDate start() {
        return start;
    }
}
