package io.salescope.bot.reminders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.app_backend.SlackSignature;
import io.salescope.bot.cli.SalescopeService;
import io.salescope.bot.service.Interpreters;
import io.salescope.bot.slack.SlackSettings;
import io.salescope.bot.testing.DevFixtureWarehouse;
import io.salescope.bot.testing.FakeSlackApi;
import io.salescope.bot.testing.MutableClock;
import io.salescope.bot.testing.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.salescope.bot.testing.TestService.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reminders in the running service over the dev fixture: buttons clicked in Slack (signed
 * {@code block_actions} requests answered through a fake {@code response_url}), the tasks API,
 * web notifications for people without Slack, and {@code serve --demo} showing reminders at
 * once. The scheduler's loop is off; the tests tick it on a clock they set. 3 July 2026 is a
 * Friday.
 */
class RemindersIT {

    static final String SECRET = "test-signing-secret";
    static final String ERIK = "U0MW9EAVBUC";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;

    static FakeSlackApi slack;
    static TestService service;
    static MutableClock clock = MutableClock.at("2026-07-03T07:00:00Z");

    @BeforeAll
    static void start() throws Exception {
        DevFixtureWarehouse.publish(DevFixtureWarehouse.devFixture(), data);
        slack = new FakeSlackApi();
        ReminderSettings settings = ReminderSettings.defaults(ZoneId.of("UTC")).withEnabled(false)
                .withSlack(Duration.ofMillis(20), Duration.ofSeconds(5), 4).withDailyDigest(false);
        service = TestService.start(data, e -> Interpreters.standard(e, "USD"),
                Optional.of(new SlackSettings("xoxb-test", SECRET, slack.apiUrl())), settings, clock);
    }

    @AfterAll
    static void stop() {
        service.close();
        slack.close();
    }

    static void tickAt(String instant) throws InterruptedException {
        clock.set(instant);
        service.app().reminders().scheduler().tick();
        assertThat(service.app().reminders().scheduler().awaitIdle(Duration.ofSeconds(60))).isTrue();
    }

    @Test
    void a_click_on_done_in_slack_closes_the_task_and_updates_the_message() throws Exception {
        tickAt("2026-07-03T07:00:00Z");
        FakeSlackApi.Posted erik = slack.posted().stream().filter(p -> p.channel().equals("D" + ERIK)).findFirst().orElseThrow();
        assertThat(erik.keys()).contains("BTK01096|overdue|2026-07-02T08:00:00Z|2026-07-03");
        String responseId = UUID.randomUUID().toString();
        long start = System.nanoTime();
        HttpResponse<String> ack = click(ERIK, erik, "task_done", "BTK01096", responseId);
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        JsonNode answer = JSON.readTree(slack.await(c -> c.path().equals("/response/" + responseId), Duration.ofSeconds(30)).text());
        assertThat(answer.get("replace_original").asBoolean()).isTrue();
        assertThat(answer.get("blocks").toString()).contains("Done by Erik Nilsson")
                .doesNotContain("\"block_id\":\"task:BTK01096\"").contains("\"block_id\":\"task:BTK01109\"");
        assertThat(service.app().reminders().tasks().find("BTK01096").orElseThrow().open()).isFalse();
        tickAt("2026-07-06T07:00:00Z");
        assertThat(slack.postedKeys()).noneMatch(k -> k.startsWith("BTK01096|overdue|2026-07-02T08:00:00Z|2026-07-06"))
                .anyMatch(k -> k.startsWith("BTK01109|overdue|") && k.endsWith("2026-07-06"));
    }

    @Test
    void a_click_on_snooze_in_slack_brings_the_reminder_back_an_hour_later() throws Exception {
        tickAt("2026-07-03T07:00:00Z");
        FakeSlackApi.Posted erik = slack.posted().stream().filter(p -> p.channel().equals("D" + ERIK)).findFirst().orElseThrow();
        clock.set("2026-07-03T07:05:00Z");
        String responseId = UUID.randomUUID().toString();
        click(ERIK, erik, "task_snooze_1h", "BTK01120", responseId);
        JsonNode answer = JSON.readTree(slack.await(c -> c.path().equals("/response/" + responseId), Duration.ofSeconds(30)).text());
        assertThat(answer.get("text").asText()).contains("Snoozed").contains("today 10:05");
        tickAt("2026-07-03T08:04:00Z");
        assertThat(slack.postedKeys()).noneMatch(k -> k.contains("BTK01120") && k.contains("snooze@"));
        tickAt("2026-07-03T08:05:00Z");
        assertThat(slack.postedKeys()).contains("BTK01120|overdue|2026-06-13T10:39:11Z|snooze@2026-07-03T07:05:00Z");
    }

