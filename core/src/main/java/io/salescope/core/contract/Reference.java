package io.salescope.core.contract;

import static java.util.Objects.requireNonNull;

/** A column holding the id of a row in another table; a dangling one is a run-report warning. */
public record Reference(String column, String table, String targetColumn) {
    public Reference {
        requireNonNull(column, "column is null");
        requireNonNull(table, "table is null");
        requireNonNull(targetColumn, "targetColumn is null");
    }
}
