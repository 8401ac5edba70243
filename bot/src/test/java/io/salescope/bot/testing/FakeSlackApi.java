package io.salescope.bot.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A fake Slack Web API on loopback (JDK HttpServer): answers the methods the app calls
 * ({@code auth.test}, {@code users.info}, {@code users.lookupByEmail}, {@code conversations.open},
 * {@code conversations.history}, {@code chat.postMessage}, the files.uploadV2 steps), takes
 * {@code response_url} posts at {@code /response/...}, and records every call. Every method
 * but {@code auth.test} waits {@link #delay} first, to prove the app acks before the Web API
 * answers.
 *
 * <p>Posted messages are kept per channel with their metadata and served back by
 * {@code conversations.history} (newest first, honouring {@code oldest}), as Slack does. The
 * next posts can be made to fail ({@link #failPosts}): a server error or an API error (nothing
 * posted), a rate limit (HTTP 429 with {@code Retry-After}, nothing posted), or posted but
 * answered too late ({@link Fault#POSTED_THEN_SLOW}) or never ({@link Fault#POSTED_THEN_HANG}),
 * which a client sees as a timeout or a crash while waiting.
 */
public final class FakeSlackApi implements AutoCloseable {

    public static final String BOT_USER = "UBOT";

    static {
        // The JDK server writes a response's headers and body separately; without TCP_NODELAY each
        // answer waits for a delayed ACK (about 40 ms on Linux), which would make the fake, not
        // the code under test, the bottleneck of timing tests and the benchmark.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** One recorded call: the path, the raw body, and its form fields when it was a form. */
    public record Call(String path, byte[] body, Map<String, String> form, long atNanos) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String method() {
            return path.startsWith("/api/") ? path.substring(5) : path;
        }
    }

    /** What the fake does to a {@code chat.postMessage}. */
    public enum Fault {
        /** No fault: posted and answered. */
        NONE,
        /** HTTP 500, nothing posted. */
        SERVER_ERROR,
        /** HTTP 200 with {@code ok: false, error: internal_error}, nothing posted. */
        API_ERROR,
        /** HTTP 429 with {@code Retry-After: 1}, nothing posted. */
        RATE_LIMITED,
        /** Posted, but the answer comes only after {@link #slowFor}. */
        POSTED_THEN_SLOW,
        /** Posted, and the answer never comes (until the fake is closed). */
        POSTED_THEN_HANG
    }

    /** A message in a channel's history. */
    public record Posted(String channel, String ts, String text, String blocks, List<String> keys, long atNanos) {
    }

    private final java.util.concurrent.ConcurrentLinkedQueue<Fault> faults = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final List<Posted> posted = new CopyOnWriteArrayList<>();
    private final Map<String, String> slackIdsByEmail = new ConcurrentHashMap<>();
    private final java.util.concurrent.CountDownLatch hung = new java.util.concurrent.CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicLong tsCounter = new java.util.concurrent.atomic.AtomicLong();
    private volatile Duration slowFor = Duration.ofSeconds(3);
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, String> emails = new ConcurrentHashMap<>();
    private volatile Duration delay = Duration.ZERO;

    public FakeSlackApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    public String apiUrl() {
        return base() + "/api/";
    }

    public String responseUrl(String id) {
        return base() + "/response/" + id;
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public FakeSlackApi delay(Duration d) {
        this.delay = d;
        return this;
    }

    /** The next {@code chat.postMessage} calls fail like this, one fault per call, in order. */
    public FakeSlackApi failPosts(Fault... next) {
        faults.addAll(List.of(next));
        return this;
    }

    /** How late a {@link Fault#POSTED_THEN_SLOW} post is answered. */
    public FakeSlackApi slowFor(Duration d) {
        this.slowFor = d;
        return this;
    }

    /** users.lookupByEmail finds this Slack user for this email. */
    public FakeSlackApi slackUser(String email, String slackUser) {
        slackIdsByEmail.put(email.toLowerCase(java.util.Locale.ROOT), slackUser);
        return this;
    }

    /** Every message posted (in the channels' histories), in order. */
    public List<Posted> posted() {
        return List.copyOf(posted);
    }

    /** The delivery keys of every posted message's metadata, in order, with repeats. */
    public List<String> postedKeys() {
        return posted.stream().flatMap(p -> p.keys().stream()).toList();
    }

    /** users.info answers this email for this Slack user. */
    public FakeSlackApi email(String slackUser, String email) {
        emails.put(slackUser, email);
        return this;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method) || c.path().startsWith("/" + method)).toList();
    }

    /** Waits until a call matches, failing after {@code timeout}. */
    public Call await(Predicate<Call> p, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            for (Call c : calls) {
                if (p.test(c)) {
                    return c;
                }
            }
            Thread.sleep(25);
        }
        throw new AssertionError("no matching Slack call within " + timeout + "; calls: "
                + calls.stream().map(Call::path).toList());
    }

    public void clear() {
        calls.clear();
        posted.clear();
        faults.clear();
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        String path = ex.getRequestURI().getPath();
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        Map<String, String> form = type != null && type.startsWith("application/x-www-form-urlencoded")
                ? form(new String(body, StandardCharsets.UTF_8)) : Map.of();
        calls.add(new Call(path, body, form, System.nanoTime()));
        if (!path.equals("/api/auth.test") && !delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (path.equals("/api/chat.postMessage")) {
            Fault fault = faults.poll();
            if (fault == Fault.SERVER_ERROR) {
                respond(ex, 500, "{\"ok\":false,\"error\":\"fatal_error\"}", null);
                return;
            }
            if (fault == Fault.RATE_LIMITED) {
                respond(ex, 429, "{\"ok\":false,\"error\":\"ratelimited\"}", "1");
                return;
            }
            if (fault == Fault.API_ERROR) {
                respond(ex, 200, "{\"ok\":false,\"error\":\"internal_error\"}", null);
                return;
            }
            String reply = post(form);
            try {
                if (fault == Fault.POSTED_THEN_SLOW) {
                    Thread.sleep(slowFor.toMillis());
                } else if (fault == Fault.POSTED_THEN_HANG) {
                    hung.await();
                    ex.close();
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(ex, 200, reply, null);
            return;
        }
        String reply = switch (path) {
            case "/api/auth.test" -> "{\"ok\":true,\"url\":\"https://x.slack.com/\",\"team\":\"Borealis\",\"user\":\"salescope\","
                    + "\"team_id\":\"T1\",\"user_id\":\"" + BOT_USER + "\",\"bot_id\":\"BBOT\"}";
            case "/api/users.info" -> usersInfo(form.get("user"));
            case "/api/users.lookupByEmail" -> lookupByEmail(form.get("email"));
            case "/api/conversations.open" -> "{\"ok\":true,\"channel\":{\"id\":\"D" + form.getOrDefault("users", "X")
                    + "\"}}";
            case "/api/conversations.history" -> history(form.get("channel"), form.get("oldest"));
            case "/api/files.getUploadURLExternal" -> "{\"ok\":true,\"upload_url\":\"" + base() + "/upload/F1\",\"file_id\":\"F1\"}";
            case "/api/files.completeUploadExternal" -> "{\"ok\":true,\"files\":[{\"id\":\"F1\",\"title\":\"chart\"}]}";
            case "/api/files.info" -> "{\"ok\":true,\"file\":{\"id\":\"F1\",\"name\":\"chart.png\"}}";
            default -> path.startsWith("/api/") ? "{\"ok\":false,\"error\":\"unknown_method\"}" : "ok";
        };
        respond(ex, 200, reply, null);
    }

    private static void respond(HttpExchange ex, int status, String reply, String retryAfter) throws IOException {
        byte[] out = reply.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", reply.startsWith("{") ? "application/json; charset=utf-8" : "text/plain");
        if (retryAfter != null) {
            ex.getResponseHeaders().set("Retry-After", retryAfter);
        }
        ex.sendResponseHeaders(status, out.length);
        ex.getResponseBody().write(out);
        ex.close();
    }

    /** Keeps the message in its channel's history; the answer Slack gives. */
    private String post(Map<String, String> form) throws IOException {
        String channel = form.getOrDefault("channel", "C1");
        long micros = java.time.Instant.now().toEpochMilli() * 1000 + tsCounter.incrementAndGet() % 1000;
        String ts = String.format("%d.%06d", micros / 1_000_000, micros % 1_000_000);
        List<String> keys = new java.util.ArrayList<>();
        String metadata = form.get("metadata");
        if (metadata != null) {
            var keysNode = JSON.readTree(metadata).path("event_payload").path("keys");
            keysNode.forEach(k -> keys.add(k.asText()));
        }
        posted.add(new Posted(channel, ts, form.get("text"), form.get("blocks"), List.copyOf(keys), System.nanoTime()));
        return "{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"" + ts + "\"}";
    }

    private String history(String channel, String oldest) throws IOException {
        double from = oldest == null ? 0 : Double.parseDouble(oldest);
        var messages = JSON.createArrayNode();
        List<Posted> mine = posted.stream().filter(p -> p.channel().equals(channel) && Double.parseDouble(p.ts()) >= from).toList();
        for (int i = mine.size() - 1; i >= 0; i--) {
            Posted p = mine.get(i);
            var m = messages.addObject();
            m.put("type", "message");
            m.put("ts", p.ts());
            m.put("text", p.text());
            if (!p.keys().isEmpty()) {
                var md = m.putObject("metadata");
                md.put("event_type", "salescope_delivery");
                var keys = md.putObject("event_payload").putArray("keys");
                p.keys().forEach(keys::add);
            }
        }
        var out = JSON.createObjectNode();
        out.put("ok", true);
        out.set("messages", messages);
        out.put("has_more", false);
        return JSON.writeValueAsString(out);
    }

    private String lookupByEmail(String email) {
        String id = email == null ? null : slackIdsByEmail.get(email.toLowerCase(java.util.Locale.ROOT));
        return id == null ? "{\"ok\":false,\"error\":\"users_not_found\"}"
                : "{\"ok\":true,\"user\":{\"id\":\"" + id + "\",\"profile\":{\"email\":\"" + email + "\"}}}";
    }

    private String usersInfo(String user) {
        String email = user == null ? null : emails.get(user);
        if (email == null) {
            return "{\"ok\":true,\"user\":{\"id\":\"" + user + "\",\"profile\":{\"email\":\"nobody@example.org\"}}}";
        }
        return "{\"ok\":true,\"user\":{\"id\":\"" + user + "\",\"profile\":{\"email\":\"" + email + "\"}}}";
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int i = pair.indexOf('=');
            String k = URLDecoder.decode(i < 0 ? pair : pair.substring(0, i), StandardCharsets.UTF_8);
            String v = i < 0 ? "" : URLDecoder.decode(pair.substring(i + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    @Override
    public void close() {
        hung.countDown();
        server.stop(0);
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
