package io.salescope.bot.chat;

import com.slack.api.model.block.LayoutBlock;
import io.salescope.bot.digest.Digests;
import io.salescope.bot.digest.Report;
import io.salescope.bot.nlp.DueDates;
import io.salescope.bot.nlp.PeopleNames;
import io.salescope.bot.nlp.TaskRequests;
import io.salescope.bot.reminders.Recipients;
import io.salescope.bot.reminders.ReminderMessages;
import io.salescope.bot.reminders.ReminderSettings;
import io.salescope.bot.reminders.WorkingHours;
import io.salescope.bot.service.AskOutcome;
import io.salescope.bot.service.ChatCommands;
import io.salescope.bot.service.ChatReply;
import io.salescope.bot.slack.SlackMessages;
import io.salescope.bot.tasks.Task;
import io.salescope.bot.tasks.TaskBook;
import io.salescope.bot.tasks.TaskException;
import io.salescope.bot.tasks.Times;
import io.salescope.warehouse.query.MetricEngine;
import io.salescope.warehouse.query.UserInfo;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static java.util.Objects.requireNonNull;

/**
 * The task and report commands of the chat (Slack and the web page's {@code /api/ask}):
 * creating and assigning tasks, "my tasks", "overdue tasks for my team", the daily digest and
 * the weekly report on demand. Names are read with {@link PeopleNames}, due dates with
 * {@link DueDates} in the writer's zone (no date: the end of the next working day);
 * permissions are {@link TaskBook}'s (403 when refused).
 */
public final class TaskChat implements ChatCommands {

    /** At most this many tasks are listed (and this many with buttons in Slack). */
    static final int MAX_LISTED = 20;
    static final int MAX_BUTTONS = 10;

    private final TaskBook tasks;
    private final MetricEngine engine;
    private final Recipients recipients;
    private final ReminderSettings settings;
    private final Digests digests;
    private final ReminderMessages messages;
    private final AssignmentNotices notices;
    private final Clock clock;
    private final AtomicReference<Map.Entry<Long, PeopleNames>> peopleNames = new AtomicReference<>();

