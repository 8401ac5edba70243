package io.salescope.bot.nlp;

import io.salescope.core.time.FiscalCalendar;
import io.salescope.core.time.Periods;
import io.salescope.warehouse.catalog.MetricCatalog;
import io.salescope.warehouse.query.MetricQuery;
import io.salescope.warehouse.query.TeamInfo;
import io.salescope.warehouse.query.UserInfo;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The vocabulary is built from the catalog and the warehouse's names, and matches them
 * forgivingly; ambiguous names become questions back. A tiny invented company: Atlas is both a
 * team and a product, Nordics is a team and a region.
 */
class VocabularyTest {

    static final Periods PERIODS = new Periods(new FiscalCalendar(2), LocalDate.of(2025, 3, 14));
    static final List<TeamInfo> TEAMS = List.of(
            new TeamInfo("T0", "Company", null, null),
            new TeamInfo("T1", "Atlas", "Nordics", "T0"),
            new TeamInfo("T2", "Nordics", "Nordics", "T0"),
            new TeamInfo("T3", "北方大区", "China", "T0"));
    static final List<UserInfo> USERS = List.of(
            user("U1", "Ines Moreau", "executive", "T0"),
            user("U2", "Björn Åkesson", "rep", "T1"),
            user("U3", "Sara Lind", "rep", "T2"),
            user("U4", "Sara Holm", "rep", "T2"),
            user("U5", "孙悦", "manager", "T3"));
    static final Map<String, List<String>> VALUES = values();

    static UserInfo user(String id, String name, String role, String team) {
        String teamName = TEAMS.stream().filter(t -> t.teamId().equals(team)).findFirst().map(TeamInfo::name).orElse(null);
        String login = id.toLowerCase() + "@example.test";
        return new UserInfo(id, name, login, role, team, teamName, null, "UTC", "en", true, null);
    }

    static Map<String, List<String>> values() {
        Map<String, List<String>> v = new LinkedHashMap<>();
        v.put("product", List.of("Atlas", "Beacon Pro", "Beacon Lite"));
        v.put("product_family", List.of("Hardware", "Subscriptions"));
        v.put("segment", List.of("Enterprise", "Mid-Market", "SMB"));
        v.put("industry", List.of("Public Sector", "Retail"));
        v.put("source", List.of("Website", "Partner"));
        v.put("stage", List.of("Qualify", "Demo", "Contract Sent", "Won", "Lost"));
        v.put("activity_type", List.of("call", "email", "meeting"));
        return v;
    }

    private final Vocabulary vocabulary = Vocabulary.of(MetricCatalog.builtIn(), VALUES, USERS, TEAMS);
    private final QuestionParser parser = new QuestionParser(vocabulary, PERIODS);
    private final UserInfo ines = USERS.get(0);

    private MetricQuery query(String question) {
        ParseOutcome outcome = parser.parse(question, ines);
        assertThat(outcome).as(question).isInstanceOf(ParseOutcome.Understood.class);
        return ((ParseOutcome.Understood) outcome).query();
    }

    private ParseOutcome.Clarify clarify(String question) {
        ParseOutcome outcome = parser.parse(question, ines);
        assertThat(outcome).as(question).isInstanceOf(ParseOutcome.Clarify.class);
        return (ParseOutcome.Clarify) outcome;
    }

    @Test
    void names_come_from_the_warehouse_and_the_catalog() {
        assertThat(vocabulary.values("team")).contains("Atlas", "Nordics", "北方大区");
        assertThat(vocabulary.values("rep")).contains("Sara Lind", "孙悦");
        assertThat(vocabulary.values("region")).contains("Nordics", "China");
        assertThat(vocabulary.stages()).containsExactly("Qualify", "Demo", "Contract Sent", "Won", "Lost");
        assertThat(vocabulary.size()).isGreaterThan(500);
    }

    @Test
    void matching_forgives_case_spacing_hyphens_possessives_plurals_and_accents() {
        assertThat(query("bookings for BEACON   pro").filters()).containsEntry("product", List.of("Beacon Pro"));
        assertThat(query("win rate for mid market deals").filters()).containsEntry("segment", List.of("Mid-Market"));
        assertThat(query("Bjorn Akesson's bookings").filters()).containsEntry("rep", List.of("Björn Åkesson"));
        assertThat(query("pipeline in contract-sent").filters()).containsEntry("stage", List.of("Contract Sent"));
        assertThat(query("bookings from partners").filters()).containsEntry("source", List.of("Partner"));
        assertThat(query("Subscription bookings").filters()).containsEntry("product_family", List.of("Subscriptions"));
    }

