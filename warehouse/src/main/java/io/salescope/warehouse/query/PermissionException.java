package io.salescope.warehouse.query;

import io.salescope.core.SalescopeException;

/**
 * The asker may not see what the query covers. The message names what was refused and what
 * the asker may see; it is never answered with a silently narrowed figure.
 */
public class PermissionException extends SalescopeException {

    private final String messageZh;

    public PermissionException(String message, String messageZh) {
        super(message, 3, null);
        this.messageZh = messageZh;
    }

    public String messageZh() {
        return messageZh;
    }
}