    public TaskChat(TaskBook tasks, MetricEngine engine, Recipients recipients, ReminderSettings settings, Digests digests,
                    ReminderMessages messages, AssignmentNotices notices, Clock clock) {
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.recipients = requireNonNull(recipients, "recipients is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.digests = requireNonNull(digests, "digests is null");
        this.messages = requireNonNull(messages, "messages is null");
        this.notices = requireNonNull(notices, "notices is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public Optional<AskOutcome> handle(String text, UserInfo asker, String via) {
        Optional<TaskRequests.Request> request = TaskRequests.read(text);
        if (request.isEmpty()) {
            return Optional.empty();
        }
        TaskRequests.Request r = request.get();
        if (r instanceof TaskRequests.Assign a) {
            return Optional.of(assign(a, asker, via, text));
        }
        if (r instanceof TaskRequests.ListTasks l) {
            return Optional.of(list(l, asker));
        }
        return Optional.of(report((TaskRequests.Report) r, asker));
    }

    /** A refusal (403) or "cannot do that" (422) in {@code lang} for a task request the book turned down. */
    private static AskOutcome refused(TaskException e, String lang) {
        return e.kind() == TaskException.Kind.FORBIDDEN
                ? new AskOutcome.Refused(lang, e.message(lang))
                : new AskOutcome.CannotAnswer(lang, e.message(lang), List.of());
    }

    private AskOutcome assign(TaskRequests.Assign a, UserInfo asker, String via, String text) {
        return create(asker, a.assignee(), a.rest(), null, a.language(), via, text);
    }

    /**
     * Creates a task: for the person {@code assignee} names (null: the writer), doing
     * {@code what}, due when {@code due} says (null: when {@code what} says, else the end of
     * the next working day). Refused (403) when the writer may not give that person tasks.
     */
    public AskOutcome create(UserInfo asker, String assigneeText, String what, String due, String lang, String via,
                             String text) {
        boolean zh = "zh".equals(lang);
        UserInfo assignee = asker;
        if (assigneeText != null && !assigneeText.isBlank()) {
            PeopleNames.Match m = people().find(assigneeText);
            if (m.people().isEmpty()) {
                List<String> choices = m.suggestions().stream().map(u -> u.name() + " <" + u.email() + ">").toList();
                return new AskOutcome.CannotAnswer(lang, zh ? "我不认识叫“" + assigneeText + "”的人" + (choices.isEmpty() ? "。" : "，你是指："
                        + String.join("、", choices) + "？") : "I don't know anyone called \"" + assigneeText + "\""
                        + (choices.isEmpty() ? "." : "; did you mean " + String.join(" or ", choices) + "?"), choices);
            }
            if (m.people().size() > 1) {
                List<String> choices = m.people().stream().map(u -> u.name() + " <" + u.email() + ">").toList();
                return new AskOutcome.CannotAnswer(lang, zh ? "“" + assigneeText + "”可能是几个人，请写全名或邮箱："
                        + String.join("、", choices) : "\"" + assigneeText + "\" could be several people; write the full name"
                        + " or the email: " + String.join(", ", choices), choices);
            }
            assignee = m.people().get(0);
        }
        Instant now = clock.instant();
        ZoneId zone = recipients.zone(asker);
        ZonedDateTime local = now.atZone(zone);
        WorkingHours hours = settings.workingHours();
        String rest = what == null ? "" : what.strip();
        Optional<ZonedDateTime> dueAt;
        String subject;
        if (due != null && !due.isBlank()) {
            dueAt = parseDue(due, local, hours);
            if (dueAt.isEmpty()) {
                return new AskOutcome.CannotAnswer(lang, zh ? "看不懂截止时间“" + due + "”；可以写“周五”“明天下午三点”或 2026-07-03T15:00:00+02:00。"
                        : "I can't read the due time \"" + due + "\"; write e.g. \"Friday\", \"tomorrow 3pm\" or 2026-07-03T15:00:00+02:00.",
                        List.of());
            }
            subject = rest;
        } else {
            Optional<DueDates.Due> found = DueDates.find(rest, local, hours.end(), hours::isWorkingDay);
            dueAt = found.map(DueDates.Due::at);
            subject = found.map(d -> TaskRequests.subjectWithout(rest, d.start(), d.end())).orElse(rest);
        }
        boolean defaulted = dueAt.isEmpty();
        Instant when = dueAt.orElseGet(() -> DueDates.defaultDue(local, hours.end(), hours::isWorkingDay)).toInstant();
        Task t;
        try {
            t = tasks.create(asker, assignee, subject, when, now, via, text);
        } catch (TaskException e) {
            return refused(e, lang);
        }
        notices.notify(t, asker, assignee);
        String whenText = Times.absolute(t.dueAt(), recipients.zone(assignee), lang);
        boolean self = assignee.userId().equals(asker.userId());
        String reply = zh
                ? "已创建任务 " + t.taskId() + (self ? "" : "，负责人 " + assignee.name()) + "：“" + t.subject() + "”，截止 " + whenText
                    + (defaulted ? "（未写截止时间，默认下一个工作日下班前）" : "") + "。"
                : "Created task " + t.taskId() + (self ? "" : " for " + assignee.name()) + ": \"" + t.subject() + "\", due "
                    + whenText + (defaulted ? " (no due date given: the end of the next working day)" : "") + ".";
        String mrkdwn = SlackMessages.escape(reply);
        return new AskOutcome.Handled(new ChatReply(lang, "task_created", reply, List.of(line(t, names())),
                List.of(section(s -> s.text(markdownText(":white_check_mark: " + mrkdwn)))), null, null));
    }

    private static Optional<ZonedDateTime> parseDue(String due, ZonedDateTime now, WorkingHours hours) {
        try {
            return Optional.of(java.time.OffsetDateTime.parse(due.strip()).atZoneSameInstant(now.getZone()));
        } catch (java.time.format.DateTimeParseException e) {
            return DueDates.find(due, now, hours.end(), hours::isWorkingDay).map(DueDates.Due::at);
        }
    }

    /** The reply of a task list, as the chat gives it ("my tasks", "overdue tasks for my team"). */
    public AskOutcome list(UserInfo asker, boolean team, boolean overdueOnly, String language) {
        return list(new TaskRequests.ListTasks(language, team, overdueOnly), asker);
    }

    private AskOutcome list(TaskRequests.ListTasks l, UserInfo asker) {
        String lang = l.language();
        boolean zh = "zh".equals(lang);
        Optional<Set<String>> scope;
        if (l.team()) {
            if (!asker.isManager() && !asker.isExecutiveOrAdmin()) {
                return new AskOutcome.Refused(lang, zh ? "作为销售代表，你只能查看自己的任务；可以问“我的任务”。"
                        : "As a rep you can see only your own tasks; ask \"my tasks\".");
            }
            scope = tasks.warehouse().visibleOwners(asker);
        } else {
            scope = Optional.of(Set.of(asker.userId()));
        }
        Instant now = clock.instant();
        List<Task> open = tasks.openTasksOf(scope);
        List<Task> shown = l.overdueOnly() ? open.stream().filter(t -> t.overdueAt(now)).toList() : open;
        long overdue = open.stream().filter(t -> t.overdueAt(now)).count();
        String whose = l.team() ? (zh ? "你的团队" : "Your team") : (zh ? "你" : "You");
        String head;
        if (l.overdueOnly()) {
            head = zh ? whose + "有 " + shown.size() + " 个逾期任务" + (shown.isEmpty() ? "。" : "：")
                    : whose + (l.team() ? " has " : " have ") + shown.size() + " overdue task" + (shown.size() == 1 ? "" : "s")
                    + (shown.isEmpty() ? "." : ":");
        } else {
            head = zh ? whose + "有 " + shown.size() + " 个未完成任务（其中 " + overdue + " 个逾期）" + (shown.isEmpty() ? "。" : "：")
                    : whose + (l.team() ? " has " : " have ") + shown.size() + " open task" + (shown.size() == 1 ? "" : "s")
                    + " (" + overdue + " overdue)" + (shown.isEmpty() ? "." : ":");
        }
        Map<String, UserInfo> people = names();
        ZoneId zone = recipients.zone(asker);
        StringBuilder text = new StringBuilder(head);
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(SlackMessages.escape(head)))));
        List<ChatReply.TaskLine> lines = new ArrayList<>();
        for (int i = 0; i < shown.size() && i < MAX_LISTED; i++) {
            Task t = shown.get(i);
            String owner = l.team() && people.containsKey(t.ownerId()) ? people.get(t.ownerId()).name() : null;
            String line = taskLine(t, owner, zone, lang, now);
            text.append("\n• ").append(line);
            lines.add(line(t, people));
            if (i < MAX_BUTTONS) {
                blocks.add(section(s -> s.text(markdownText(SlackMessages.escape(line)))));
                blocks.add(messages.buttons(t, lang));
            } else {
                blocks.add(section(s -> s.text(markdownText("• " + SlackMessages.escape(line)))));
            }
        }
        if (shown.size() > MAX_LISTED) {
            String more = zh ? "……另有 " + (shown.size() - MAX_LISTED) + " 个" : "…and " + (shown.size() - MAX_LISTED) + " more";
            text.append("\n").append(more);
            blocks.add(section(s -> s.text(markdownText(more))));
        }
        return new AskOutcome.Handled(new ChatReply(lang, "tasks", text.toString(), lines, blocks, null, null));
    }

    private AskOutcome report(TaskRequests.Report r, UserInfo asker) {
        Instant now = clock.instant();
        ZoneId zone = recipients.zone(asker);
        Report report = r.weekly() ? digests.weekly(asker, zone, now, r.language()) : digests.daily(asker, zone, now, r.language());
        return new AskOutcome.Handled(new ChatReply(r.language(), report.kind(), report.text(), List.of(),
                report.slack().blocks(), report.chartPng(), report.chartTitle()));
    }

    private static String taskLine(Task t, String owner, ZoneId zone, String lang, Instant now) {
        boolean zh = "zh".equals(lang);
        StringBuilder b = new StringBuilder();
        if (t.overdueAt(now)) {
            long days = Times.daysOverdue(t.dueAt(), now);
            b.append(zh ? "[逾期 " + days + " 天] " : "[" + days + (days == 1 ? " day" : " days") + " overdue] ");
        }
        b.append(t.subject()).append(zh ? " — 截止 " : " — due ").append(Times.when(t.dueAt(), zone, lang, now));
        if (owner != null) {
            b.append(" — ").append(owner);
        }
        if (t.accountName() != null) {
            b.append(" · ").append(t.accountName());
        }
        b.append(" (").append(t.taskId()).append(")");
        return b.toString();
    }

    private ChatReply.TaskLine line(Task t, Map<String, UserInfo> people) {
        UserInfo owner = people.get(t.ownerId());
        return new ChatReply.TaskLine(t.taskId(), t.subject(), t.ownerId(), owner == null ? null : owner.name(),
                owner == null ? null : owner.email(), t.dueAt(), t.overdueAt(clock.instant()), t.accountName(),
                t.opportunityName(), t.origin().wire());
    }

    private Map<String, UserInfo> names() {
        Map<String, UserInfo> out = new HashMap<>();
        for (UserInfo u : engine.users()) {
            out.put(u.userId(), u);
        }
        return out;
    }

    /** The people of the current warehouse version, rebuilt when a new version is published. */
    private PeopleNames people() {
        long version = engine.version();
        Map.Entry<Long, PeopleNames> current = peopleNames.get();
        if (current == null || current.getKey() != version) {
            current = Map.entry(version, PeopleNames.of(engine.users()));
            peopleNames.set(current);
        }
        return current.getValue();
    }
}
