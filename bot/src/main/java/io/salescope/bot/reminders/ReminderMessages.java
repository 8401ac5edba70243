package io.salescope.bot.reminders;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import io.salescope.bot.slack.SlackMessages;
import io.salescope.bot.tasks.Task;
import io.salescope.bot.tasks.Times;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static java.util.Objects.requireNonNull;

/**
 * The words of reminders: Slack messages (one task or a bundle, each with Done, Snooze 1 h,
 * Snooze 1 day and Open buttons) and web notifications (both languages, absolute times since
 * they are read later), in the owner's language and zone.
 */
public final class ReminderMessages {

    public static final String ACTION_DONE = "task_done";
    public static final String ACTION_SNOOZE_HOUR = "task_snooze_1h";
    public static final String ACTION_SNOOZE_DAY = "task_snooze_1d";
    public static final String ACTION_OPEN = "task_open";
    /** Block ids of a task's buttons start with this, then the task id. */
    public static final String BLOCK_PREFIX = "task:";
    /** Web notification links of a task: the page shows its Done and Snooze buttons. */
    public static final String LINK_PREFIX = "#task=";

    /** A web notification's content. */
    public record WebNote(String kind, String text, String textZh, String link) {
    }

    private final Optional<String> publicUrl;

    public ReminderMessages(Optional<String> publicUrl) {
        this.publicUrl = requireNonNull(publicUrl, "publicUrl is null");
    }

    /** Whether "Open" is a link to the web page (else it answers with the task's details). */
    public boolean opensTheWebPage() {
        return publicUrl.isPresent();
    }

    /** One Slack message for reminders to the same person, most urgent first. */
    public SlackMessages.Message slack(List<Delivery> bundle, Instant now) {
        if (bundle.isEmpty()) {
            throw new IllegalArgumentException("an empty bundle");
        }
        Recipient r = bundle.get(0).recipient();
        String lang = r.language();
        boolean zh = "zh".equals(lang);
        List<LayoutBlock> blocks = new ArrayList<>();
        if (bundle.size() > 1) {
            String head = zh ? "你有 " + bundle.size() + " 个任务需要处理：" : "You have " + bundle.size() + " tasks that need attention:";
            blocks.add(section(s -> s.text(markdownText(head))));
        }
        List<String> fallback = new ArrayList<>();
        for (Delivery d : bundle) {
            String text = slackLine(d, now);
            blocks.add(section(s -> s.text(markdownText(text))));
            blocks.add(buttons(d.task(), lang));
            fallback.add(plainLine(d, lang, now));
        }
        String prefix = zh ? "任务提醒：" : "Reminder: ";
        return new SlackMessages.Message(prefix + String.join("; ", fallback), blocks);
    }

    /** The buttons of one task: Done, Snooze 1 h, Snooze 1 day, Open. */
    public LayoutBlock buttons(Task task, String language) {
        boolean zh = "zh".equals(language);
        List<BlockElement> elements = new ArrayList<>();
        elements.add(ButtonElement.builder().actionId(ACTION_DONE).value(task.taskId()).style("primary")
                .text(plainText(zh ? "完成" : "Done")).build());
        elements.add(ButtonElement.builder().actionId(ACTION_SNOOZE_HOUR).value(task.taskId())
                .text(plainText(zh ? "1 小时后提醒" : "Snooze 1 h")).build());
        elements.add(ButtonElement.builder().actionId(ACTION_SNOOZE_DAY).value(task.taskId())
                .text(plainText(zh ? "明天再提醒" : "Snooze 1 day")).build());
        ButtonElement.ButtonElementBuilder open = ButtonElement.builder().actionId(ACTION_OPEN).value(task.taskId())
                .text(plainText(zh ? "打开" : "Open"));
        publicUrl.ifPresent(u -> open.url(u + "?task=" + java.net.URLEncoder.encode(task.taskId(),
                java.nio.charset.StandardCharsets.UTF_8)));
        elements.add(open.build());
        return actions(a -> a.blockId(BLOCK_PREFIX + task.taskId()).elements(elements));
    }

