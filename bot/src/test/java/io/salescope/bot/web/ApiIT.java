package io.salescope.bot.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.salescope.bot.auth.TokenStore;
import io.salescope.bot.ops.NotificationStore;
import io.salescope.bot.testing.DevFixtureWarehouse;
import io.salescope.bot.testing.TestService;
import io.salescope.warehouse.query.UserInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;

import static io.salescope.bot.testing.TestService.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The HTTP API end to end: a real server on a loopback port over the dev fixture's warehouse,
 * with the scripted fake interpreter standing in for the question parser.
 */
class ApiIT {

    static final String EXEC = "henrik.lund@borealis-software.com";
    static final String MANAGER = "xu.zhiyuan@borealis-software.com";
    static final String REP = "brian.carter@borealis-software.com";

    @TempDir
    static Path data;

    static TestService service;
    static String exec;
    static String manager;
    static String rep;

    @BeforeAll
    static void start() throws Exception {
        DevFixtureWarehouse.publish(DevFixtureWarehouse.devFixture(), data);
        service = TestService.start(data);
        exec = service.tokenFor(EXEC);
        manager = service.tokenFor(MANAGER);
        rep = service.tokenFor(REP);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void health_needs_no_token_and_names_the_version() {
        HttpResponse<String> r = service.get("/api/health", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("status").asText()).isEqualTo("ok");
        assertThat(json(r).get("warehouse_version").asLong()).isPositive();
        assertThat(json(r).get("today").asText()).isEqualTo("2026-06-30");
    }

    @Test
    void ask_without_a_token_is_401_with_a_json_error() {
        HttpResponse<String> r = service.ask(null, "bookings this quarter");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("application/json"));
        assertThat(json(r).get("error").asText()).isEqualTo("missing_token");
        assertThat(r.headers().firstValue("WWW-Authenticate")).isPresent();
    }

