package io.salescope.ingest.parse;

import io.salescope.core.SalescopeException;
import io.salescope.core.contract.Column;
import io.salescope.core.contract.TableContract;
import io.salescope.core.contract.Tables;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Which header field feeds which contract column: names match case-insensitively with
 * surrounding spaces trimmed, in any order (crm-export-v1, "File rules"). Header fields that
 * name no source column of the contract are unknown columns, reported as warnings.
 *
 * @param fieldOf for each contract column (in contract order), the header field that holds
 *     it, or -1 (derived columns, and optional columns the file lacks)
 * @param unknownFields header fields that match no source column
 */
public record HeaderBinding(String tableName, String sourceName, List<String> header, int[] fieldOf,
                            List<Integer> unknownFields) implements Serializable {

    public HeaderBinding {
        requireNonNull(tableName, "tableName is null");
        requireNonNull(sourceName, "sourceName is null");
        header = List.copyOf(header);
        fieldOf = fieldOf.clone();
        unknownFields = List.copyOf(unknownFields);
    }

    /**
     * Binds a header to a table's contract.
     *
     * @throws SalescopeException naming the file and column when a required column is missing
     *     or a column is named twice
     */
    public static HeaderBinding bind(TableContract table, String sourceName, List<String> header) {
        Map<String, Integer> byName = new HashMap<>();
        List<Column> columns = table.columns();
        for (int i = 0; i < columns.size(); i++) {
            if (!columns.get(i).derived()) {
                byName.put(columns.get(i).name(), i);
            }
        }
        int[] fieldOf = new int[columns.size()];
        Arrays.fill(fieldOf, -1);
        List<Integer> unknown = new ArrayList<>();
        for (int f = 0; f < header.size(); f++) {
            String name = normalize(header.get(f));
            Integer column = byName.get(name);
            if (column == null) {
                unknown.add(f);
            } else if (fieldOf[column] >= 0) {
                throw new SalescopeException(sourceName + ": the header names column '" + name + "' twice (fields "
                        + (fieldOf[column] + 1) + " and " + (f + 1) + "); remove or rename one of them");
            } else {
                fieldOf[column] = f;
            }
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).required() && fieldOf[i] < 0) {
                missing.add(columns.get(i).name());
            }
        }
        if (table.name().equals(Tables.QUOTAS.name())
                && fieldOf[index(table, "owner_id")] < 0 && fieldOf[index(table, "team_id")] < 0) {
            missing.add("owner_id or team_id");
        }
        if (!missing.isEmpty()) {
            throw new SalescopeException(sourceName + " lacks the required column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing.stream().map(m -> "'" + m + "'").toList())
                    + "; its header has " + header.stream().map(h -> "'" + h + "'").toList()
                    + ". Add the column (names match ignoring case and surrounding spaces) and export again"
                    + " (see crm-export-v1.md)");
        }
        return new HeaderBinding(table.name(), sourceName, header, fieldOf, unknown);
    }

    public static String normalize(String headerName) {
        String s = headerName.strip();
        return s.toLowerCase(Locale.ROOT);
    }

    private static int index(TableContract table, String column) {
        return table.columnNames().indexOf(column);
    }

    public TableContract table() {
        return Tables.byName(tableName).orElseThrow();
    }

    public int fieldCount() {
        return header.size();
    }

    public List<String> unknownColumns() {
        return unknownFields.stream().map(f -> header.get(f).strip()).toList();
    }
}
