package io.salescope.bot.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.salescope.bot.service.Interpreters;
import io.salescope.bot.testing.DevFixtureWarehouse;
import io.salescope.bot.testing.DevQuestions;
import io.salescope.bot.testing.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.salescope.bot.testing.TestService.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

/**
 * All 45 questions of {@code shared/questions/dev.jsonl} asked through {@code POST /api/ask}
 * with the real question parser, as their askers, against the dev fixture (reference date
 * 2026-06-30, fiscal year from January, UTC, USD): values within {@code rel_tol}, rows
 * (ordered or not), 403s and answers without a value.
 */
class DevQuestionsIT {

    @TempDir
    static Path data;

    static TestService service;
    static final Map<String, String> TOKENS = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        DevFixtureWarehouse.publish(DevFixtureWarehouse.devFixture(), data);
        service = TestService.start(data, e -> Interpreters.standard(e, "USD"), Optional.empty());
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void every_dev_question_gets_the_expected_answer_through_the_api() {
        List<String> failures = new ArrayList<>();
        List<DevQuestions.Question> all = DevQuestions.all();
        assertThat(all).hasSize(45);
        for (DevQuestions.Question q : all) {
            String token = TOKENS.computeIfAbsent(q.as(), service::tokenFor);
            HttpResponse<String> r = service.ask(token, q.question());
            try {
                check(q, r);
            } catch (AssertionError e) {
                failures.add(q + "\n    -> HTTP " + r.statusCode() + " " + abbreviate(r.body()) + "\n    " + e.getMessage().strip());
            }
        }
        assertThat(failures).as("%d of %d dev questions answered wrongly", failures.size(), all.size()).isEmpty();
    }

    private static void check(DevQuestions.Question q, HttpResponse<String> r) {
        JsonNode j = json(r);
        if (q.forbidden()) {
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(j.get("answer").asText()).isNotBlank();
            assertThat(j.get("language").asText()).isEqualTo(q.lang());
            return;
        }
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(j.get("understood").asBoolean()).as("understood").isTrue();
        assertThat(j.get("language").asText()).as("language").isEqualTo(q.lang());
        if (q.noValue()) {
            assertThat(j.get("value").isNull()).as("value is null").isTrue();
            assertThat(j.get("rows")).isEmpty();
            assertThat(j.get("answer").asText()).isNotBlank();
            return;
        }
        if (q.rows()) {
            JsonNode expected = q.expect().get("rows");
            List<String> labels = new ArrayList<>();
            expected.forEach(row -> labels.add(row.get(0).asText()));
            List<String> got = j.get("rows").findValuesAsText("label");
            if (q.expect().get("ordered").asBoolean()) {
                assertThat(got).containsExactlyElementsOf(labels);
            } else {
                assertThat(got).containsExactlyInAnyOrderElementsOf(labels);
            }
            for (JsonNode row : expected) {
                JsonNode match = null;
                for (JsonNode g : j.get("rows")) {
                    if (g.get("label").asText().equals(row.get(0).asText())) {
                        match = g;
                    }
                }
                assertThat(match).isNotNull();
                assertThat(match.get("value").asDouble()).as(row.get(0).asText())
                        .isCloseTo(row.get(1).asDouble(), withinPercentage(q.tolerancePercent()));
            }
            return;
        }
        assertThat(j.get("unit").asText()).isEqualTo(q.expect().get("unit").asText());
        assertThat(j.get("value").isNumber()).as("value is a number").isTrue();
        assertThat(j.get("value").asDouble()).isCloseTo(q.expect().get("value").asDouble(),
                withinPercentage(q.tolerancePercent()));
    }

    private static String abbreviate(String s) {
        return s.length() <= 400 ? s : s.substring(0, 400) + "…";
    }
}