    @Test
    void a_click_from_someone_slack_cannot_match_gets_a_polite_refusal() throws Exception {
        FakeSlackApi.Posted any = new FakeSlackApi.Posted("D1", "1.1", "x", "[]", List.of(), 0);
        String responseId = UUID.randomUUID().toString();
        click("UNOBODY", any, "task_done", "BTK01096", responseId);
        JsonNode answer = JSON.readTree(slack.await(c -> c.path().equals("/response/" + responseId), Duration.ofSeconds(30)).text());
        assertThat(answer.get("response_type").asText()).isEqualTo("ephemeral");
        assertThat(answer.get("text").asText()).contains("UNOBODY");
    }

    @Test
    void tasks_are_created_listed_done_and_snoozed_through_the_api_with_permissions() throws Exception {
        clock.set("2026-07-03T07:00:00Z");
        String manager = service.tokenFor("xu.zhiyuan@borealis-software.com");
        String rep = service.tokenFor("zhao.min@borealis-software.com");
        String other = service.tokenFor("luo.xiaodong@borealis-software.com");
        HttpResponse<String> created = post("/api/tasks", manager, Map.of("assignee", "赵敏", "subject", "回访ACME", "due", "周五"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode task = json(created).get("tasks").get(0);
        assertThat(task.get("owner_id").asText()).isEqualTo("R11");
        assertThat(task.get("due_at").asText()).isEqualTo("2026-07-03T10:00:00Z");
        String id = task.get("task_id").asText();

        HttpResponse<String> refused = post("/api/tasks", rep, Map.of("assignee", "罗晓东", "subject", "回访ACME"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json(refused).get("error").asText()).isEqualTo("forbidden");

        assertThat(json(service.get("/api/tasks", rep)).get("tasks").findValuesAsText("task_id")).contains(id);
        assertThat(service.get("/api/tasks?scope=team", rep).statusCode()).isEqualTo(403);
        assertThat(json(service.get("/api/tasks?scope=team&overdue=true", manager)).get("tasks")).isNotEmpty();

        assertThat(post("/api/tasks/" + id + "/done", other, Map.of()).statusCode()).isEqualTo(403);
        HttpResponse<String> snoozed = post("/api/tasks/" + id + "/snooze", rep, Map.of("for", "1h"));
        assertThat(snoozed.statusCode()).as(snoozed.body()).isEqualTo(200);
        assertThat(json(snoozed).get("reminded_again_at").asText()).isEqualTo("2026-07-03T08:00:00Z");
        assertThat(post("/api/tasks/" + id + "/snooze", rep, Map.of("for", "2 weeks")).statusCode()).isEqualTo(400);
        assertThat(post("/api/tasks/" + id + "/done", rep, Map.of()).statusCode()).isEqualTo(200);
        assertThat(json(service.get("/api/tasks", rep)).get("tasks").findValuesAsText("task_id")).doesNotContain(id);
        assertThat(post("/api/tasks/NOPE/done", rep, Map.of()).statusCode()).isEqualTo(404);
    }

    @Test
    void people_without_slack_find_their_reminders_in_the_web_page_s_notifications() throws Exception {
        tickAt("2026-07-03T01:00:00Z");
        String luo = service.tokenFor("luo.xiaodong@borealis-software.com");
        JsonNode list = json(service.get("/api/notifications", luo)).get("notifications");
        assertThat(list.findValuesAsText("kind")).contains("overdue");
        assertThat(list.findValuesAsText("link")).contains("#task=BTK01163");
        assertThat(list.findValuesAsText("text_zh")).anyMatch(s -> s.startsWith("已逾期："));
        assertThat(slack.posted()).noneMatch(p -> p.keys().stream().anyMatch(k -> k.startsWith("BTK01163")));
        HttpResponse<String> mine = service.ask(luo, "我的任务");
        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(json(mine).get("kind").asText()).isEqualTo("tasks");
        assertThat(json(mine).get("answer").asText()).startsWith("你有 ");
    }

    @Test
    void the_weekly_report_is_answered_with_a_chart_on_the_web() {
        HttpResponse<String> r = service.ask(service.tokenFor("henrik.lund@borealis-software.com"), "weekly report");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("kind").asText()).isEqualTo("weekly_report");
        assertThat(json(r).get("chart").asText()).startsWith("data:image/png;base64,");
    }

    @Test
    void serve_demo_starts_the_reminders_on_the_fixture_s_day_and_shows_them_as_notifications(@TempDir Path demo)
            throws Exception {
        DevFixtureWarehouse.publish(DevFixtureWarehouse.devFixture(), demo);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Duser.timezone=UTC", "-cp", System.getProperty("java.class.path"),
                SalescopeService.class.getName(), "--data", demo.toString(), "--today", "2026-06-30", "serve", "--port", "0",
                "--demo"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("SLACK_") || k.startsWith("SALESCOPE_"));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            String line;
            while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
                lines.add(line);
                if (line.contains("Ctrl+C")) {
                    break;
                }
            }
            String text = String.join("\n", lines);
            assertThat(text).contains("reminders on, clock 2026-06-30T08:0").contains("(started at 2026-06-30T08:00:00Z)")
                    .contains("as web notifications");
            Matcher sent = Pattern.compile("; (\\d+) sent so far").matcher(text);
            assertThat(sent.find()).as(text).isTrue();
            assertThat(Integer.parseInt(sent.group(1))).isPositive();
            Matcher m = Pattern.compile("manager .*\\n\\s+open (http://127\\.0\\.0\\.1:\\d+/)\\?token=(\\S+)").matcher(text);
            assertThat(m.find()).as(text).isTrue();
            HttpResponse<String> notes = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(m.group(1) + "api/notifications"))
                    .header("Authorization", "Bearer " + URLDecoder.decode(m.group(2), StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode list = json(notes).get("notifications");
            assertThat(list.findValuesAsText("kind")).contains("overdue", "daily_digest");
            assertThat(json(notes).get("unread").asInt()).isPositive();
        } finally {
            p.destroy();
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void reminders_tick_and_ledger_work_from_the_command_line(@TempDir Path other) throws Exception {
        DevFixtureWarehouse.publish(DevFixtureWarehouse.devFixture(), other);
        String first = cli(other, "reminders", "tick", "--clock", "2026-07-03T01:00:00Z");
        assertThat(first).contains("tick at 2026-07-03T01:00:").contains("153 open tasks").containsPattern("\\d+ claimed")
                .contains("ledger: {sent=");
        String again = cli(other, "reminders", "tick", "--clock", "2026-07-03T01:00:00Z");
        assertThat(again).contains(", 0 claimed");
        assertThat(cli(other, "reminders", "ledger", "--state", "sent", "--limit", "3")).startsWith("by state: {sent=")
                .contains("overdue");
    }

    private static String cli(Path dir, String... args) {
        List<String> all = new ArrayList<>(List.of("--data", dir.toString(), "--today", "2026-06-30"));
        all.addAll(List.of(args));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.out;
        try {
            System.setOut(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
            int exit = io.salescope.core.cli.Cli.execute(new SalescopeService(), all.toArray(String[]::new));
            assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
        } finally {
            System.setOut(old);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ helpers

    private static HttpResponse<String> post(String path, String token, Map<String, String> body) throws Exception {
        return service.post(path, token, JSON.writeValueAsBytes(body));
    }

    /** A signed block_actions request for a click on a button of {@code message}. */
    private static HttpResponse<String> click(String slackUser, FakeSlackApi.Posted message, String actionId, String taskId,
                                              String responseId) throws Exception {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("type", "block_actions");
        payload.putObject("team").put("id", "T1");
        payload.putObject("user").put("id", slackUser);
        payload.put("api_app_id", "A1");
        payload.put("token", "legacy");
        payload.put("trigger_id", "1.2.3");
        payload.putObject("container").put("type", "message").put("message_ts", message.ts()).put("channel_id", message.channel());
        payload.putObject("channel").put("id", message.channel());
        ObjectNode msg = payload.putObject("message");
        msg.put("type", "message");
        msg.put("ts", message.ts());
        msg.put("text", message.text());
        msg.set("blocks", JSON.readTree(message.blocks() == null ? "[]" : message.blocks()));
        payload.put("response_url", slack.responseUrl(responseId));
        ObjectNode action = payload.putArray("actions").addObject();
        action.put("type", "button");
        action.put("action_id", actionId);
        action.put("block_id", "task:" + taskId);
        action.put("value", taskId);
        action.put("action_ts", "1700000000.1");
        String body = "payload=" + URLEncoder.encode(JSON.writeValueAsString(payload), StandardCharsets.UTF_8);
        String ts = String.valueOf(System.currentTimeMillis() / 1000);
        return service.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/slack/events"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", new SlackSignature.Generator(SECRET).generate(ts, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
