package io.salescope.bot.web;

/** A request the API cannot read (malformed JSON, wrong types, bad parameter): HTTP 400. */
public final class BadRequestException extends RuntimeException {

    private final String code;
    private final String messageZh;

    public BadRequestException(String code, String message, String messageZh) {
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
