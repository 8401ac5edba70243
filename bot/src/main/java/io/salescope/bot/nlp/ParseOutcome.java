package io.salescope.bot.nlp;

import io.salescope.warehouse.query.MetricQuery;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** What the parser made of a question: a query, a question back, or a polite "I don't understand". */
public sealed interface ParseOutcome permits ParseOutcome.Understood, ParseOutcome.Clarify, ParseOutcome.NotUnderstood {

    /** {@code en} or {@code zh}: the language to answer in. */
    String language();

    /**
     * The question as a metric query.
     *
     * @param understood the query restated in the question's language, to show the asker what was answered
     */
    record Understood(MetricQuery query, String language, String understood) implements ParseOutcome {
        public Understood {
            requireNonNull(query, "query is null");
            requireNonNull(language, "language is null");
            requireNonNull(understood, "understood is null");
        }
    }

    /** The question could mean several things; ask which, listing the options. */
    record Clarify(String language, String question, List<String> options) implements ParseOutcome {
        public Clarify {
            requireNonNull(language, "language is null");
            requireNonNull(question, "question is null");
            options = options == null ? List.of() : List.copyOf(options);
        }
    }

    /** Not a question the parser can turn into a query; the message says why and gives examples. */
    record NotUnderstood(String language, String message) implements ParseOutcome {
        public NotUnderstood {
            requireNonNull(language, "language is null");
            requireNonNull(message, "message is null");
        }
    }
}
