package io.salescope.ingest.generate;

import io.salescope.core.contract.Reference;
import io.salescope.core.contract.TableContract;
import io.salescope.core.contract.Tables;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The export tells one consistent story, as a real CRM's would. */
class GeneratedExportConsistencyTest {

    @TempDir
    static Path dir;

    static Export export;
    static Map<String, CSVRecord> stages;
    static Map<String, List<CSVRecord>> history;

    @BeforeAll
    static void generate() {
        export = Export.generate(Export.settings(dir, 0.2));
        stages = byId(export.rows(Tables.STAGES), "stage");
        history = export.rows(Tables.OPPORTUNITY_HISTORY).stream()
                .collect(Collectors.groupingBy(r -> r.get("opportunity_id"), HashMap::new, Collectors.toList()));
        history.values().forEach(rows -> rows.sort(Comparator.comparing(r -> Export.instant(r.get("changed_at")))));
    }

    @Test
    void every_reference_points_to_an_existing_row() {
        for (TableContract table : Tables.SOURCES) {
            for (Reference ref : table.references()) {
                TableContract target = Tables.byName(ref.table()).orElseThrow();
                Set<String> ids = export.rows(target).stream().map(r -> r.get(ref.targetColumn())).collect(Collectors.toSet());
                List<String> dangling = export.rows(table).stream().map(r -> r.get(ref.column()))
                        .filter(v -> !v.isEmpty() && !ids.contains(v)).toList();
                assertThat(dangling).as("%s.%s -> %s", table.fileName(), ref.column(), ref.table()).isEmpty();
            }
        }
        Set<String> opportunities = ids(Tables.OPPORTUNITIES, "opportunity_id");
        assertThat(export.rows(CrmGenerator.PLANTED_FILE)).extracting(r -> r.get("opportunity_id"))
                .doesNotHaveDuplicates().hasSize(opportunities.size()).allMatch(opportunities::contains);
    }

    @Test
    void ids_are_unique_and_history_rows_have_distinct_times_per_deal() {
        for (TableContract table : Tables.SOURCES) {
            if (table.key().size() == 1 && table.column(table.key().get(0)).orElseThrow().derived() == false) {
                assertThat(export.rows(table)).as(table.fileName()).extracting(r -> r.get(table.key().get(0)))
                        .doesNotHaveDuplicates();
            }
        }
        history.forEach((id, rows) -> assertThat(rows).as(id).extracting(r -> Export.instant(r.get("changed_at")))
                .doesNotHaveDuplicates());
    }

    @Test
    void stage_history_matches_each_deals_current_state() {
        for (CSVRecord opp : export.rows(Tables.OPPORTUNITIES)) {
            String id = opp.get("opportunity_id");
            List<CSVRecord> rows = history.get(id);
            assertThat(rows).as(id).isNotEmpty();
            CSVRecord first = rows.get(0);
            CSVRecord last = rows.get(rows.size() - 1);
            assertThat(Export.instant(first.get("changed_at"))).as(id).isEqualTo(Export.instant(opp.get("created_at")));
            for (String column : List.of("stage", "amount", "currency", "close_date", "forecast_category", "probability")) {
                assertThat(last.get(column)).as("%s %s", id, column).isEqualTo(opp.get(column));
            }
            assertThat(rows.subList(0, rows.size() - 1)).as(id).allSatisfy(r -> assertThat(category(r)).isEqualTo("open"));
            assertThat(Export.instant(opp.get("modified_at"))).as(id).isAfterOrEqualTo(Export.instant(last.get("changed_at")));
            switch (category(opp)) {
                case "open" -> assertThat(opp.get("closed_at") + opp.get("lost_reason")).as(id).isEmpty();
                case "won" -> {
                    assertClosedAt(opp, last);
                    assertThat(opp.get("lost_reason")).as(id).isEmpty();
                }
                default -> assertClosedAt(opp, last);
            }
        }
        long lostWithReason = export.rows(Tables.OPPORTUNITIES).stream()
                .filter(o -> category(o).equals("lost") && !o.get("lost_reason").isEmpty()).count();
        assertThat(lostWithReason).isGreaterThan(count(o -> category(o).equals("lost")) * 9 / 10);
    }