    @Test
    void ask_with_an_unknown_token_is_401() {
        assertThat(service.ask("sst_not-a-real-token", "bookings this quarter").statusCode()).isEqualTo(401);
        assertThat(service.ask("garbage", "bookings this quarter").statusCode()).isEqualTo(401);
        HttpResponse<String> basic = service.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/me"))
                .header("Authorization", "Basic dXNlcjpwYXNz").GET().build());
        assertThat(basic.statusCode()).isEqualTo(401);
    }

    @Test
    void ask_with_an_expired_token_is_401_and_says_it_expired() {
        UserInfo u = service.app().engine().user(EXEC).orElseThrow();
        Clock lastWeek = Clock.fixed(Instant.now().minus(Duration.ofDays(7)), ZoneOffset.UTC);
        String old = new TokenStore(service.app().ops(), lastWeek).issue(u.userId(), u.email(), Duration.ofDays(1), "t").token();
        HttpResponse<String> r = service.ask(old, "bookings this quarter");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(json(r).get("error").asText()).isEqualTo("expired_token");
    }

    @Test
    void a_revoked_token_is_refused() {
        String t = service.tokenFor(REP);
        assertThat(service.get("/api/me", t).statusCode()).isEqualTo(200);
        service.app().tokens().revoke(t);
        // A new service instance would see it at once; the running one caches valid tokens briefly.
        assertThat(service.app().tokens().find(t)).hasValueSatisfying(rec -> assertThat(rec.revokedAt()).isNotNull());
    }

    @Test
    void tokens_are_stored_only_as_their_sha256() throws Exception {
        String t = service.tokenFor(MANAGER);
        assertThat(t).startsWith("sst_").hasSizeGreaterThanOrEqualTo(4 + 43);
        assertThat(service.app().tokens().list()).noneMatch(r -> r.tokenHash().equals(t))
                .anyMatch(r -> r.tokenHash().equals(TokenStore.hash(t)));
        byte[] file = java.nio.file.Files.readAllBytes(service.app().ops().file());
        assertThat(new String(file, StandardCharsets.ISO_8859_1)).doesNotContain(t.substring(4));
    }

    @Test
    void a_money_answer_has_value_unit_period_and_sql() {
        HttpResponse<String> r = service.ask(exec, "bookings this quarter");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode j = json(r);
        assertThat(j.get("understood").asBoolean()).isTrue();
        assertThat(j.get("language").asText()).isEqualTo("en");
        assertThat(j.get("metric").asText()).isEqualTo("bookings");
        assertThat(j.get("unit").asText()).isEqualTo("money");
        assertThat(j.get("value").asDouble()).isCloseTo(4496778.342682, within(1.0));
        assertThat(j.get("period").get("from").asText()).isEqualTo("2026-04-01");
        assertThat(j.get("period").get("to").asText()).isEqualTo("2026-06-30");
        assertThat(j.get("rows")).isEmpty();
        assertThat(j.get("sql").get(0).asText()).containsIgnoringCase("select");
        assertThat(j.get("answer").asText()).contains("4,496,778");
        assertThat(j.get("currency").asText()).isEqualTo("USD");
    }

    @Test
    void a_ratio_is_a_fraction_and_count_and_days_are_plain_numbers() {
        JsonNode ratio = json(service.ask(manager, "中国区本季度赢单率"));
        assertThat(ratio.get("unit").asText()).isEqualTo("ratio");
        assertThat(ratio.get("value").asDouble()).isCloseTo(0.431034, within(0.0005));
        assertThat(ratio.get("language").asText()).isEqualTo("zh");
        JsonNode count = json(service.ask(exec, "new opportunities in May 2026"));
        assertThat(count.get("unit").asText()).isEqualTo("count");
        assertThat(count.get("value").asDouble()).isEqualTo(65.0);
        JsonNode days = json(service.ask(exec, "sales cycle in 2026-Q1"));
        assertThat(days.get("unit").asText()).isEqualTo("days");
        assertThat(days.get("value").asDouble()).isCloseTo(84.256757, within(0.01));
        JsonNode velocity = json(service.ask(exec, "sales velocity"));
        assertThat(velocity.get("unit").asText()).isEqualTo("money_per_day");
        assertThat(velocity.get("value").asDouble()).isPositive();
        assertThat(velocity.get("period").isNull()).isTrue();
    }

    @Test
    void a_breakdown_lists_rows_with_label_and_value() {
        JsonNode j = json(service.ask(exec, "bookings by region last quarter"));
        assertThat(j.get("value").isNull()).isTrue();
        assertThat(j.get("rows")).hasSize(3);
        assertThat(j.get("rows").findValuesAsText("label")).containsExactlyInAnyOrder("China", "Europe", "North America");
        for (JsonNode row : j.get("rows")) {
            assertThat(row.get("value").asDouble()).isPositive();
        }
    }

    @Test
    void a_ratio_without_a_denominator_has_a_null_value_and_says_why() {
        HttpResponse<String> r = service.ask(exec, "win rate in 2022");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode j = json(r);
        assertThat(j.get("value").isNull()).isTrue();
        assertThat(j.get("unit").asText()).isEqualTo("ratio");
        assertThat(j.get("answer").asText()).containsIgnoringCase("no closed");
        assertThat(j.get("no_value_reason").asText()).isNotBlank();
    }

    @Test
    void a_question_out_of_the_asker_s_scope_is_403_in_the_question_s_language() {
        HttpResponse<String> zh = service.ask(rep, "中国区本季度赢单率");
        assertThat(zh.statusCode()).isEqualTo(403);
        assertThat(json(zh).get("error").asText()).isEqualTo("forbidden");
        assertThat(json(zh).get("language").asText()).isEqualTo("zh");
        assertThat(json(zh).get("answer").asText()).containsPattern("\\p{IsHan}");
        HttpResponse<String> en = service.ask(rep, "win rate of China this quarter");
        assertThat(en.statusCode()).isEqualTo(403);
        assertThat(json(en).get("answer").asText()).containsPattern("[a-z]{3,}").doesNotContainPattern("\\p{IsHan}{4,}");
    }

    @Test
    void a_question_not_understood_is_200_with_understood_false_and_help() {
        JsonNode j = json(service.ask(exec, "what is the meaning of life"));
        assertThat(j.get("understood").asBoolean()).isFalse();
        assertThat(j.get("answer").asText()).isNotBlank();
        assertThat(j.get("value").isNull()).isTrue();
        JsonNode c = json(service.ask(exec, "bookings for the team"));
        assertThat(c.get("understood").asBoolean()).isFalse();
        assertThat(c.get("options")).hasSize(3);
    }

    @Test
    void a_question_that_cannot_be_answered_as_asked_is_422() {
        HttpResponse<String> r = service.ask(exec, "forecast for 2031");
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(json(r).get("error").asText()).isEqualTo("cannot_answer");
        assertThat(json(r).get("message").asText()).isNotBlank();
    }

    @Test
    void malformed_bodies_are_400_with_a_json_error() {
        assertError(service.post("/api/ask", exec, "{\"question\": ".getBytes(StandardCharsets.UTF_8)), 400, "malformed_json");
        assertError(service.post("/api/ask", exec, "[\"bookings\"]".getBytes(StandardCharsets.UTF_8)), 400, "malformed_json");
        assertError(service.post("/api/ask", exec, "{\"question\": 42}".getBytes(StandardCharsets.UTF_8)), 400, "malformed_json");
        assertError(service.post("/api/ask", exec, "{}".getBytes(StandardCharsets.UTF_8)), 400, "missing_question");
        assertError(service.post("/api/ask", exec, new byte[0]), 400, "missing_body");
        assertError(service.ask(exec, "   "), 400, "empty_question");
    }

    @Test
    void a_10_kB_question_is_refused_as_too_long() {
        assertError(service.ask(exec, "bookings ".repeat(1200)), 400, "question_too_long");
        assertError(service.post("/api/ask", exec, ("{\"question\": \"" + "x".repeat(200_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8)), 413, "too_large");
    }

    @Test
    void binary_and_control_characters_are_refused() {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        HttpResponse<String> r = service.post("/api/ask", exec, noise);
        assertThat(r.statusCode()).isEqualTo(400);
        assertError(service.ask(exec, "bookings\u0000this quarter"), 400, "invalid_characters");
        assertError(service.ask(exec, "bookings \u001b[31m"), 400, "invalid_characters");
        assertError(service.post("/api/ask", exec, new byte[]{'{', '"', 'q', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}),
                400, "not_utf8");
    }

    @Test
    void sql_looking_questions_are_just_text() {
        for (String q : new String[]{"'; DROP TABLE opportunities; --", "bookings this quarter' OR '1'='1",
                "SELECT * FROM users", "\" UNION SELECT email FROM users --"}) {
            HttpResponse<String> r = service.ask(exec, q);
            assertThat(r.statusCode()).as(q).isBetween(200, 499);
            assertThat(json(r).get("understood").asBoolean()).as(q).isFalse();
        }
        assertThat(json(service.ask(exec, "bookings this quarter")).get("value").asDouble()).isPositive();
    }

    @Test
    void errors_never_leak_stack_traces_and_unknown_routes_are_json_404() {
        HttpResponse<String> r = service.get("/api/nope", exec);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(json(r).get("error").asText()).isEqualTo("not_found");
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("at io.");
    }

    @Test
    void responses_carry_security_headers() {
        HttpResponse<String> r = service.get("/api/health", null);
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v ->
                assertThat(v).contains("default-src 'self'").contains("frame-ancestors 'none'"));
        assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void slack_events_are_404_when_slack_is_off() {
        HttpResponse<String> r = service.post("/slack/events", null, "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(json(r).get("error").asText()).isEqualTo("slack_disabled");
        assertThat(json(service.get("/api/health", null)).get("slack").asBoolean()).isFalse();
    }

    @Test
    void me_describes_the_logged_in_user() {
        JsonNode j = json(service.get("/api/me", manager));
        assertThat(j.get("email").asText()).isEqualTo(MANAGER);
        assertThat(j.get("role").asText()).isEqualTo("manager");
        assertThat(j.get("team").asText()).isEqualTo("中国区");
    }

    @Test
    void metrics_lists_the_catalog() {
        JsonNode j = json(service.get("/api/metrics", rep));
        assertThat(j.get("metrics").findValuesAsText("name")).contains("bookings", "win_rate", "forecast");
    }

    @Test
    void dashboard_endpoints_are_scoped_to_the_asker() {
        JsonNode funnel = json(service.get("/api/dashboard/funnel?period=2025", exec));
        assertThat(funnel.get("stages").findValuesAsText("label")).containsExactly("Lead In", "Demo Done", "Trial",
                "Contract Sent", "Won");
        assertThat(funnel.get("stages").get(0).get("value").asDouble()).isCloseTo(1.0, within(1e-9));

        JsonNode bvq = json(service.get("/api/dashboard/bookings-vs-quota?period=2026-Q1", manager));
        assertThat(bvq.get("by").asText()).isEqualTo("team");
        assertThat(bvq.get("rows").findValuesAsText("label")).containsExactlyInAnyOrder("北京销售部", "深圳销售部");
        JsonNode repBvq = json(service.get("/api/dashboard/bookings-vs-quota?period=2026-Q1", rep));
        assertThat(repBvq.get("by").asText()).isEqualTo("self");
        assertThat(repBvq.get("rows")).hasSize(1);

        JsonNode pipeline = json(service.get("/api/dashboard/pipeline-by-stage", manager));
        assertThat(pipeline.get("rows").findValuesAsText("label")).containsExactly("Lead In", "Demo Done", "Trial",
                "Contract Sent");
        assertThat(pipeline.get("scope").asText()).contains("中国区");

        HttpResponse<String> bad = service.get("/api/dashboard/funnel?period=" + "DROP%20TABLE", exec);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(service.get("/api/dashboard/funnel?period=2026-Q9", exec).statusCode()).isEqualTo(400);
    }

    @Test
    void the_forecast_says_when_none_is_published() {
        JsonNode f = json(service.get("/api/dashboard/forecast", exec));
        assertThat(f.get("available").asBoolean()).isFalse();
        assertThat(f.get("message").asText()).contains("no forecast");
    }

    @Test
    void notifications_are_listed_from_the_ops_store() {
        assertThat(json(service.get("/api/notifications", rep)).get("notifications")).isEmpty();
        UserInfo u = service.app().engine().user(MANAGER).orElseThrow();
        long id = new NotificationStore(service.app().ops()).add(u.userId(), "reminder", "Call Acme", "给 Acme 打电话",
                null, Instant.now());
        JsonNode j = json(service.get("/api/notifications", manager));
        assertThat(j.get("notifications")).hasSize(1);
        assertThat(j.get("unread").asInt()).isEqualTo(1);
        assertThat(service.post("/api/notifications/" + id + "/read", manager, new byte[0]).statusCode()).isEqualTo(200);
        assertThat(service.post("/api/notifications/" + id + "/read", rep, new byte[0]).statusCode()).isEqualTo(404);
        assertThat(json(service.get("/api/notifications", manager)).get("unread").asInt()).isZero();
    }

    @Test
    void a_new_warehouse_version_is_picked_up_without_restart() throws Exception {
        long before = json(service.get("/api/health", null)).get("warehouse_version").asLong();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE teams AS SELECT 'T' AS team_id, 'Only' AS name");
            st.execute("CREATE TABLE users AS SELECT 'U' AS user_id, 'Una' AS name, 'una@x.io' AS email, 'T' AS team_id,"
                    + " 'executive' AS role, true AS active");
            io.salescope.bot.testing.WarehousePublisher.publish(c, data);
        }
        try {
            Thread.sleep(300);
            assertThat(json(service.get("/api/health", null)).get("warehouse_version").asLong()).isEqualTo(before + 1);
        } finally {
            DevFixtureWarehouse.publish(DevFixtureWarehouse.devFixture(), data);
            Thread.sleep(300);
        }
    }

    private static void assertError(HttpResponse<String> r, int status, String code) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(json(r).get("error").asText()).as(r.body()).isEqualTo(code);
        assertThat(json(r).get("message").asText()).isNotBlank();
    }
}
