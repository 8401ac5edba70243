package io.salescope.bot.slack;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * A Slack Web API call that did not succeed, sorted by what the caller must do next.
 */
public final class SlackFailure extends Exception {

    public enum Kind {
        /** HTTP 429 or {@code ratelimited}: wait {@link #retryAfter()} and try again; nothing was posted. */
        RATE_LIMITED,
        /** Slack answered and refused (an error code): nothing was posted; try again later. */
        FAILED,
        /** No answer (timeout, broken connection) or a server error: the call may have taken effect. */
        UNCERTAIN,
        /** The person or channel cannot be reached (left the workspace, archived...): deliver elsewhere. */
        RECIPIENT_GONE
    }

    private final Kind kind;
    private final Duration retryAfter;

    public SlackFailure(Kind kind, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = requireNonNull(kind, "kind is null");
        this.retryAfter = retryAfter == null ? Duration.ZERO : retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
