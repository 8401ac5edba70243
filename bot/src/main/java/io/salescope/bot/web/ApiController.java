package io.salescope.bot.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.salescope.bot.ops.NotificationStore;
import io.salescope.bot.service.AskOutcome;
import io.salescope.core.SalescopeException;
import io.salescope.warehouse.catalog.MetricCatalog;
import io.salescope.warehouse.query.UserInfo;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** Login, questions, the catalog and notifications. */
final class ApiController {

    static final String USER = "salescope.user";

    private static final ObjectMapper MAPPER = BotServer.jsonMapper();

    private final ServiceDependencies deps;

    ApiController(ServiceDependencies deps) {
        this.deps = requireNonNull(deps, "deps is null");
    }

    /** Before every /api/ request but the health check: the caller's user, or 401. */
    void authenticate(io.javalin.http.Context ctx) {
        if (ctx.path().equals("/api/health") || ctx.method().name().equals("OPTIONS")) {
            return;
        }
        ctx.attribute(USER, deps.authenticator().authenticate(ctx.header("Authorization")));
    }

    static UserInfo user(Context ctx) {
        UserInfo u = ctx.attribute(USER);
        if (u == null) {
            throw new IllegalStateException("no user on an authenticated route " + ctx.path());
        }
        return u;
    }

    void health(Context ctx) {
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            long version = deps.engine().version();
            out.put("status", "ok");
            out.put("warehouse_version", version);
        } catch (SalescopeException e) {
            out.put("status", "no_data");
            out.put("warehouse_version", null);
            out.put("message", e.getMessage());
            ctx.status(503);
        }
        out.put("today", deps.today().get().toString());
        out.put("slack", deps.slackEvents() != null);
        ctx.json(out);
    }

    void me(Context ctx) {
        UserInfo u = user(ctx);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("user_id", u.userId());
        out.put("name", u.name());
        out.put("email", u.email());
        out.put("role", u.role());
        out.put("team", u.teamName());
        out.put("region", u.region());
        out.put("locale", u.locale());
        out.put("today", deps.today().get().toString());
        out.put("warehouse_version", deps.engine().version());
        ctx.json(out);
    }

    void ask(Context ctx) {
        UserInfo user = user(ctx);
        String question = question(ctx.bodyAsBytes());
        AskOutcome outcome = deps.ask().ask(question, user, "web");
        if (outcome instanceof AskOutcome.Answered a) {
            ctx.json(a.response());
        } else if (outcome instanceof AskOutcome.Handled h) {
            ctx.json(h.reply().toJson());
        } else if (outcome instanceof AskOutcome.Refused r) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("error", "forbidden");
            out.put("language", r.language());
            out.put("understood", true);
            out.put("answer", r.message());
            out.put("message", r.message());
            ctx.status(403).json(out);
        } else if (outcome instanceof AskOutcome.CannotAnswer c) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("error", "cannot_answer");
            out.put("language", c.language());
            out.put("understood", true);
            out.put("answer", c.message());
            out.put("message", c.message());
            out.put("options", c.choices());
            ctx.status(422).json(out);
        }
    }

    /** The question of a request body {"question": "..."}, or a 400 saying what is wrong. */
    static String question(byte[] body) {
        if (body.length == 0) {
            throw new BadRequestException("missing_body", "send a JSON body such as {\"question\": \"win rate this quarter\"}",
                    "请发送 JSON 请求体，例如 {\"question\": \"本季度赢单率\"}");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new BadRequestException("not_utf8", "the request body is not UTF-8 text; send JSON in UTF-8",
                    "请求体不是 UTF-8 文本；请以 UTF-8 发送 JSON");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadRequestException("malformed_json", "the request body is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                    + "); send {\"question\": \"...\"}", "请求体不是有效的 JSON；请发送 {\"question\": \"...\"}");
        }
        if (node == null || !node.isObject()) {
            throw new BadRequestException("malformed_json", "the request body must be a JSON object {\"question\": \"...\"}",
                    "请求体必须是 JSON 对象 {\"question\": \"...\"}");
        }
        JsonNode q = node.get("question");
        if (q == null || q.isNull()) {
            return null;
        }
        if (!q.isTextual()) {
            throw new BadRequestException("malformed_json", "\"question\" must be a string",
                    "\"question\" 必须是字符串");
        }
        return q.textValue();
    }

    void metrics(Context ctx) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (MetricCatalog.Metric m : deps.engine().catalog().metrics()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", m.name());
            e.put("label", m.label());
            e.put("unit", m.unit());
            e.put("definition", m.definition());
            e.put("dimensions", m.dimensions());
            e.put("default_period", m.defaultPeriod());
            e.put("takes_period", m.takesPeriod());
            out.add(e);
        }
        ctx.json(Map.of("metrics", out));
    }

    void notifications(Context ctx) {
        List<NotificationStore.Notification> list = deps.notifications().latest(user(ctx).userId(), 50);
        ctx.json(Map.of("notifications", list, "unread", list.stream().filter(n -> n.readAt() == null).count()));
    }

    void markRead(Context ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new BadRequestException("bad_id", "the notification id must be a number", "通知编号必须是数字");
        }
        if (!deps.notifications().markRead(user(ctx).userId(), id, Instant.now())) {
            ctx.status(404).json(ApiError.of("not_found", "you have no notification " + id));
            return;
        }
        ctx.json(Map.of("id", id, "read", true));
    }
}
