package io.salescope.bot.nlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salescope.warehouse.query.UserInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Every question of the shared dev set ({@code /work/shared/questions/dev.jsonl}) parses to the
 * query that gives its expected answer, with a vocabulary built from the fixture's CSV files.
 * The questions the engine refuses (403) only need the right filters.
 */
class DevQuestionsTest {

    private static final Map<String, Function<UserInfo, Expected>> EXPECTED = new LinkedHashMap<>();

    private static void expect(String id, Function<Expected, Expected> query) {
        EXPECTED.put(id, asker -> query.apply(Expected.ask(asker, "")));
    }

    static {
        expect("d001", q -> q.metric("bookings").period("this_quarter"));
        expect("d002", q -> q.metric("win_rate").mine().period("last_quarter"));
        expect("d003", q -> q.metric("bookings").by("region").period("last_quarter"));
        expect("d004", q -> q.metric("open_pipeline").filter("team", "US & Canada").period("2026-Q3"));
        expect("d005", q -> q.metric("win_rate").filter("team", "中国区").period("this_quarter"));
        expect("d006", q -> q.metric("avg_deal_size").filter("segment", "Enterprise").period("2025"));
        expect("d007", q -> q.metric("bookings").by("rep").top(3).period("2025"));
        expect("d008", q -> q.metric("quota_attainment").filter("team", "DACH").period("last_quarter"));
        expect("d009", q -> q.metric("quota_gap").filter("team", "Nordics").period("this_year"));
        expect("d010", q -> q.metric("pipeline_coverage").mine().period("next_quarter"));
        expect("d011", q -> q.metric("sales_cycle").period("2026-Q1"));
        expect("d012", q -> q.metric("lost_deals").mine().period("2025"));
        expect("d013", q -> q.metric("new_opportunities").period("2026-05"));
        expect("d014", q -> q.metric("new_pipeline").mine().period("last_month"));
        expect("d015", q -> q.metric("weighted_pipeline"));
        expect("d016", q -> q.metric("lead_conversion_rate").filter("source", "Free Trial").period("this_year"));
        expect("d017", q -> q.metric("lead_conversion_rate").filter("source", "Content Download").period("2024-Q1"));
        expect("d018", q -> q.metric("win_rate").mine().period("this_quarter"));
        expect("d019", q -> q.metric("quota_attainment").filter("rep", "Megan Price").period("2026-Q1"));
        expect("d020", q -> q.metric("bookings").filter("rep", "Maja Virtanen").period("this_year"));
        expect("d021", q -> q.metric("bookings").filter("team", "深圳销售部").period("last_quarter"));
        expect("d022", q -> q.metric("win_rate").filter("team", "Nordics").period("this_quarter"));
        expect("d023", q -> q.metric("weighted_pipeline").filter("team", "中国区").inLanguage("en"));
        expect("d024", q -> q.metric("activities").by("activity_type").period("last_month"));
        expect("d025", q -> q.metric("activities").filter("activity_type", "call").mine().period("last_3_months"));
        expect("d026", q -> q.metric("overdue_tasks").filter("team", "中国区"));
        expect("d027", q -> q.metric("stage_conversion").option("stage", "Trial").period("2025"));
        expect("d028", q -> q.metric("stage_conversion").option("from_stage", "Trial").option("stage", "Contract Sent").period("2025-Q4"));
        expect("d029", q -> q.metric("bookings").filter("team", "中国区").by("team").period("this_year"));
        expect("d030", q -> q.metric("new_pipeline").by("industry").top(3).period("this_year"));
        expect("d031", q -> q.metric("win_rate").filter("region", "Europe").by("rep").bottom(2).period("2025"));
        expect("d032", q -> q.metric("win_rate_by_value").filter("product", "Borealis Cloud Enterprise").period("2025"));
        expect("d033", q -> q.metric("bookings").filter("product", "Analytics Add-on").period("last_quarter"));
        expect("d034", q -> q.metric("activities").filter("activity_type", "email").mine().period("last_30_days"));
        expect("d035", q -> q.metric("avg_deal_size").by("segment").period("2026-Q1"));
        expect("d036", q -> q.metric("new_opportunities").filter("team", "Europe").period("ytd"));
        expect("d037", q -> q.metric("bookings").filter("industry", "Public Sector").period("2025"));
        expect("d038", q -> q.metric("quota").mine().period("this_year"));
        expect("d039", q -> q.metric("bookings").by("product_family").top(2).period("this_year"));
        expect("d040", q -> q.metric("won_deals").mine().period("last_quarter"));
        // "做同比用": the figure for Q2 2025, with the year-earlier figure alongside for the comparison
        expect("d041", q -> q.metric("bookings").filter("rep", "赵敏").period("2025-Q2").vsYearAgo());
        expect("d042", q -> q.metric("bookings").filter("rep", "赵敏").period("this_quarter"));
        expect("d043", q -> q.metric("won_deals").filter("source", "Referral").period("2026-03"));
        expect("d044", q -> q.metric("bookings").filter("region", "China").period("ytd"));
        expect("d045", q -> q.metric("new_opportunities").filter("team", "US & Canada").period("last_30_days"));
    }

    record DevQuestion(String id, String lang, String as, String question, JsonNode expect) {
    }

    private static List<DevQuestion> questions;

    @BeforeAll
    static void load() throws IOException {
        assertThat(DevFixture.available()).as("the shared dev fixture at " + DevFixture.ROOT).isTrue();
        ObjectMapper json = new ObjectMapper();
        questions = new ArrayList<>();
        for (String line : Files.readAllLines(DevFixture.QUESTIONS)) {
            if (!line.isBlank()) {
                JsonNode n = json.readTree(line);
                questions.add(new DevQuestion(n.get("id").asText(), n.get("lang").asText(), n.get("as").asText(),
                        n.get("question").asText(), n.get("expect")));
            }
        }
    }

    @Test
    void every_dev_question_has_an_expected_query() {
        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrderElementsOf(questions.stream().map(DevQuestion::id).toList());
    }

    @TestFactory
    Stream<DynamicTest> every_dev_question_parses_to_the_query_that_answers_it() {
        DevFixture fixture = DevFixture.get();
        return questions.stream().map(q -> dynamicTest(q.id() + " " + q.question(), () -> {
            UserInfo asker = fixture.user(q.as());
            Expected expected = EXPECTED.get(q.id()).apply(asker);
            Expected.ask(asker, q.question()).copyFrom(expected).check(fixture.parser);
        }));
    }

    @TestFactory
    Stream<DynamicTest> dev_questions_are_answered_in_the_language_of_the_question() {
        DevFixture fixture = DevFixture.get();
        return questions.stream().map(q -> dynamicTest(q.id() + " " + q.lang(), () -> {
            ParseOutcome outcome = fixture.parser.parse(q.question(), fixture.user(q.as()));
            assertThat(outcome.language()).as(q.question()).isEqualTo(q.lang());
        }));
    }
}
