package io.salescope.bot.service;

/**
 * The result of asking: an answer (or help), a chat command carried out, a refusal, or a
 * question that cannot be answered as asked.
 */
public sealed interface AskOutcome {

    String language();

    /** A figure was computed, or the question was not understood ({@code response.understood()} false). */
    record Answered(AskResponse response) implements AskOutcome {
        @Override
        public String language() {
            return response.language();
        }
    }

    /** The asker may not see what the question covers (HTTP 403). */
    record Refused(String language, String message) implements AskOutcome {
    }

    /** A chat command carried out (a task created or listed, a digest): HTTP 200. */
    record Handled(ChatReply reply) implements AskOutcome {
        @Override
        public String language() {
            return reply.language();
        }
    }

    /** Understood but not answerable: an unknown name, no forecast yet, a period the metric cannot take (HTTP 422). */
    record CannotAnswer(String language, String message, java.util.List<String> choices) implements AskOutcome {
    }
}