    /** The notification of one reminder for the web page. */
    public WebNote web(Delivery d) {
        Task t = d.task();
        ZoneId zone = d.recipient().zone();
        String en = (d.kind() == DeliveryKind.OVERDUE ? "Overdue: " : "Due soon: ") + t.subject() + " — due "
                + Times.absolute(t.dueAt(), zone, "en") + context(t, "en");
        String zh = (d.kind() == DeliveryKind.OVERDUE ? "已逾期：" : "即将到期：") + t.subject() + "，截止 "
                + Times.absolute(t.dueAt(), zone, "zh") + context(t, "zh");
        return new WebNote(d.kind().wire(), en, zh, LINK_PREFIX + t.taskId());
    }

    /** The details of a task, for the "Open" button without a public URL and for chat. */
    public String details(Task t, ZoneId zone, String language, Instant now) {
        boolean zh = "zh".equals(language);
        StringBuilder b = new StringBuilder("*").append(SlackMessages.escape(t.subject())).append("*\n");
        b.append(zh ? "截止：" : "Due: ").append(Times.absolute(t.dueAt(), zone, language));
        if (t.overdueAt(now)) {
            b.append(zh ? "（已逾期 " + Times.daysOverdue(t.dueAt(), now) + " 天）" : " (overdue by "
                    + Times.daysOverdue(t.dueAt(), now) + " days)");
        }
        if (t.accountName() != null) {
            b.append(zh ? "\n客户：" : "\nAccount: ").append(SlackMessages.escape(t.accountName()));
        }
        if (t.opportunityName() != null) {
            b.append(zh ? "\n商机：" : "\nDeal: ").append(SlackMessages.escape(t.opportunityName()));
        }
        b.append(zh ? "\n编号：" : "\nTask: ").append(t.taskId()).append(t.origin() == Task.Origin.CHAT
                ? (zh ? "（在聊天中创建）" : " (created in chat)") : " (CRM)");
        return b.toString();
    }

    private String slackLine(Delivery d, Instant now) {
        Task t = d.task();
        String lang = d.recipient().language();
        boolean zh = "zh".equals(lang);
        String subject = "*" + SlackMessages.escape(t.subject()) + "*";
        return (d.kind() == DeliveryKind.OVERDUE || !t.dueAt().isAfter(now) ? ":warning: " : ":alarm_clock: ")
                + subject + "\n" + status(d, lang, now) + SlackMessages.escape(context(t, lang));
    }

    private String plainLine(Delivery d, String lang, Instant now) {
        return d.task().subject() + " (" + status(d, lang, now) + ")";
    }

    private static String status(Delivery d, String lang, Instant now) {
        Task t = d.task();
        ZoneId zone = d.recipient().zone();
        boolean zh = "zh".equals(lang);
        String when = Times.when(t.dueAt(), zone, lang, now);
        if (t.dueAt().isAfter(now)) {
            return zh ? when + " 到期（" + Times.until(t.dueAt(), now, lang) + "）"
                    : "due " + when + " (" + Times.until(t.dueAt(), now, lang) + ")";
        }
        long days = Times.daysOverdue(t.dueAt(), now);
        return zh ? "已逾期 " + days + " 天（截止 " + when + "）"
                : "overdue by " + days + (days == 1 ? " day" : " days") + " (was due " + when + ")";
    }

    private static String context(Task t, String lang) {
        boolean zh = "zh".equals(lang);
        StringBuilder b = new StringBuilder();
        if (t.accountName() != null) {
            b.append(" · ").append(t.accountName());
        }
        if (t.opportunityName() != null) {
            b.append(" · ").append(t.opportunityName());
        }
        if ("high".equals(t.priority())) {
            b.append(zh ? " · 高优先级" : " · high priority");
        }
        return b.toString();
    }
}
