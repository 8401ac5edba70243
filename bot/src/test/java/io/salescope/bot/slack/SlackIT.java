package io.salescope.bot.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.app_backend.SlackSignature;
import io.salescope.bot.service.Figures;
import io.salescope.bot.testing.DevFixtureWarehouse;
import io.salescope.bot.testing.FakeSlackApi;
import io.salescope.bot.service.Interpreters;
import io.salescope.bot.testing.TestService;
import io.salescope.warehouse.query.MetricQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Slack app end to end: requests signed with the real {@link SlackSignature.Generator}
 * reach {@code POST /slack/events} on a running service whose Web API client points at a
 * fake Slack on loopback that answers slowly; questions go through the real parser.
 */
class SlackIT {

    static final String SECRET = "test-signing-secret";
    static final String HENRIK = "U0U9N6THAD7";
    static final Duration SLOW = Duration.ofMillis(2500);
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;

    static FakeSlackApi slack;
    static TestService service;

    @BeforeAll
    static void start() throws Exception {
        DevFixtureWarehouse.publish(DevFixtureWarehouse.devFixture(), data);
        slack = new FakeSlackApi();
        service = TestService.start(data, e -> Interpreters.standard(e, "USD"),
                Optional.of(new SlackSettings("xoxb-test", SECRET, slack.apiUrl())));
    }

    @AfterAll
    static void stop() {
        service.close();
        slack.close();
    }

    @BeforeEach
    void reset() {
        slack.clear();
        slack.delay(Duration.ZERO);
    }

    @Test
    void a_request_with_a_bad_signature_is_401() {
        String body = command(HENRIK, "bookings this quarter", "r1");
        long ts = System.currentTimeMillis() / 1000;
        HttpResponse<String> r = post(body, "application/x-www-form-urlencoded", String.valueOf(ts),
                new SlackSignature.Generator("wrong-secret").generate(String.valueOf(ts), body), null);
        assertThat(r.statusCode()).isEqualTo(401);
        HttpResponse<String> unsigned = post(body, "application/x-www-form-urlencoded", String.valueOf(ts), null, null);
        assertThat(unsigned.statusCode()).isEqualTo(401);
    }

    @Test
    void a_request_with_a_stale_timestamp_is_401() {
        String body = command(HENRIK, "bookings this quarter", "r2");
        String ts = String.valueOf(System.currentTimeMillis() / 1000 - 600);
        HttpResponse<String> r = post(body, "application/x-www-form-urlencoded", ts,
                new SlackSignature.Generator(SECRET).generate(ts, body), null);
        assertThat(r.statusCode()).isEqualTo(401);
    }

    @Test
    void a_slash_command_is_acked_at_once_and_answered_through_response_url_with_blocks() throws Exception {
        slack.delay(SLOW);
        String id = UUID.randomUUID().toString();
        long start = System.nanoTime();
        HttpResponse<String> ack = signed(command(HENRIK, "bookings this quarter", id), "application/x-www-form-urlencoded", null);
        long ackMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(ackMs).as("ack time in ms").isLessThan(3000);
        FakeSlackApi.Call answer = slack.await(c -> c.path().equals("/response/" + id), Duration.ofSeconds(30));
        JsonNode j = JSON.readTree(answer.text());
        assertThat(j.get("blocks")).isNotEmpty();
        assertThat(j.get("blocks").get(0).get("type").asText()).isEqualTo("section");
        assertThat(answer.text()).contains("4,496,778");
        assertThat(j.get("text").asText()).contains("4,496,778");
    }

    @Test
    void a_mention_is_acked_at_once_and_answered_in_its_thread_with_chat_post_message() throws Exception {
        slack.delay(SLOW);
        long start = System.nanoTime();
        HttpResponse<String> ack = signed(mention("Ev" + UUID.randomUUID(), HENRIK, "<@UBOT> bookings this quarter"),
                "application/json", null);
        assertThat((System.nanoTime() - start) / 1_000_000).as("ack time in ms").isLessThan(3000);
        assertThat(ack.statusCode()).isEqualTo(200);
        FakeSlackApi.Call post = slack.await(c -> c.method().equals("chat.postMessage"), Duration.ofSeconds(30));
        assertThat(post.form().get("channel")).isEqualTo("C1");
        assertThat(post.form().get("thread_ts")).isEqualTo("1700000000.000100");
        JsonNode blocks = JSON.readTree(post.form().get("blocks"));
        assertThat(blocks.get(0).get("type").asText()).isEqualTo("section");
        assertThat(blocks.toString()).contains("4,496,778");
    }

    @Test
    void a_retried_event_is_answered_once() throws Exception {
        String eventId = "Ev" + UUID.randomUUID();
        String body = mention(eventId, HENRIK, "<@UBOT> bookings this quarter");
        assertThat(signed(body, "application/json", null).statusCode()).isEqualTo(200);
        assertThat(signed(body, "application/json", "1").statusCode()).isEqualTo(200);
        assertThat(signed(body, "application/json", "2").statusCode()).isEqualTo(200);
        slack.await(c -> c.method().equals("chat.postMessage"), Duration.ofSeconds(30));
        Thread.sleep(1500);
        assertThat(slack.calls("chat.postMessage")).hasSize(1);
    }

