package io.salescope.bot.nlp;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What the bot says back, in the question's language.
 *
 * @param kind what sort of answer it is (a client may style a refusal differently)
 * @param language {@code en} or {@code zh}
 * @param text the answer as plain text, lines separated by {@code \n}
 * @param options choices to offer as buttons (clarifications), else empty
 */
public record Answer(Kind kind, String language, String text, List<String> options) {

    public enum Kind {
        /** One figure. */
        FIGURE,
        /** A table of figures by rep, team, product... */
        BREAKDOWN,
        /** The figure has no value (a ratio over nothing); the text says why. */
        NO_VALUE,
        /** The asker may not see it. */
        REFUSAL,
        /** The query could not run as asked (an unknown value...). */
        ERROR,
        /** A question back. */
        CLARIFICATION,
        /** Not a question the bot can answer. */
        NOT_UNDERSTOOD
    }

    public Answer {
        requireNonNull(kind, "kind is null");
        requireNonNull(language, "language is null");
        requireNonNull(text, "text is null");
        options = options == null ? List.of() : List.copyOf(options);
    }
}
