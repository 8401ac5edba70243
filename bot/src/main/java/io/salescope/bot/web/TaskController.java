package io.salescope.bot.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.salescope.bot.chat.TaskChat;
import io.salescope.bot.reminders.Recipient;
import io.salescope.bot.reminders.ReminderPlanner;
import io.salescope.bot.reminders.Reminders;
import io.salescope.bot.service.AskOutcome;
import io.salescope.bot.tasks.SnoozeOption;
import io.salescope.bot.tasks.Task;
import io.salescope.bot.tasks.TaskException;
import io.salescope.warehouse.query.MetricEngine;
import io.salescope.warehouse.query.UserInfo;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Tasks on the web page and for scripts: list, create (with the chat's names, dates and
 * permissions), mark done, snooze. Changes are laid over the CRM's tasks exactly as the Slack
 * buttons' are.
 */
final class TaskController {

    private static final ObjectMapper MAPPER = BotServer.jsonMapper();

    private final Reminders reminders;
    private final TaskChat chat;
    private final MetricEngine engine;
    private final ReminderPlanner planner;

    TaskController(Reminders reminders, TaskChat chat, MetricEngine engine) {
        this.reminders = requireNonNull(reminders, "reminders is null");
        this.chat = requireNonNull(chat, "chat is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.planner = new ReminderPlanner(reminders.settings());
    }

    /** {@code GET /api/tasks?scope=mine|team&overdue=true}: open tasks, by due date. */
    void list(Context ctx) {
        UserInfo user = ApiController.user(ctx);
        String scope = Optional.ofNullable(ctx.queryParam("scope")).orElse("mine");
        if (!scope.equals("mine") && !scope.equals("team")) {
            throw new BadRequestException("bad_scope", "scope must be mine or team", "scope 只能是 mine 或 team");
        }
        boolean overdue = "true".equalsIgnoreCase(ctx.queryParam("overdue"));
        String lang = BotServer.language(ctx);
        outcome(ctx, chat.list(user, scope.equals("team"), overdue, lang), 200);
    }

    /** {@code POST /api/tasks {"subject", "assignee"?, "due"?}}: 201 with the task. */
    void create(Context ctx) {
        UserInfo user = ApiController.user(ctx);
        JsonNode body = body(ctx);
        String subject = text(body, "subject");
        if (subject == null || subject.isBlank()) {
            throw new BadRequestException("missing_subject", "give the task in \"subject\", e.g. {\"subject\": \"call ACME\"}",
                    "请在 \"subject\" 中写任务内容");
        }
        String lang = io.salescope.bot.service.AskService.guessLanguage(subject);
        outcome(ctx, chat.create(user, text(body, "assignee"), subject, text(body, "due"), lang, "web", null), 201);
    }

    /** {@code POST /api/tasks/{id}/done}. */
    void done(Context ctx) {
        UserInfo user = ApiController.user(ctx);
        Task t = guarded(ctx, () -> reminders.tasks().done(user, ctx.pathParam("id"), reminders.clock().instant(), "web"));
        if (t != null) {
            ctx.json(Map.of("task_id", t.taskId(), "open", t.open()));
        }
    }

    /** {@code POST /api/tasks/{id}/snooze {"for": "1h"|"1d"}}: when the reminder comes back. */
    void snooze(Context ctx) {
        UserInfo user = ApiController.user(ctx);
        String option = text(body(ctx), "for");
        SnoozeOption o = SnoozeOption.parse(option).orElseThrow(() -> new BadRequestException("bad_snooze",
                "\"for\" must be 1h or 1d", "\"for\" 只能是 1h 或 1d"));
        String id = ctx.pathParam("id");
        Instant now = reminders.clock().instant();
        Task t = guarded(ctx, () -> {
            Task found = reminders.tasks().find(id).orElseThrow(() -> new TaskException(TaskException.Kind.NOT_FOUND,
                    "There is no open task " + id + ".", "没有未完成的任务 " + id + "。"));
            Recipient owner = owner(found);
            return reminders.tasks().snooze(user, id, o, now, owner == null ? reminders.settings().defaultZone() : owner.zone(), "web");
        });
        if (t != null) {
            Recipient owner = owner(t);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("task_id", t.taskId());
            out.put("reminded_again_at", owner == null ? null : planner.snoozedUntil(t, owner).map(Instant::toString).orElse(null));
            ctx.json(out);
        }
    }

    private Recipient owner(Task t) {
        return reminders.recipients().people(engine.user(t.ownerId()).map(List::of).orElse(List.of())).get(t.ownerId());
    }

    private interface TaskWork {
        Task run();
    }

    private static Task guarded(Context ctx, TaskWork work) {
        try {
            return work.run();
        } catch (TaskException e) {
            String code = switch (e.kind()) {
                case FORBIDDEN -> "forbidden";
                case NOT_FOUND -> "not_found";
                case INVALID -> "invalid";
            };
            ctx.status(e.kind().status()).json(ApiError.of(code, e.getMessage(), e.messageZh()));
            return null;
        }
    }

    private static void outcome(Context ctx, AskOutcome outcome, int okStatus) {
        if (outcome instanceof AskOutcome.Handled h) {
            ctx.status(okStatus).json(h.reply().toJson());
        } else if (outcome instanceof AskOutcome.Refused r) {
            ctx.status(403).json(ApiError.of("forbidden", r.message(), "zh".equals(r.language()) ? r.message() : null));
        } else if (outcome instanceof AskOutcome.CannotAnswer c) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("error", "cannot_do");
            out.put("message", c.message());
            out.put("options", c.choices());
            ctx.status(422).json(out);
        } else {
            throw new IllegalStateException("unexpected outcome " + outcome);
        }
    }

    private static JsonNode body(Context ctx) {
        byte[] raw = ctx.bodyAsBytes();
        if (raw.length == 0) {
            throw new BadRequestException("missing_body", "send a JSON object", "请发送 JSON 对象");
        }
        try {
            JsonNode n = MAPPER.readTree(raw);
            if (n == null || !n.isObject()) {
                throw new BadRequestException("malformed_json", "the body must be a JSON object", "请求体必须是 JSON 对象");
            }
            return n;
        } catch (IOException e) {
            throw new BadRequestException("malformed_json", "the body is not valid JSON", "请求体不是有效的 JSON");
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new BadRequestException("malformed_json", "\"" + field + "\" must be a string", "\"" + field + "\" 必须是字符串");
        }
        return v.textValue();
    }
}