    @Test
    void a_breakdown_also_uploads_a_png_chart_into_the_thread() throws Exception {
        signed(mention("Ev" + UUID.randomUUID(), HENRIK, "<@UBOT> bookings by region last quarter"), "application/json", null);
        FakeSlackApi.Call post = slack.await(c -> c.method().equals("chat.postMessage"), Duration.ofSeconds(30));
        assertThat(post.form().get("blocks")).contains("China").contains("Europe").contains("North America");
        FakeSlackApi.Call upload = slack.await(c -> c.path().startsWith("/upload/"), Duration.ofSeconds(30));
        byte[] png = upload.body();
        int at = indexOf(png, new byte[]{(byte) 0x89, 'P', 'N', 'G'});
        assertThat(at).as("PNG signature in the upload").isGreaterThanOrEqualTo(0);
        FakeSlackApi.Call complete = slack.await(c -> c.method().equals("files.completeUploadExternal"), Duration.ofSeconds(30));
        assertThat(complete.form().get("channel_id")).isEqualTo("C1");
        assertThat(complete.form().get("thread_ts")).isEqualTo("1700000000.000100");
    }

    @Test
    void a_slack_user_without_an_id_in_the_crm_is_matched_by_email_through_users_info() throws Exception {
        slack.email("ULUO", "luo.xiaodong@borealis-software.com");
        signed(directMessage("Ev" + UUID.randomUUID(), "ULUO", "bookings this quarter"), "application/json", null);
        FakeSlackApi.Call post = slack.await(c -> c.method().equals("chat.postMessage"), Duration.ofSeconds(30));
        assertThat(slack.calls("users.info")).isNotEmpty();
        assertThat(slack.calls("users.info").get(0).form().get("user")).isEqualTo("ULUO");
        double own = service.app().engine().execute(MetricQuery.builder("bookings", "luo.xiaodong@borealis-software.com")
                .period("this_quarter").build()).value();
        assertThat(post.form().get("blocks")).contains(Figures.format(own, "money", "USD", "en"));
        assertThat(post.form().get("channel")).isEqualTo("D1");
    }

    @Test
    void an_unmapped_slack_user_gets_a_polite_refusal() throws Exception {
        signed(directMessage("Ev" + UUID.randomUUID(), "UNOBODY", "bookings this quarter"), "application/json", null);
        FakeSlackApi.Call post = slack.await(c -> c.method().equals("chat.postMessage"), Duration.ofSeconds(30));
        assertThat(post.form().get("text")).startsWith("Sorry").contains("UNOBODY");
    }

    @Test
    void the_bot_s_own_messages_are_not_answered() throws Exception {
        String body = "{\"token\":\"t\",\"team_id\":\"T1\",\"api_app_id\":\"A1\",\"type\":\"event_callback\",\"event_id\":\"Ev"
                + UUID.randomUUID() + "\",\"event_time\":1700000000,\"event\":{\"type\":\"message\",\"channel_type\":\"im\","
                + "\"user\":\"UBOT\",\"bot_id\":\"BBOT\",\"text\":\"4,496,778\",\"ts\":\"1700000002.000100\",\"channel\":\"D1\"}}";
        assertThat(signed(body, "application/json", null).statusCode()).isEqualTo(200);
        Thread.sleep(1000);
        assertThat(slack.calls("chat.postMessage")).isEmpty();
    }

    // ------------------------------------------------------------------ helpers

    private static String command(String user, String text, String responseId) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("token", "legacy");
        f.put("team_id", "T1");
        f.put("team_domain", "borealis");
        f.put("channel_id", "C1");
        f.put("channel_name", "sales");
        f.put("user_id", user);
        f.put("user_name", "someone");
        f.put("command", "/sales");
        f.put("text", text);
        f.put("api_app_id", "A1");
        f.put("response_url", slack.responseUrl(responseId));
        f.put("trigger_id", "1.2.3");
        return f.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static String mention(String eventId, String user, String text) throws Exception {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "app_mention");
        event.put("user", user);
        event.put("text", text);
        event.put("ts", "1700000000.000100");
        event.put("channel", "C1");
        event.put("event_ts", "1700000000.000100");
        return envelope(eventId, event);
    }

    private static String directMessage(String eventId, String user, String text) throws Exception {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "message");
        event.put("channel_type", "im");
        event.put("user", user);
        event.put("text", text);
        event.put("ts", "1700000000.000300");
        event.put("channel", "D1");
        event.put("event_ts", "1700000000.000300");
        return envelope(eventId, event);
    }

    private static String envelope(String eventId, Map<String, Object> event) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", "legacy");
        body.put("team_id", "T1");
        body.put("api_app_id", "A1");
        body.put("event", event);
        body.put("type", "event_callback");
        body.put("event_id", eventId);
        body.put("event_time", 1700000000);
        return JSON.writeValueAsString(body);
    }

    private static HttpResponse<String> signed(String body, String type, String retryNum) {
        String ts = String.valueOf(System.currentTimeMillis() / 1000);
        return post(body, type, ts, new SlackSignature.Generator(SECRET).generate(ts, body), retryNum);
    }

    private static HttpResponse<String> post(String body, String type, String ts, String signature, String retryNum) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(service.baseUrl() + "/slack/events"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (ts != null) {
            b.header("X-Slack-Request-Timestamp", ts);
        }
        if (signature != null) {
            b.header("X-Slack-Signature", signature);
        }
        if (retryNum != null) {
            b.header("X-Slack-Retry-Num", retryNum).header("X-Slack-Retry-Reason", "http_timeout");
        }
        return service.send(b.build());
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
