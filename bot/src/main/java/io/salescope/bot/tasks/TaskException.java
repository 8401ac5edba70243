package io.salescope.bot.tasks;

import static java.util.Objects.requireNonNull;

/**
 * A task request that cannot be carried out, with the reason in English and Chinese:
 * {@link Kind#FORBIDDEN} (HTTP 403), {@link Kind#NOT_FOUND} (404) or {@link Kind#INVALID} (422).
 */
public final class TaskException extends RuntimeException {

    public enum Kind {
        FORBIDDEN(403), NOT_FOUND(404), INVALID(422);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Kind kind;
    private final String messageZh;

    public TaskException(Kind kind, String message, String messageZh) {
        super(message);
        this.kind = requireNonNull(kind, "kind is null");
        this.messageZh = messageZh;
    }

    public Kind kind() {
        return kind;
    }

    public String messageZh() {
        return messageZh;
    }

    public String message(String language) {
        return "zh".equals(language) && messageZh != null ? messageZh : getMessage();
    }
}
