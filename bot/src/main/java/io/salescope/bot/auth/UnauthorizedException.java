package io.salescope.bot.auth;

/** The request carries no usable login token (HTTP 401); the message says why and what to do. */
public final class UnauthorizedException extends RuntimeException {

    private final String code;

    public UnauthorizedException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
