package io.salescope.ingest.profile;

import io.salescope.core.SalescopeException;

/** A mapping profile that cannot be used as written; the message names the profile and the line. */
public final class ProfileException extends SalescopeException {

    public ProfileException(String message) {
        super(message);
    }

    public ProfileException(String message, Throwable cause) {
        super(message, cause);
    }
}
