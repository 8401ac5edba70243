package io.salescope.core;

/**
 * An error the user can act on: the message says what was wrong, where, and what to do.
 * The CLI prints the message alone (no stack trace) and exits with {@link #exitCode()}.
 */
public class SalescopeException extends RuntimeException {

    private final int exitCode;

    public SalescopeException(String message) {
        this(message, 1, null);
    }

    public SalescopeException(String message, Throwable cause) {
        this(message, 1, cause);
    }

    public SalescopeException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