    @Test
    void a_unique_first_name_last_name_or_word_of_a_name_is_enough() {
        assertThat(query("Björn's win rate").filters()).containsEntry("rep", List.of("Björn Åkesson"));
        assertThat(query("win rate for Lind").filters()).containsEntry("rep", List.of("Sara Lind"));
        assertThat(query("Lite bookings").filters()).containsEntry("product", List.of("Beacon Lite"));
        assertThat(query("孙总的业绩").filters()).containsEntry("rep", List.of("孙悦"));
        assertThat(query("北方团队的业绩").filters()).containsEntry("team", List.of("北方大区"));
    }

    @Test
    void an_ambiguous_name_is_asked_about_with_the_options() {
        assertThat(clarify("Sara's bookings").options()).containsExactly("Sara Lind (rep)", "Sara Holm (rep)");
        assertThat(clarify("Beacon bookings this quarter").options()).containsExactly("Beacon Pro (product)", "Beacon Lite (product)");
        ParseOutcome.Clarify atlas = clarify("Atlas bookings");
        assertThat(atlas.options()).containsExactlyInAnyOrder("Atlas (team)", "Atlas (product)");
        assertThat(atlas.question()).contains("Atlas");
        assertThat(parser.parse("Atlas 的成交额", ines)).isInstanceOfSatisfying(ParseOutcome.Clarify.class,
                c -> assertThat(c.options()).containsExactlyInAnyOrder("Atlas（团队）", "Atlas（产品）"));
    }

    @Test
    void a_dimension_word_next_to_a_name_settles_what_it_is() {
        assertThat(query("Atlas team bookings").filters()).isEqualTo(Map.of("team", List.of("Atlas")));
        assertThat(query("bookings of the Atlas product").filters()).isEqualTo(Map.of("product", List.of("Atlas")));
        assertThat(query("Atlas产品的成交额").filters()).isEqualTo(Map.of("product", List.of("Atlas")));
    }

    @Test
    void a_team_and_a_region_of_the_same_name_mean_the_team_unless_region_is_said() {
        assertThat(query("Nordics bookings").filters()).isEqualTo(Map.of("team", List.of("Nordics")));
        assertThat(query("bookings in the Nordics region").filters()).isEqualTo(Map.of("region", List.of("Nordics")));
    }

    @Test
    void the_longest_name_wins() {
        assertThat(query("Public Sector bookings").filters()).isEqualTo(Map.of("industry", List.of("Public Sector")));
        assertThat(query("Beacon Pro bookings").filters()).isEqualTo(Map.of("product", List.of("Beacon Pro")));
    }

    @Test
    void chinese_is_segmented_with_the_vocabulary_terms_as_single_words() {
        assertThat(vocabulary.segment("北方大区这个季度赢单率多少")).contains("北方大区", "赢单率");
        assertThat(vocabulary.segment("孙悦上个月的平均客单价")).contains("孙悦", "平均客单价");
    }

    @Test
    void a_vocabulary_is_built_from_an_engine_and_rebuilt_for_a_new_warehouse_version() {
        FakeEngine engine = new FakeEngine(PERIODS, USERS, TEAMS, VALUES);
        assertThat(Vocabulary.from(engine).values("team")).contains("Atlas");
        QuestionParser engineParser = QuestionParser.forEngine(engine);
        assertThat(engineParser.parse("Show me Zephyr bookings", ines)).isInstanceOf(ParseOutcome.NotUnderstood.class);

        Map<String, List<String>> more = new LinkedHashMap<>(VALUES);
        more.put("product", List.of("Atlas", "Beacon Pro", "Beacon Lite", "Zephyr"));
        engine.publish(USERS, TEAMS, more);
        assertThat(engineParser.parse("Show me Zephyr bookings", ines)).isInstanceOfSatisfying(ParseOutcome.Understood.class,
                u -> assertThat(u.query().filters()).containsEntry("product", List.of("Zephyr")));
    }

    @Test
    void catalog_synonyms_of_values_apply_to_the_values_this_warehouse_has() {
        assertThat(query("bookings from government customers").filters()).containsEntry("industry", List.of("Public Sector"));
        assertThat(query("大客户的赢单率").filters()).containsEntry("segment", List.of("Enterprise"));
        assertThat(query("官网来源的线索数").filters()).containsEntry("source", List.of("Website"));
        assertThat(query("how many calls this week").filters()).containsEntry("activity_type", List.of("call"));
    }

    @Test
    void similar_names_are_offered_when_a_name_is_misspelt() {
        assertThat(clarify("Bjrn's bookings").options()).containsExactly("Björn Åkesson (rep)");
        assertThat(parser.parse("What are Zorro's bookings?", ines)).isInstanceOf(ParseOutcome.NotUnderstood.class);
        assertThat(clarify("What are Sarah Lnd's bookings?").options()).contains("Sara Lind (rep)");
    }
}
