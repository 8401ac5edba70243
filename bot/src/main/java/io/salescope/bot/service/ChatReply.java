package io.salescope.bot.service;

import com.slack.api.model.block.LayoutBlock;

import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The answer to a chat command that is not a metric question (a task created or listed, a
 * digest or report), in every form the channels need: plain text for the web page and the
 * CLI, Block Kit for Slack (with task buttons), the tasks as data, and a chart.
 *
 * @param kind task_created, tasks, daily_digest or weekly_report
 * @param slackBlocks the Slack rendering of {@code text}
 * @param chartPng a PNG to show with it, or null
 */
public record ChatReply(String language, String kind, String text, List<TaskLine> tasks, List<LayoutBlock> slackBlocks,
                        byte[] chartPng, String chartTitle) {

    public ChatReply {
        requireNonNull(language, "language is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(text, "text is null");
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
        slackBlocks = slackBlocks == null ? List.of() : List.copyOf(slackBlocks);
    }

    /**
     * The reply as the API sends it: {@code language}, {@code understood} (true), {@code kind},
     * {@code answer} (the text), {@code tasks}, and {@code chart} as a PNG data URL or null.
     */
    public java.util.Map<String, Object> toJson() {
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("language", language);
        out.put("understood", true);
        out.put("kind", kind);
        out.put("answer", text);
        out.put("tasks", tasks);
        out.put("chart", chartPng == null ? null
                : "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(chartPng));
        out.put("chart_title", chartTitle);
        return out;
    }

    /** A task in a reply (snake_case on the wire). */
    public record TaskLine(String taskId, String subject, String ownerId, String owner, String ownerEmail, Instant dueAt,
                           boolean overdue, String account, String opportunity, String origin) {
    }
}
