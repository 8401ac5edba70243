package io.salescope.bot.nlp;

import io.salescope.core.time.FiscalCalendar;
import io.salescope.core.time.Periods;
import io.salescope.warehouse.catalog.MetricCatalog;
import io.salescope.warehouse.query.TeamInfo;
import io.salescope.warehouse.query.UserInfo;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An invented second company, Kestrel Robotics, unlike the dev fixture on purpose: Chinese and
 * English team names, a fiscal year starting in April, reference date 2025-11-12, two reps
 * called Chen…, two called …Martin, a rep called June, accented names, a stage called
 * "Closed Won" and a lead source called "Cold Call".
 */
final class KestrelFixture {

    static final Periods PERIODS = new Periods(new FiscalCalendar(4), LocalDate.of(2025, 11, 12));

    static final List<TeamInfo> TEAMS = List.of(
            new TeamInfo("K00", "Global Revenue", null, null),
            new TeamInfo("K10", "华东大区", "Greater China", "K00"),
            new TeamInfo("K11", "上海一组", "Greater China", "K10"),
            new TeamInfo("K12", "杭州团队", "Greater China", "K10"),
            new TeamInfo("K13", "华南团队", "Greater China", "K10"),
            new TeamInfo("K20", "EMEA", "EMEA", "K00"),
            new TeamInfo("K21", "UK & Ireland", "EMEA", "K20"),
            new TeamInfo("K22", "Benelux", "EMEA", "K20"),
            new TeamInfo("K30", "Americas", "Americas", "K00"),
            new TeamInfo("K31", "West Coast", "Americas", "K30"),
            new TeamInfo("K32", "East Coast", "Americas", "K30"));

    static final List<UserInfo> USERS = List.of(
            user("U01", "Olivia Hartmann", "executive", "K00"),
            user("U02", "Ravi Kumar", "admin", null),
            user("M10", "王磊", "manager", "K10"),
            user("M20", "Priya Nair", "manager", "K20"),
            user("M30", "Tom Becker", "manager", "K30"),
            user("R11", "李娜", "rep", "K11"),
            user("R12", "张伟", "rep", "K11"),
            user("R13", "陈晨", "rep", "K12"),
            user("R14", "Chen Yu", "rep", "K12"),
            user("R15", "Chen Li", "rep", "K13"),
            user("R16", "刘洋", "rep", "K13"),
            user("R21", "James O'Brien", "rep", "K21"),
            user("R22", "Mark Evans", "rep", "K21"),
            user("R23", "Sophie Martin", "rep", "K22"),
            user("R31", "June Park", "rep", "K31"),
            user("R32", "Lucas Martin", "rep", "K31"),
            user("R33", "Ana García", "rep", "K32"));

    static final Map<String, List<String>> VALUES = values();

    private static volatile QuestionParser parser;
    private static volatile Vocabulary vocabulary;

    private KestrelFixture() {
    }

    static Vocabulary vocabulary() {
        if (vocabulary == null) {
            synchronized (KestrelFixture.class) {
                if (vocabulary == null) {
                    vocabulary = Vocabulary.of(MetricCatalog.builtIn(), VALUES, USERS, TEAMS);
                }
            }
        }
        return vocabulary;
    }

    static QuestionParser parser() {
        if (parser == null) {
            parser = new QuestionParser(vocabulary(), PERIODS);
        }
        return parser;
    }

    /** A user by the first part of their email, e.g. "wang.lei". */
    static UserInfo as(String login) {
        return USERS.stream().filter(u -> u.email().startsWith(login + "@")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no user " + login));
    }

    static String email(String login) {
        return as(login).email();
    }

    private static UserInfo user(String id, String name, String role, String teamId) {
        TeamInfo team = teamId == null ? null : TEAMS.stream().filter(t -> t.teamId().equals(teamId)).findFirst().orElseThrow();
        String login = switch (id) {
            case "U01" -> "olivia.hartmann";
            case "U02" -> "ravi.kumar";
            case "M10" -> "wang.lei";
            case "M20" -> "priya.nair";
            case "M30" -> "tom.becker";
            case "R11" -> "li.na";
            case "R12" -> "zhang.wei";
            case "R13" -> "chen.chen";
            case "R14" -> "chen.yu";
            case "R15" -> "chen.li";
            case "R16" -> "liu.yang";
            case "R21" -> "james.obrien";
            case "R22" -> "mark.evans";
            case "R23" -> "sophie.martin";
            case "R31" -> "june.park";
            case "R32" -> "lucas.martin";
            default -> "ana.garcia";
        };
        return new UserInfo(id, name, login + "@kestrel-robotics.io", role, teamId, team == null ? null : team.name(),
                team == null ? null : team.region(), "UTC", "en", !"R16".equals(id), null);
    }

    private static Map<String, List<String>> values() {
        Map<String, List<String>> v = new LinkedHashMap<>();
        v.put("rep", USERS.stream().map(UserInfo::name).toList());
        v.put("team", TEAMS.stream().map(TeamInfo::name).toList());
        v.put("region", List.of("Greater China", "EMEA", "Americas"));
        v.put("product", List.of("Kestrel Arm X1", "Kestrel Arm X2", "Vision Kit", "Fleet Manager", "Care Plan Gold", "智能仓储系统"));
        v.put("product_family", List.of("Robots", "Software", "Services"));
        v.put("industry", List.of("Manufacturing", "Logistics", "Retail", "Healthcare", "Automotive", "Technology"));
        v.put("segment", List.of("Strategic", "Enterprise", "Commercial"));
        v.put("source", List.of("Web", "Trade Show", "Partner Referral", "Cold Call", "Webinar"));
        v.put("type", List.of("new_business", "expansion", "renewal"));
        v.put("stage", List.of("Prospecting", "Discovery", "Proposal", "Negotiation", "Closed Won", "Closed Lost"));
        v.put("activity_type", List.of("call", "email", "meeting", "demo", "site visit"));
        v.put("country", List.of("CN", "GB", "NL", "BE", "IE", "US", "DE"));
        v.put("account", List.of("Huaxin Logistics Co., Ltd.", "上海明远制造有限公司", "Northwind Retail Inc.", "Acme Health GmbH",
                "Globex Corporation", "Initech AB"));
        v.put("account_region", List.of("Greater China", "EMEA", "Americas"));
        v.put("lead_status", List.of("new", "working", "converted", "disqualified"));
        v.put("priority", List.of("high", "normal", "low"));
        v.put("forecast_category", List.of("pipeline", "best_case", "commit", "closed", "omitted"));
        v.put("lost_reason", List.of("Price", "Timing", "Competitor", "No budget"));
        return v;
    }
}