    private static void assertClosedAt(CSVRecord opp, CSVRecord closingRow) {
        String id = opp.get("opportunity_id");
        Instant closedAt = Export.instant(opp.get("closed_at"));
        assertThat(Export.instant(closingRow.get("changed_at"))).as(id).isEqualTo(closedAt);
        LocalDate utcDate = LocalDate.ofInstant(closedAt, java.time.ZoneOffset.UTC);
        assertThat(Math.abs(ChronoUnit.DAYS.between(utcDate, LocalDate.parse(opp.get("close_date"))))).as(id).isLessThanOrEqualTo(1);
        assertThat(Export.instant(opp.get("created_at"))).as(id).isBefore(closedAt);
    }

    @Test
    void history_contains_stage_regressions_and_close_date_pushes() {
        int regressions = 0;
        int pushes = 0;
        for (List<CSVRecord> rows : history.values()) {
            for (int i = 1; i < rows.size(); i++) {
                CSVRecord before = rows.get(i - 1);
                CSVRecord after = rows.get(i);
                if (category(after).equals("open") && position(after) < position(before)) {
                    regressions++;
                }
                if (category(after).equals("open") && after.get("close_date").compareTo(before.get("close_date")) > 0) {
                    pushes++;
                }
            }
        }
        int deals = export.rows(Tables.OPPORTUNITIES).size();
        assertThat(regressions).isGreaterThan(deals / 30);
        assertThat(pushes).isGreaterThan(deals / 5);
        assertThat(export.rows(Tables.OPPORTUNITY_HISTORY).size()).isBetween(3 * deals, 6 * deals);
    }

    @Test
    void forecast_category_and_probability_fit_the_stage() {
        for (CSVRecord row : concat(export.rows(Tables.OPPORTUNITIES), export.rows(Tables.OPPORTUNITY_HISTORY))) {
            CSVRecord stage = stages.get(row.get("stage"));
            assertThat(stage).as(row.get("stage")).isNotNull();
            int probability = Integer.parseInt(row.get("probability"));
            switch (stage.get("category")) {
                case "won" -> assertThat(row.get("forecast_category") + probability).isEqualTo("closed100");
                case "lost" -> assertThat(row.get("forecast_category") + probability).isEqualTo("omitted0");
                default -> {
                    assertThat(probability).isCloseTo(Integer.parseInt(stage.get("probability")), within(10));
                    assertThat(row.get("forecast_category")).isIn("pipeline", "best_case", "commit", "omitted");
                }
            }
        }
        assertThat(stages).hasSizeBetween(5, 8);
        assertThat(stages.keySet()).doesNotContain("Prospecting", "Qualification");
    }

