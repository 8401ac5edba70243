package io.salescope.bot.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salescope.bot.auth.Authenticator;
import io.salescope.bot.service.QuestionInterpreter;
import io.salescope.bot.slack.SlackSettings;
import io.salescope.bot.web.BotApplication;
import io.salescope.core.config.SalescopeConfig;
import io.salescope.warehouse.query.MetricEngine;
import io.salescope.warehouse.query.UserInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Function;

/**
 * The whole service on a free loopback port over a published warehouse, with an HTTP client
 * to talk to it. Close it when done.
 */
public final class TestService implements AutoCloseable {

    public static final LocalDate TODAY = LocalDate.parse("2026-06-30");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BotApplication app;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestService(BotApplication app) {
        this.app = app;
    }

    public static SalescopeConfig config(Path data) {
        return SalescopeConfig.defaults().withDataDir(data.toString()).withToday(TODAY);
    }

    public static TestService start(Path data, Function<MetricEngine, QuestionInterpreter> interpreters,
                                    Optional<SlackSettings> slack) {
        BotApplication app = BotApplication.start(new BotApplication.Settings(config(data), "127.0.0.1", 0, slack,
                Authenticator.DEFAULT_CACHE), interpreters);
        return new TestService(app);
    }

    /** With reminders wired to {@code clock} (the scheduler's loop off unless {@code reminders} enable it). */
    public static TestService start(Path data, Function<MetricEngine, QuestionInterpreter> interpreters,
                                    Optional<SlackSettings> slack, io.salescope.bot.reminders.ReminderSettings reminders,
                                    java.time.Clock clock) {
        BotApplication app = BotApplication.start(new BotApplication.Settings(config(data), "127.0.0.1", 0, slack,
                Authenticator.DEFAULT_CACHE, reminders, clock), interpreters);
        return new TestService(app);
    }

    public static TestService start(Path data) {
        return start(data, e -> new ScriptedInterpreter(), Optional.empty());
    }

    public BotApplication app() {
        return app;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + app.port();
    }

    /** A fresh 30-day token for the user with this email. */
    public String tokenFor(String email) {
        UserInfo u = app.engine().user(email).orElseThrow();
        return app.tokens().issue(u.userId(), u.email(), Duration.ofDays(30), "test").token();
    }

    public HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(60)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    public HttpResponse<String> post(String path, String token, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    public HttpResponse<String> ask(String token, String question) {
        try {
            return post("/api/ask", token, JSON.writeValueAsBytes(java.util.Map.of("question", question)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + r.statusCode() + "): " + r.body(), e);
        }
    }

    @Override
    public void close() {
        app.close();
    }
}
