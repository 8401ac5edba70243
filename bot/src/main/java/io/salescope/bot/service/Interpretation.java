package io.salescope.bot.service;

import io.salescope.warehouse.query.MetricQuery;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** What a question was taken to mean: a query, a question back, or not understood. */
public sealed interface Interpretation {

    /** "en" or "zh": the language to answer in. */
    String language();

    /** The question maps to {@code query}; {@code understood} restates it in the question's language. */
    record Understood(MetricQuery query, String language, String understood) implements Interpretation {
        public Understood {
            requireNonNull(query, "query is null");
            requireNonNull(language, "language is null");
        }
    }

    /** The question is ambiguous; {@code question} asks which of {@code options} was meant. */
    record Clarify(String language, String question, List<String> options) implements Interpretation {
        public Clarify {
            requireNonNull(language, "language is null");
            options = options == null ? List.of() : List.copyOf(options);
        }
    }

    /** No figure could be read from the question; {@code message} says what can be asked. */
    record NotUnderstood(String language, String message) implements Interpretation {
        public NotUnderstood {
            requireNonNull(language, "language is null");
        }
    }
}
