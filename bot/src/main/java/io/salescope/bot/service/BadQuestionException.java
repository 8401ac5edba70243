package io.salescope.bot.service;

/** The question text itself is unusable (empty, too long, control characters): a 400 with {@code code}. */
public final class BadQuestionException extends RuntimeException {

    private final String code;
    private final String messageZh;

    public BadQuestionException(String code, String message, String messageZh) {
        super(message);
        this.code = code;
        this.messageZh = messageZh;
    }

    public String code() {
        return code;
    }

    public String messageZh() {
        return messageZh;
    }
}
