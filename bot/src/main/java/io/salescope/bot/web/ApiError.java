package io.salescope.bot.web;

/**
 * The body of every error response: a stable {@code error} code, a message in English and
 * Chinese saying what was wrong and what to do, and for unexpected failures an {@code id}
 * to find the details in the service's log (clients never see a stack trace).
 */
public record ApiError(String error, String message, String messageZh, String id) {

    public static ApiError of(String error, String message) {
        return new ApiError(error, message, null, null);
    }

    public static ApiError of(String error, String message, String messageZh) {
        return new ApiError(error, message, messageZh, null);
    }
}
