package io.salescope.bot.digest;

import com.slack.api.model.block.LayoutBlock;
import io.salescope.bot.slack.SlackMessages;

import java.util.ArrayList;
import java.util.List;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static java.util.Objects.requireNonNull;

/**
 * A digest or report in one language: a title, sections of lines, an optional note and chart.
 * Rendered as Slack Block Kit or as plain text (web page, CLI).
 *
 * @param chartPng a PNG to upload with it, or null
 */
public record Report(String kind, String language, String title, List<Section> sections, String note, byte[] chartPng,
                     String chartTitle) {

    /** A heading, its lines, and what to say when there are none. */
    public record Section(String heading, List<String> lines, String empty) {
        public Section {
            requireNonNull(heading, "heading is null");
            lines = List.copyOf(lines);
        }
    }

    public Report {
        requireNonNull(kind, "kind is null");
        requireNonNull(title, "title is null");
        sections = List.copyOf(sections);
    }

    /** Slack's limit on a section's text, with room to spare. */
    private static final int MAX_SECTION = 2900;

    public SlackMessages.Message slack() {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText("*" + SlackMessages.escape(title) + "*"))));
        for (Section sec : sections) {
            StringBuilder b = new StringBuilder("*").append(SlackMessages.escape(sec.heading())).append("*");
            if (sec.lines().isEmpty()) {
                b.append("\n_").append(SlackMessages.escape(sec.empty())).append("_");
            }
            for (String line : sec.lines()) {
                String next = "\n• " + SlackMessages.escape(line);
                if (b.length() + next.length() > MAX_SECTION) {
                    b.append("\n…");
                    break;
                }
                b.append(next);
            }
            String text = b.toString();
            blocks.add(section(s -> s.text(markdownText(text))));
        }
        if (note != null) {
            blocks.add(context(c -> c.elements(List.of(markdownText(SlackMessages.escape(note))))));
        }
        return new SlackMessages.Message(title, blocks);
    }

    /** Plain text: the title, then each section with its lines. */
    public String text() {
        StringBuilder b = new StringBuilder(title);
        for (Section sec : sections) {
            b.append("\n\n").append(sec.heading());
            if (sec.lines().isEmpty()) {
                b.append("\n  ").append(sec.empty());
            }
            for (String line : sec.lines()) {
                b.append("\n  • ").append(line);
            }
        }
        if (note != null) {
            b.append("\n\n").append(note);
        }
        return b.toString();
    }
}
