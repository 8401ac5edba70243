package io.salescope.bot.chat;

import com.slack.api.model.block.LayoutBlock;
import io.salescope.bot.ops.NotificationStore;
import io.salescope.bot.ops.SlackIdentityStore;
import io.salescope.bot.reminders.Channel;
import io.salescope.bot.reminders.Recipient;
import io.salescope.bot.reminders.Recipients;
import io.salescope.bot.reminders.ReminderMessages;
import io.salescope.bot.slack.SlackFailure;
import io.salescope.bot.slack.SlackGateway;
import io.salescope.bot.slack.SlackMessages;
import io.salescope.bot.tasks.Task;
import io.salescope.bot.tasks.Times;
import io.salescope.warehouse.query.UserInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static java.util.Objects.requireNonNull;

/**
 * Tells people about a task someone else gave them, at once: a Slack DM with the task's
 * buttons, or a web notification. When Slack fails the notice goes to the web page instead,
 * so it is never lost; the task's own reminders follow the usual rules.
 */
public final class AssignmentNotices implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AssignmentNotices.class);

    private final Recipients recipients;
    private final NotificationStore notifications;
    private final SlackGateway slack;
    private final SlackIdentityStore identities;
    private final ReminderMessages messages;
    private final Clock clock;
    private final ExecutorService work = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "assignment-notices");
        t.setDaemon(true);
        return t;
    });

    public AssignmentNotices(Recipients recipients, NotificationStore notifications, SlackGateway slack,
                             SlackIdentityStore identities, ReminderMessages messages, Clock clock) {
        this.recipients = requireNonNull(recipients, "recipients is null");
        this.notifications = requireNonNull(notifications, "notifications is null");
        this.slack = slack;
        this.identities = requireNonNull(identities, "identities is null");
        this.messages = requireNonNull(messages, "messages is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Tells {@code assignee} that {@code assigner} gave them {@code task} (nothing when they are the same person). */
    public void notify(Task task, UserInfo assigner, UserInfo assignee) {
        if (assigner.userId().equals(assignee.userId())) {
            return;
        }
        Recipient r = recipients.people(List.of(assignee)).get(assignee.userId());
        if (r == null) {
            return;
        }
        if (r.channel() == Channel.SLACK && slack != null) {
            work.submit(() -> {
                try {
                    postToSlack(task, assigner, r);
                } catch (SlackFailure | RuntimeException e) {
                    LOG.warn("telling {} about task {} on Slack failed ({}); noted on the web page instead", r.email(),
                            task.taskId(), e.getMessage());
                    toWeb(task, assigner, r);
                }
            });
        } else {
            toWeb(task, assigner, r);
        }
    }

    private void postToSlack(Task task, UserInfo assigner, Recipient r) throws SlackFailure {
        String channel = identities.dmChannel(r.slackUserId()).orElse(null);
        if (channel == null) {
            channel = slack.openDm(r.slackUserId());
            identities.putDmChannel(r.slackUserId(), channel, clock.instant());
        }
        String lang = r.language();
        String text = text(task, assigner, r, lang, true);
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(text))));
        blocks.add(messages.buttons(task, lang));
        slack.post(channel, text(task, assigner, r, lang, false), blocks, List.of("assigned|" + task.taskId()));
    }

    private void toWeb(Task task, UserInfo assigner, Recipient r) {
        Instant now = clock.instant();
        notifications.add(r.userId(), "assigned", text(task, assigner, r, "en", false), text(task, assigner, r, "zh", false),
                ReminderMessages.LINK_PREFIX + task.taskId(), now);
    }

    private String text(Task task, UserInfo assigner, Recipient r, String lang, boolean mrkdwn) {
        String subject = mrkdwn ? "*" + SlackMessages.escape(task.subject()) + "*" : task.subject();
        String due = Times.absolute(task.dueAt(), r.zone(), lang);
        return "zh".equals(lang)
                ? assigner.name() + " 给你分配了任务：" + subject + "，截止 " + due
                : assigner.name() + " assigned you a task: " + subject + " — due " + due;
    }

    @Override
    public void close() {
        work.shutdown();
        try {
            if (!work.awaitTermination(5, TimeUnit.SECONDS)) {
                work.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