    @Test
    void nothing_is_dated_on_or_after_today_except_open_close_dates_and_open_task_due_dates() {
        List<String> late = new ArrayList<>();
        Map<TableContract, List<String>> stamped = Map.of(
                Tables.ACCOUNTS, List.of("created_at", "modified_at"),
                Tables.CONTACTS, List.of("created_at", "modified_at"),
                Tables.OPPORTUNITIES, List.of("created_at", "closed_at", "modified_at"),
                Tables.OPPORTUNITY_HISTORY, List.of("changed_at"),
                Tables.ACTIVITIES, List.of("occurred_at"),
                Tables.TASKS, List.of("created_at", "completed_at", "modified_at"),
                Tables.LEADS, List.of("created_at", "converted_at", "modified_at"));
        stamped.forEach((table, columns) -> {
            for (CSVRecord row : export.rows(table)) {
                for (String column : columns) {
                    String value = row.get(column);
                    if (!value.isEmpty() && (!Export.instant(value).isBefore(Export.SNAPSHOT)
                            || !Export.writtenDate(value).isBefore(Export.TODAY))) {
                        late.add(table.fileName() + "." + column + "=" + value);
                    }
                }
            }
        });
        for (CSVRecord row : concat(export.rows(Tables.OPPORTUNITIES), export.rows(Tables.OPPORTUNITY_HISTORY))) {
            if (!category(row).equals("open") && !LocalDate.parse(row.get("close_date")).isBefore(Export.TODAY)) {
                late.add("closed deal " + row.get("opportunity_id") + " close_date=" + row.get("close_date"));
            }
        }
        for (CSVRecord task : export.rows(Tables.TASKS)) {
            if (!task.get("status").equals("open") && !Export.instant(task.get("due_at")).isBefore(Export.SNAPSHOT)) {
                late.add("closed task " + task.get("task_id") + " due_at=" + task.get("due_at"));
            }
        }
        for (CSVRecord quota : export.rows(Tables.QUOTAS)) {
            assertThat(LocalDate.parse(quota.get("period_start"))).isBefore(LocalDate.parse(quota.get("period_end")));
        }
        assertThat(late).isEmpty();
        assertThat(export.rows(Tables.OPPORTUNITIES)).filteredOn(o -> category(o).equals("open"))
                .anyMatch(o -> !LocalDate.parse(o.get("close_date")).isBefore(Export.TODAY));
    }

    @Test
    void some_open_tasks_are_overdue_and_some_are_due_in_the_coming_days() {
        List<Instant> openDue = export.rows(Tables.TASKS).stream().filter(t -> t.get("status").equals("open"))
                .map(t -> Export.instant(t.get("due_at"))).toList();
        assertThat(openDue).filteredOn(d -> d.isBefore(Export.SNAPSHOT)).hasSizeGreaterThan(5);
        assertThat(openDue).filteredOn(d -> !d.isBefore(Export.SNAPSHOT) && d.isBefore(Export.SNAPSHOT.plus(7, ChronoUnit.DAYS)))
                .hasSizeGreaterThan(5);
        assertThat(export.rows(Tables.TASKS)).extracting(t -> t.get("status")).contains("open", "completed", "cancelled");
        assertThat(export.rows(Tables.TASKS)).extracting(t -> t.get("priority")).contains("high", "normal", "low");
        assertThat(export.rows(Tables.TASKS)).filteredOn(t -> t.get("status").equals("completed"))
                .allSatisfy(t -> assertThat(t.get("completed_at")).isNotEmpty());
    }

    @Test
    void deals_come_in_three_currencies_with_monthly_rates_covering_every_close_date_and_quota() {
        List<CSVRecord> rates = export.rows(Tables.EXCHANGE_RATES);
        assertThat(export.rows(Tables.OPPORTUNITIES)).extracting(o -> o.get("currency")).containsOnly("USD", "EUR", "CNY")
                .contains("USD", "EUR", "CNY");
        assertThat(rates).extracting(r -> r.get("currency")).containsOnly("EUR", "CNY");
        for (CSVRecord r : rates) {
            LocalDate from = LocalDate.parse(r.get("valid_from"));
            assertThat(from.getDayOfMonth()).isEqualTo(1);
            if (!r.get("valid_to").isEmpty()) {
                assertThat(LocalDate.parse(r.get("valid_to"))).isEqualTo(from.plusMonths(1));
            }
        }
        List<String> unpriced = new ArrayList<>();
        for (CSVRecord o : export.rows(Tables.OPPORTUNITIES)) {
            if (!o.get("currency").equals("USD") && rateOn(rates, o.get("currency"), LocalDate.parse(o.get("close_date"))) == 0) {
                unpriced.add(o.get("opportunity_id"));
            }
        }
        for (CSVRecord q : export.rows(Tables.QUOTAS)) {
            if (!q.get("currency").equals("USD") && rateOn(rates, q.get("currency"), LocalDate.parse(q.get("period_start"))) == 0) {
                unpriced.add("quota " + q.get("owner_id") + q.get("team_id") + " " + q.get("period_start"));
            }
        }
        assertThat(unpriced).isEmpty();
        assertThat(rateOn(rates, "EUR", Export.TODAY)).isBetween(0.9, 1.3);
        assertThat(rateOn(rates, "CNY", Export.TODAY)).isBetween(0.12, 0.16);
    }

