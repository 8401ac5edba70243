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
 * ({@code auth.test}, {@code users.info}, {@code chat.postMessage}, the files.uploadV2 steps),
 * takes {@code response_url} posts at {@code /response/...}, and records every call. Every
 * method but {@code auth.test} waits {@link #delay} first, to prove the app acks before the
 * Web API answers.
 */
public final class FakeSlackApi implements AutoCloseable {

    public static final String BOT_USER = "UBOT";

    /** One recorded call: the path, the raw body, and its form fields when it was a form. */
    public record Call(String path, byte[] body, Map<String, String> form, long atNanos) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String method() {
            return path.startsWith("/api/") ? path.substring(5) : path;
        }
    }

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
        String reply = switch (path) {
            case "/api/auth.test" -> "{\"ok\":true,\"url\":\"https://x.slack.com/\",\"team\":\"Borealis\",\"user\":\"salescope\","
                    + "\"team_id\":\"T1\",\"user_id\":\"" + BOT_USER + "\",\"bot_id\":\"BBOT\"}";
            case "/api/users.info" -> usersInfo(form.get("user"));
            case "/api/chat.postMessage" -> "{\"ok\":true,\"channel\":\"" + form.getOrDefault("channel", "C1")
                    + "\",\"ts\":\"1700000001.000200\"}";
            case "/api/files.getUploadURLExternal" -> "{\"ok\":true,\"upload_url\":\"" + base() + "/upload/F1\",\"file_id\":\"F1\"}";
            case "/api/files.completeUploadExternal" -> "{\"ok\":true,\"files\":[{\"id\":\"F1\",\"title\":\"chart\"}]}";
            case "/api/files.info" -> "{\"ok\":true,\"file\":{\"id\":\"F1\",\"name\":\"chart.png\"}}";
            default -> path.startsWith("/api/") ? "{\"ok\":false,\"error\":\"unknown_method\"}" : "ok";
        };
        byte[] out = reply.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", reply.startsWith("{") ? "application/json; charset=utf-8" : "text/plain");
        ex.sendResponseHeaders(200, out.length);
        ex.getResponseBody().write(out);
        ex.close();
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
        server.stop(0);
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
