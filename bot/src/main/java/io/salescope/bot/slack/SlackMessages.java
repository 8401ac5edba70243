package io.salescope.bot.slack;

import com.slack.api.model.block.LayoutBlock;
import io.salescope.bot.service.AskOutcome;
import io.salescope.bot.service.AskResponse;
import io.salescope.bot.service.Figures;

import java.util.ArrayList;
import java.util.List;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

/** Block Kit messages for answers, refusals and help. */
public final class SlackMessages {

    /** Slack's limit for a section's text. */
    private static final int MAX_SECTION = 2900;

    /** A message: blocks plus the plain text Slack shows in notifications. */
    public record Message(String text, List<LayoutBlock> blocks) {
    }

    private SlackMessages() {
    }

    public static Message of(AskOutcome outcome) {
        if (outcome instanceof AskOutcome.Answered a) {
            return answer(a.response());
        }
        if (outcome instanceof AskOutcome.Handled h) {
            return new Message(h.reply().text(), h.reply().slackBlocks().isEmpty()
                    ? List.of(section(s -> s.text(markdownText(escape(clip(h.reply().text()))))))
                    : h.reply().slackBlocks());
        }
        if (outcome instanceof AskOutcome.Refused r) {
            return plain(":no_entry: " + r.message(), r.message());
        }
        AskOutcome.CannotAnswer c = (AskOutcome.CannotAnswer) outcome;
        String text = c.message() + (c.choices().isEmpty() ? "" : "\n" + String.join(", ", c.choices().stream().limit(20).toList()));
        return plain(":thinking_face: " + text, c.message());
    }

    public static Message plain(String mrkdwn, String fallback) {
        return new Message(fallback, List.of(section(s -> s.text(markdownText(escape(clip(mrkdwn)))))));
    }

    static Message answer(AskResponse r) {
        String lang = r.language();
        boolean zh = "zh".equals(lang);
        List<LayoutBlock> blocks = new ArrayList<>();
        if (!r.understood()) {
            StringBuilder help = new StringBuilder(":thinking_face: ").append(escape(r.answer()));
            for (String o : r.options()) {
                help.append("\n• ").append(escape(o));
            }
            blocks.add(section(s -> s.text(markdownText(clip(help.toString())))));
            return new Message(r.answer(), blocks);
        }
        String headline = r.value() != null
                ? "*" + escape(Figures.format(r.value(), r.unit(), r.currency(), lang)) + "*  " + escape(r.metricLabel())
                : "*" + escape(r.metricLabel()) + "*";
        String text = r.rows().isEmpty() ? r.answer() : withoutRowLines(r.answer());
        blocks.add(section(s -> s.text(markdownText(clip(headline + "\n" + escape(text))))));
        if (!r.rows().isEmpty()) {
            int width = Math.min(40, r.rows().stream().mapToInt(x -> x.label() == null ? 6 : x.label().length()).max().orElse(6));
            StringBuilder table = new StringBuilder("```");
            for (AskResponse.RowJson row : r.rows()) {
                String label = row.label() == null ? "(none)" : row.label();
                table.append(pad(label, width)).append("  ")
                        .append(Figures.format(row.value(), r.unit(), r.currency(), lang)).append('\n');
            }
            table.append("```");
            blocks.add(section(s -> s.text(markdownText(clip(table.toString())))));
        }
        List<String> facts = new ArrayList<>();
        if (r.period() != null) {
            facts.add((zh ? "期间：" : "Period: ") + r.period().name() + " (" + r.period().from() + " – " + r.period().to() + ")");
        }
        if (r.scope() != null) {
            facts.add((zh ? "范围：" : "Scope: ") + r.scope());
        }
        if (r.interpretation() != null) {
            facts.add((zh ? "理解为：" : "Read as: ") + r.interpretation());
        }
        blocks.add(divider());
        blocks.add(context(c -> c.elements(List.of(markdownText(clip(escape(String.join("  ·  ", facts))))))));
        String fallback = (r.value() != null ? Figures.format(r.value(), r.unit(), r.currency(), lang) + " — " : "") + r.answer();
        return new Message(fallback, blocks);
    }

    /** The answer without its indented row lines, which the table block shows instead. */
    static String withoutRowLines(String answer) {
        StringBuilder b = new StringBuilder();
        for (String line : answer.split("\n")) {
            if (!line.startsWith("  ")) {
                b.append(b.length() == 0 ? "" : "\n").append(line);
            }
        }
        return b.toString();
    }

    /** Slack's mrkdwn escapes: &, <, >. */
    public static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String clip(String s) {
        return s.length() <= MAX_SECTION ? s : s.substring(0, MAX_SECTION - 1) + "…";
    }

    private static String pad(String s, int width) {
        if (s.length() > width) {
            return s.substring(0, width - 1) + "…";
        }
        StringBuilder b = new StringBuilder(s);
        int display = s.codePoints().map(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN ? 2 : 1).sum();
        for (int i = display; i < width; i++) {
            b.append(' ');
        }
        return b.toString();
    }
}