    private static double rateOn(List<CSVRecord> rates, String currency, LocalDate day) {
        return rates.stream().filter(r -> r.get("currency").equals(currency))
                .filter(r -> !LocalDate.parse(r.get("valid_from")).isAfter(day)
                        && (r.get("valid_to").isEmpty() || LocalDate.parse(r.get("valid_to")).isAfter(day)))
                .mapToDouble(r -> Double.parseDouble(r.get("rate"))).findFirst().orElse(0);
    }

    @Test
    void the_organisation_has_three_levels_and_every_kind_of_user() {
        Map<String, CSVRecord> teams = byId(export.rows(Tables.TEAMS), "team_id");
        assertThat(teams.values()).filteredOn(t -> t.get("parent_team_id").isEmpty()).hasSize(1);
        assertThat(teams.values()).extracting(t -> depth(teams, t)).contains(1, 2, 3);
        assertThat(teams.values()).extracting(t -> t.get("region")).contains("China", "EMEA", "North America");

        List<CSVRecord> users = export.rows(Tables.USERS);
        assertThat(users).extracting(u -> u.get("role")).contains("executive", "admin", "manager", "rep");
        assertThat(users).filteredOn(u -> u.get("active").equals("false")).isNotEmpty()
                .allSatisfy(u -> assertThat(u.get("role")).isEqualTo("rep"));
        assertThat(users).extracting(u -> u.get("email")).doesNotHaveDuplicates()
                .contains("sophie.laurent@kestrel-analytics.com", "oliver.grant@kestrel-analytics.com");
        assertThat(users).extracting(u -> u.get("name")).doesNotHaveDuplicates();
        assertThat(users).filteredOn(u -> !u.get("slack_user_id").isEmpty()).hasSizeGreaterThan(users.size() / 2);
        for (CSVRecord u : users) {
            if (u.get("team_id").isEmpty()) {
                continue;
            }
            String region = teams.get(u.get("team_id")).get("region");
            if (region.equals("China")) {
                assertThat(u.get("name")).as(u.get("name")).matches("\\p{IsHan}+");
                assertThat(u.get("time_zone")).startsWith("Asia/");
            } else if (region.equals("North America")) {
                assertThat(u.get("time_zone")).startsWith("America/");
                assertThat(u.get("locale")).isEqualTo("en");
            }
        }
        Map<String, Instant> firstDeal = new HashMap<>();
        for (CSVRecord o : export.rows(Tables.OPPORTUNITIES)) {
            firstDeal.merge(o.get("owner_id"), Export.instant(o.get("created_at")), (a, b) -> a.isBefore(b) ? a : b);
        }
        assertThat(firstDeal.values()).as("a recently hired rep")
                .anyMatch(t -> t.isAfter(Export.SNAPSHOT.minus(60, ChronoUnit.DAYS)));
    }

    @Test
    void won_deals_have_more_meetings_and_demos_than_lost_ones() {
        Map<String, Long> meetings = export.rows(Tables.ACTIVITIES).stream()
                .filter(a -> a.get("type").equals("meeting") || a.get("type").equals("demo"))
                .filter(a -> !a.get("opportunity_id").isEmpty())
                .collect(Collectors.groupingBy(a -> a.get("opportunity_id"), Collectors.counting()));
        double won = mean(meetings, "won");
        double lost = mean(meetings, "lost");
        assertThat(won).isGreaterThan(1.5 * lost);
        assertThat(export.rows(Tables.ACTIVITIES)).extracting(a -> a.get("type"))
                .contains("call", "email", "meeting", "demo", "note", "other");
        assertThat(export.rows(Tables.ACTIVITIES)).extracting(a -> a.get("subject")).anyMatch(s -> s.matches(".*\\p{IsHan}.*"))
                .anyMatch(s -> s.matches("[A-Za-z].*"));
    }

