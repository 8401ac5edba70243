package io.salescope.bot.service;

import io.salescope.warehouse.query.UserInfo;

import java.util.Optional;

/**
 * Chat commands handled before a text is read as a metric question (tasks, digests). The
 * outcome is a {@link AskOutcome.Handled} reply, or a refusal (403) or "cannot do that as
 * asked" (422) like a question's.
 */
@FunctionalInterface
public interface ChatCommands {

    /** The outcome when {@code text} is a command, else empty. */
    Optional<AskOutcome> handle(String text, UserInfo asker, String via);
}
