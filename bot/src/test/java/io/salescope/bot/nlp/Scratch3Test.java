package io.salescope.bot.nlp;

import io.salescope.core.time.FiscalCalendar;
import io.salescope.core.time.Periods;
import io.salescope.warehouse.catalog.MetricCatalog;
import io.salescope.warehouse.query.TeamInfo;
import io.salescope.warehouse.query.UserInfo;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

class Scratch3Test {
    @Test
    void third() throws Exception {
        List<TeamInfo> teams = List.of(new TeamInfo("A0", "Aurora", null, null), new TeamInfo("A1", "Enterprise Sales", "AMER", "A0"),
                new TeamInfo("A2", "SMB Team", "AMER", "A0"), new TeamInfo("A3", "华北", "APAC", "A0"), new TeamInfo("A4", "华南", "APAC", "A0"),
                new TeamInfo("A5", "EMEA North", "EMEA", "A0"));
        List<UserInfo> users = new java.util.ArrayList<>();
        String[][] u = {{"U0","Dana White","executive","A0"},{"U1","Maria Lopez","rep","A1"},{"U2","Mario Rossi","rep","A1"},{"U3","Wei Zhang","rep","A3"},
                {"U4","张伟","rep","A3"},{"U5","Liam O'Neil","rep","A5"},{"U6","Grace Kim","rep","A2"},{"U7","Kim Lee","rep","A2"},{"U8","王芳","manager","A4"},{"U9","李强","rep","A4"}};
        for (String[] x : u) {
            String team = teams.stream().filter(t -> t.teamId().equals(x[3])).findFirst().get().name();
            users.add(new UserInfo(x[0], x[1], x[0].toLowerCase() + "@aurora.test", x[2], x[3], team, null, "UTC", "en", true, null));
        }
        Map<String, List<String>> v = new LinkedHashMap<>();
        v.put("region", List.of("AMER", "EMEA", "APAC"));
        v.put("product", List.of("Pulse", "Pulse Plus", "Insight Analytics", "CareLink"));
        v.put("product_family", List.of("Core", "Add-ons"));
        v.put("industry", List.of("Hospitals", "Clinics", "Pharma", "Insurance"));
        v.put("segment", List.of("Enterprise", "Commercial"));
        v.put("source", List.of("Inbound", "Outbound", "Events", "Partners"));
        v.put("stage", List.of("Discovery", "Evaluation", "Proposal", "Closed Won", "Closed Lost"));
        v.put("activity_type", List.of("call", "email", "meeting", "demo"));
        Vocabulary voc = Vocabulary.of(MetricCatalog.builtIn(), v, users, teams);
        QuestionParser p = new QuestionParser(voc, new Periods(new FiscalCalendar(7), LocalDate.of(2026, 2, 10)));
        String[] qs = {"Enterprise Sales win rate this quarter", "Enterprise win rate", "SMB Team bookings", "SMB bookings", "AMER pipeline next quarter",
                "Kim's bookings", "Pulse bookings", "Insight bookings", "Hospitals win rate", "healthcare bookings", "Wei's win rate", "张伟的赢单率",
                "华北的业绩", "华北区本季度的赢单率", "bookings in Q3", "bookings last fiscal year", "EMEA North new pipeline", "EMEA new pipeline",
                "Asian reps by bookings this year", "event leads conversion rate", "Partners bookings", "How many deals did Mario close in Q2?",
                "Evaluation to Proposal conversion this year", "王芳团队的成交额", "李强上个月打了几个电话", "Liam's meetings this week",
                "王总的团队业绩", "Which industry has the highest win rate this year?", "Top 2 products by bookings in H1", "CareLink YoY bookings",
                "Pulse Plus vs Pulse bookings this year", "各产品线本财年的成交额", "上半年Core产品线的赢单率", "Grace Kim's quota attainment this quarter",
                "Kim Lee vs Grace Kim win rate", "bookings for Maria", "bookings for Mario", "bookings for Mari"};
        UserInfo dana = users.get(0);
        for (String q : qs) {
            ParseOutcome o = p.parse(q, dana);
            String shown = o instanceof ParseOutcome.Understood un ? "OK " + un.query().metric() + " f=" + un.query().filters() + " g=" + un.query().groupBy()
                    + " p=" + un.query().period() + " c=" + un.query().compareTo() + " o=" + un.query().order() + " l=" + un.query().limit() + " opt=" + un.query().options()
                    : o.toString();
            System.out.println(q + "\n    => " + shown);
        }
    }
}