    private static double mean(Map<String, Long> counts, String category) {
        return export.rows(Tables.OPPORTUNITIES).stream().filter(o -> category(o).equals(category))
                .mapToLong(o -> counts.getOrDefault(o.get("opportunity_id"), 0L)).average().orElseThrow();
    }

    @Test
    void converted_leads_point_to_their_deal_and_its_account() {
        Map<String, CSVRecord> opportunities = byId(export.rows(Tables.OPPORTUNITIES), "opportunity_id");
        List<CSVRecord> converted = export.rows(Tables.LEADS).stream().filter(l -> l.get("status").equals("converted")).toList();
        assertThat(converted).hasSizeGreaterThan(50);
        for (CSVRecord lead : converted) {
            CSVRecord opp = opportunities.get(lead.get("converted_opportunity_id"));
            assertThat(opp.get("account_id")).isEqualTo(lead.get("converted_account_id"));
            assertThat(Export.instant(lead.get("converted_at"))).isEqualTo(Export.instant(opp.get("created_at")));
            assertThat(Export.instant(lead.get("created_at"))).isBefore(Export.instant(lead.get("converted_at")));
        }
        assertThat(export.rows(Tables.LEADS)).filteredOn(l -> !l.get("status").equals("converted"))
                .allSatisfy(l -> assertThat(l.get("converted_at") + l.get("converted_opportunity_id")).isEmpty());
        assertThat(export.rows(Tables.LEADS)).extracting(l -> l.get("status"))
                .contains("open", "qualified", "converted", "disqualified");
    }

    @Test
    void deals_span_product_families_types_sources_and_segments() {
        Map<String, CSVRecord> products = byId(export.rows(Tables.PRODUCTS), "product_id");
        assertThat(products).hasSizeGreaterThanOrEqualTo(6);
        assertThat(products.values().stream().map(p -> p.get("family")).distinct()).hasSizeGreaterThanOrEqualTo(2);
        List<CSVRecord> opportunities = export.rows(Tables.OPPORTUNITIES);
        assertThat(opportunities).extracting(o -> o.get("type")).contains("new_business", "expansion", "renewal");
        assertThat(opportunities).extracting(o -> o.get("lead_source")).contains("Website", "Referral", "Partner", "");
        assertThat(export.rows(Tables.ACCOUNTS)).extracting(a -> a.get("segment")).contains("SMB", "Mid-Market", "Enterprise");
        long won = count(o -> category(o).equals("won"));
        long lost = count(o -> category(o).equals("lost"));
        assertThat((double) won / (won + lost)).isBetween(0.3, 0.55);
        assertThat(count(o -> category(o).equals("open"))).isGreaterThan(opportunities.size() / 30);
    }

    private static int depth(Map<String, CSVRecord> teams, CSVRecord team) {
        String parent = team.get("parent_team_id");
        return parent.isEmpty() ? 1 : 1 + depth(teams, teams.get(parent));
    }

    private static String category(CSVRecord row) {
        return stages.get(row.get("stage")).get("category");
    }

    private static int position(CSVRecord row) {
        return Integer.parseInt(stages.get(row.get("stage")).get("position"));
    }

    private static long count(java.util.function.Predicate<CSVRecord> p) {
        return export.rows(Tables.OPPORTUNITIES).stream().filter(p).count();
    }

    private static Set<String> ids(TableContract table, String column) {
        return export.rows(table).stream().map(r -> r.get(column)).collect(Collectors.toCollection(HashSet::new));
    }

    private static Map<String, CSVRecord> byId(List<CSVRecord> rows, String column) {
        return rows.stream().collect(Collectors.toMap(r -> r.get(column), Function.identity()));
    }

    private static List<CSVRecord> concat(List<CSVRecord> a, List<CSVRecord> b) {
        List<CSVRecord> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
