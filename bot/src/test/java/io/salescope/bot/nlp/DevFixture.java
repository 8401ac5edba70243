package io.salescope.bot.nlp;

import io.salescope.core.time.FiscalCalendar;
import io.salescope.core.time.Periods;
import io.salescope.warehouse.catalog.MetricCatalog;
import io.salescope.warehouse.query.TeamInfo;
import io.salescope.warehouse.query.UserInfo;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shared dev fixture (Borealis Software): its names read from the CRM export's CSV files,
 * with reference date 2026-06-30 and a January fiscal year, as the fixture's README says.
 */
final class DevFixture {

    static final Path ROOT = Path.of(System.getProperty("salescope.shared", "/work/shared"));
    static final Path CRM = ROOT.resolve("fixtures/dev-crm");
    static final Path QUESTIONS = ROOT.resolve("questions/dev.jsonl");
    static final Periods PERIODS = new Periods(new FiscalCalendar(1), LocalDate.of(2026, 6, 30));

    private static volatile DevFixture instance;

    final List<UserInfo> users;
    final List<TeamInfo> teams;
    final Vocabulary vocabulary;
    final QuestionParser parser;

    private DevFixture() {
        teams = new ArrayList<>();
        for (CSVRecord r : read("teams.csv")) {
            teams.add(new TeamInfo(r.get("team_id"), r.get("name"), blankToNull(r.get("region")), blankToNull(r.get("parent_team_id"))));
        }
        Map<String, TeamInfo> teamById = new LinkedHashMap<>();
        teams.forEach(t -> teamById.put(t.teamId(), t));
        users = new ArrayList<>();
        for (CSVRecord r : read("users.csv")) {
            TeamInfo team = teamById.get(r.get("team_id"));
            users.add(new UserInfo(r.get("user_id"), r.get("name"), r.get("email"), r.get("role"), blankToNull(r.get("team_id")),
                    team == null ? null : team.name(), team == null ? null : team.region(), r.get("time_zone"), r.get("locale"),
                    Boolean.parseBoolean(r.get("active")), blankToNull(r.get("slack_user_id"))));
        }
        Map<String, Set<String>> values = new LinkedHashMap<>();
        for (CSVRecord r : read("products.csv")) {
            add(values, "product", r.get("name"));
            add(values, "product_family", r.get("family"));
        }
        for (CSVRecord r : read("accounts.csv")) {
            add(values, "account", r.get("name"));
            add(values, "industry", r.get("industry"));
            add(values, "segment", r.get("segment"));
            add(values, "country", r.get("country"));
            add(values, "account_region", r.get("region"));
        }
        for (CSVRecord r : read("opportunities.csv")) {
            add(values, "source", r.get("lead_source"));
            add(values, "type", r.get("type"));
            add(values, "lost_reason", r.get("lost_reason"));
            add(values, "forecast_category", r.get("forecast_category"));
        }
        for (CSVRecord r : read("leads.csv")) {
            add(values, "source", r.get("source"));
            add(values, "country", r.get("country"));
            add(values, "lead_status", r.get("status"));
        }
        for (CSVRecord r : read("activities.csv")) {
            add(values, "activity_type", r.get("type"));
        }
        for (CSVRecord r : read("tasks.csv")) {
            add(values, "priority", r.get("priority"));
        }
        List<CSVRecord> stages = new ArrayList<>(read("stages.csv"));
        stages.sort(Comparator.comparingInt(r -> Integer.parseInt(r.get("position"))));
        stages.forEach(r -> add(values, "stage", r.get("stage")));
        users.forEach(u -> add(values, "rep", u.name()));
        teams.forEach(t -> {
            add(values, "team", t.name());
            add(values, "region", t.region());
        });
        Map<String, List<String>> frozen = new LinkedHashMap<>();
        values.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        vocabulary = Vocabulary.of(MetricCatalog.builtIn(), frozen, users, teams);
        parser = new QuestionParser(vocabulary, PERIODS);
    }

    static boolean available() {
        return Files.isDirectory(CRM) && Files.isRegularFile(QUESTIONS);
    }

    static DevFixture get() {
        if (instance == null) {
            synchronized (DevFixture.class) {
                if (instance == null) {
                    instance = new DevFixture();
                }
            }
        }
        return instance;
    }

    UserInfo user(String email) {
        return users.stream().filter(u -> u.email().equalsIgnoreCase(email)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no user " + email + " in the fixture"));
    }

    private static void add(Map<String, Set<String>> values, String dimension, String value) {
        if (value != null && !value.isBlank()) {
            values.computeIfAbsent(dimension, k -> new LinkedHashSet<>()).add(value);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static List<CSVRecord> read(String file) {
        try (Reader in = Files.newBufferedReader(CRM.resolve(file), StandardCharsets.UTF_8);
             CSVParser csv = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            return csv.getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + CRM.resolve(file), e);
        }
    }
}
