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
 * @param extension an additive extension of crm-export-v1 (an optional column that mapping
 *     profiles fill); ingest reads it like any column, v1 exporters need not write it
 */
public record Column(String name, ColumnType type, boolean required, List<String> allowed,
                     String defaultValue, boolean derived, String description, boolean extension) {

    public Column {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        allowed = List.copyOf(requireNonNull(allowed, "allowed is null"));
        description = description == null ? "" : description;
    }

    public static Column required(String name, ColumnType type) {
        return new Column(name, type, true, List.of(), null, false, "", false);
    }

    public static Column optional(String name, ColumnType type) {
        return new Column(name, type, false, List.of(), null, false, "", false);
    }

    public static Column derived(String name, ColumnType type, String description) {
        return new Column(name, type, false, List.of(), null, true, description, false);
    }

    public Column allowing(String... values) {
        return new Column(name, type, required, List.of(values), defaultValue, derived, description, extension);
    }

    public Column withDefault(String value) {
        return new Column(name, type, required, allowed, value, derived, description, extension);
    }

    public Column describedAs(String text) {
        return new Column(name, type, required, allowed, defaultValue, derived, text, extension);
    }

    /** Marks an optional column added to crm-export-v1 after its first edition (see {@link #extension()}). */
    public Column asExtension() {
        if (required || derived) {
            throw new IllegalArgumentException(name + ": only optional source columns can be extensions");
        }
        return new Column(name, type, required, allowed, defaultValue, derived, description, true);
    }
}
