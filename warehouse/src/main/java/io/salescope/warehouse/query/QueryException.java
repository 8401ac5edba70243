package io.salescope.warehouse.query;

import io.salescope.core.SalescopeException;

import java.util.List;

/**
 * A query that cannot be answered as asked: an unknown metric, dimension or value, a
 * malformed period. The message lists what would be valid.
 */
public class QueryException extends SalescopeException {

    private final List<String> validChoices;

    public QueryException(String message, List<String> validChoices) {
        super(message, 2, null);
        this.validChoices = List.copyOf(validChoices);
    }

    public QueryException(String message) {
        this(message, List.of());
    }

    public List<String> validChoices() {
        return validChoices;
    }
}
