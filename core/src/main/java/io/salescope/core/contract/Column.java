package io.salescope.core.contract;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One column of a warehouse table.
 *
 * @param required a source row without a parseable value here is quarantined
 * @param allowed the allowed values (lower case, compared ignoring case), empty = any
 * @param defaultValue the value of an empty field, or null
 * @param derived computed by ingest rather than read from the export file
 */
public record Column(String name, ColumnType type, boolean required, List<String> allowed,
                     String defaultValue, boolean derived, String description) {

    public Column {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        allowed = List.copyOf(requireNonNull(allowed, "allowed is null"));
        description = description == null ? "" : description;
    }

    public static Column required(String name, ColumnType type) {
        return new Column(name, type, true, List.of(), null, false, "");
    }

    public static Column optional(String name, ColumnType type) {
        return new Column(name, type, false, List.of(), null, false, "");
    }

    public static Column derived(String name, ColumnType type, String description) {
        return new Column(name, type, false, List.of(), null, true, description);
    }

    public Column allowing(String... values) {
        return new Column(name, type, required, List.of(values), defaultValue, derived, description);
    }

    public Column withDefault(String value) {
        return new Column(name, type, required, allowed, value, derived, description);
    }

    public Column describedAs(String text) {
        return new Column(name, type, required, allowed, defaultValue, derived, text);
    }
}
