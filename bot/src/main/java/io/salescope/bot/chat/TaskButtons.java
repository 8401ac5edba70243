package io.salescope.bot.chat;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.LayoutBlock;
import io.salescope.bot.reminders.Recipient;
import io.salescope.bot.reminders.Recipients;
import io.salescope.bot.reminders.ReminderMessages;
import io.salescope.bot.reminders.ReminderPlanner;
import io.salescope.bot.slack.SlackActionHandler;
import io.salescope.bot.tasks.SnoozeOption;
import io.salescope.bot.tasks.Task;
import io.salescope.bot.tasks.TaskBook;
import io.salescope.bot.tasks.TaskException;
import io.salescope.bot.tasks.Times;
import io.salescope.warehouse.query.MetricEngine;
import io.salescope.warehouse.query.UserInfo;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static java.util.Objects.requireNonNull;

/**
 * The Done, Snooze 1 h, Snooze 1 day and Open buttons of reminder messages. A click changes
 * the task through {@link TaskBook} (its permissions apply) and replaces the task's buttons in
 * the message with what was done; "Open" without a public URL shows the task's details.
 */
public final class TaskButtons implements SlackActionHandler {

    private final TaskBook tasks;
    private final MetricEngine engine;
    private final Recipients recipients;
    private final ReminderPlanner planner;
    private final ReminderMessages messages;
    private final Clock clock;

    public TaskButtons(TaskBook tasks, MetricEngine engine, Recipients recipients, ReminderPlanner planner,
                       ReminderMessages messages, Clock clock) {
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.recipients = requireNonNull(recipients, "recipients is null");
        this.planner = requireNonNull(planner, "planner is null");
        this.messages = requireNonNull(messages, "messages is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public void handle(String actionId, String taskId, UserInfo actor, List<LayoutBlock> messageBlocks,
                       SlackResponder responder) {
        String lang = Recipients.language(actor);
        boolean zh = "zh".equals(lang);
        Instant now = clock.instant();
        try {
            String done;
            switch (actionId) {
                case ReminderMessages.ACTION_DONE -> {
                    tasks.done(actor, taskId, now, "slack");
                    done = (zh ? ":white_check_mark: " + actor.name() + " 于 " : ":white_check_mark: Done by " + actor.name() + " at ")
                            + Times.when(now, recipients.zone(actor), lang, now) + (zh ? " 标记为完成" : "");
                }
                case ReminderMessages.ACTION_SNOOZE_HOUR, ReminderMessages.ACTION_SNOOZE_DAY -> {
                    SnoozeOption option = actionId.equals(ReminderMessages.ACTION_SNOOZE_HOUR)
                            ? SnoozeOption.ONE_HOUR : SnoozeOption.ONE_DAY;
                    Task before = tasks.find(taskId).orElse(null);
                    Recipient owner = before == null ? null : owner(before);
                    ZoneId zone = owner == null ? recipients.zone(actor) : owner.zone();
                    Task t = tasks.snooze(actor, taskId, option, now, zone, "slack");
                    Optional<Instant> back = owner == null ? Optional.empty() : planner.snoozedUntil(t, owner);
                    String when = back.map(b -> Times.when(b, recipients.zone(actor), lang, now)).orElse("");
                    done = zh ? ":zzz: 已推迟提醒，" + when + " 再提醒" : ":zzz: Snoozed: reminded again " + when;
                }
                case ReminderMessages.ACTION_OPEN -> {
                    if (messages.opensTheWebPage()) {
                        // A link button: Slack opened the page; the click needs no answer.
                        return;
                    }
                    Task t = tasks.find(taskId).orElseThrow(() -> new TaskException(TaskException.Kind.NOT_FOUND,
                            "Task " + taskId + " is no longer open.", "任务 " + taskId + " 已不再是未完成状态。"));
                    Recipient owner = owner(t);
                    responder.ephemeral(messages.details(t, owner == null ? recipients.zone(actor) : owner.zone(), lang, now));
                    return;
                }
                default -> {
                    return;
                }
            }
            responder.replaceOriginal(done, replaceButtons(messageBlocks, taskId, done));
        } catch (TaskException e) {
            responder.ephemeral(":no_entry: " + e.message(lang));
        }
    }

    private Recipient owner(Task t) {
        return engine.user(t.ownerId()).map(u -> recipients.people(List.of(u)).get(u.userId())).orElse(null);
    }

    /** The message's blocks with the task's buttons replaced by a note of what was done. */
    static List<LayoutBlock> replaceButtons(List<LayoutBlock> blocks, String taskId, String note) {
        List<LayoutBlock> out = new ArrayList<>();
        boolean replaced = false;
        for (LayoutBlock b : blocks == null ? List.<LayoutBlock>of() : blocks) {
            if (b instanceof ActionsBlock a && (ReminderMessages.BLOCK_PREFIX + taskId).equals(a.getBlockId())) {
                out.add(context(c -> c.elements(List.of(markdownText(note)))));
                replaced = true;
            } else {
                out.add(b);
            }
        }
        if (!replaced) {
            out.add(context(c -> c.elements(List.of(markdownText(note)))));
        }
        return out;
    }
}
