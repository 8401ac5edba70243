package io.salescope.bot.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.salescope.bot.auth.UnauthorizedException;
import io.salescope.bot.service.AskService;
import io.salescope.bot.service.BadQuestionException;
import io.salescope.core.SalescopeException;
import io.salescope.warehouse.query.PermissionException;
import io.salescope.warehouse.query.QueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * The salescope web service: the HTTP API, the web page (chat and dashboard) and the Slack
 * app's request URL, on one Javalin server.
 *
 * <p>Every response carries security headers; every error is JSON ({@link ApiError}) and
 * never holds a stack trace; request bodies are limited to {@value #MAX_REQUEST_BYTES} bytes;
 * the access log has method, path (never the query string, which may hold a token), status
 * and time, never headers.
 */
public final class BotServer {

    private static final Logger LOG = LoggerFactory.getLogger(BotServer.class);
    private static final Logger ACCESS = LoggerFactory.getLogger("io.salescope.bot.access");

    public static final int MAX_REQUEST_BYTES = 64 * 1024;

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private BotServer() {
    }

    /** The JSON mapper of the API: snake_case names, ISO dates, compact. */
    public static ObjectMapper jsonMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /** A server (not started) over {@code deps}. */
    public static Javalin create(ServiceDependencies deps) {
        ApiController api = new ApiController(deps);
        DashboardController dashboard = new DashboardController(deps);
        TaskController tasks = new TaskController(deps.reminders(), deps.chat().commands(), deps.engine());
        return Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(jsonMapper(), false));
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.http.defaultContentType = "application/json";
            config.startup.showJavalinBanner = false;
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/web";
                files.location = Location.CLASSPATH;
            });
            config.staticFiles.enableWebjars();
            config.requestLogger.http(BotServer::logRequest);

            config.routes.before(BotServer::securityHeaders);
            config.routes.before("/api/*", api::authenticate);

            config.routes.get("/api/health", api::health);
            config.routes.get("/api/me", api::me);
            config.routes.post("/api/ask", api::ask);
            config.routes.get("/api/metrics", api::metrics);
            config.routes.get("/api/notifications", api::notifications);
            config.routes.post("/api/notifications/{id}/read", api::markRead);
            config.routes.get("/api/tasks", tasks::list);
            config.routes.post("/api/tasks", tasks::create);
            config.routes.post("/api/tasks/{id}/done", tasks::done);
            config.routes.post("/api/tasks/{id}/snooze", tasks::snooze);
            config.routes.get("/api/dashboard/funnel", dashboard::funnel);
            config.routes.get("/api/dashboard/bookings-vs-quota", dashboard::bookingsVsQuota);
            config.routes.get("/api/dashboard/forecast", dashboard::forecast);
            config.routes.get("/api/dashboard/pipeline-by-stage", dashboard::pipelineByStage);
            config.routes.post("/slack/events", deps.slackEvents() != null ? deps.slackEvents() : BotServer::slackOff);

            config.routes.exception(UnauthorizedException.class, (e, ctx) -> ctx.status(401)
                    .header("WWW-Authenticate", "Bearer realm=\"salescope\"")
                    .json(ApiError.of(e.code(), e.getMessage())));
            config.routes.exception(BadQuestionException.class, (e, ctx) -> ctx.status(400)
                    .json(ApiError.of(e.code(), e.getMessage(), e.messageZh())));
            config.routes.exception(BadRequestException.class, (e, ctx) -> ctx.status(400)
                    .json(ApiError.of(e.code(), e.getMessage(), e.messageZh())));
            config.routes.exception(PermissionException.class, (e, ctx) -> ctx.status(403)
                    .json(ApiError.of("forbidden", e.getMessage(), e.messageZh())));
            config.routes.exception(QueryException.class, (e, ctx) -> ctx.status(400)
                    .json(ApiError.of("bad_query", e.getMessage())));
            config.routes.exception(HttpResponseException.class, BotServer::httpError);
            config.routes.exception(SalescopeException.class, (e, ctx) -> {
                LOG.warn("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
                ctx.status(503).json(ApiError.of("unavailable", e.getMessage()));
            });
            config.routes.exception(Exception.class, BotServer::unexpected);
            config.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    ctx.json(ApiError.of("not_found", "no such page or endpoint: " + ctx.method() + " " + ctx.path()));
                }
            });
            config.routes.error(405, ctx -> ctx.json(ApiError.of("method_not_allowed",
                    ctx.method() + " is not allowed on " + ctx.path())));
        });
    }

    private static void securityHeaders(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        ctx.header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        if (ctx.path().startsWith("/api/") || ctx.path().startsWith("/slack/")) {
            ctx.header("Cache-Control", "no-store");
        }
    }

    private static void slackOff(Context ctx) {
        ctx.status(404).json(ApiError.of("slack_disabled",
                "the Slack app is off: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET and restart the service"));
    }

    private static void httpError(HttpResponseException e, Context ctx) {
        int status = e.getStatus();
        String code = switch (status) {
            case 413 -> "too_large";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            default -> "http_" + status;
        };
        String message = status == 413
                ? "the request body is larger than " + MAX_REQUEST_BYTES / 1024 + " kB"
                : e.getMessage();
        ctx.status(status).json(ApiError.of(code, message));
    }

    private static void unexpected(Exception e, Context ctx) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        LOG.error("error {} on {} {}", id, ctx.method(), ctx.path(), e);
        ctx.status(500).json(new ApiError("internal_error",
                "something went wrong on our side; report error id " + id + " to your administrator",
                "服务内部出错；请把错误编号 " + id + " 告诉管理员", id));
    }

    private static void logRequest(Context ctx, Float ms) {
        ACCESS.info("{} {} {} {}ms", ctx.method(), ctx.path(), ctx.statusCode(), String.format("%.1f", ms));
    }

    /** "zh" or "en" for a request's error messages: the UI's language header, else English. */
    static String language(Context ctx) {
        String lang = ctx.header("Accept-Language");
        return lang != null && lang.toLowerCase(java.util.Locale.ROOT).startsWith("zh") ? "zh" : "en";
    }

    static String guessLanguage(String text) {
        return AskService.guessLanguage(text);
    }
}
