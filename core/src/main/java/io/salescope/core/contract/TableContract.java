package io.salescope.core.contract;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A warehouse table: its name, the export file it is loaded from (if any), its columns in
 * order, the key that identifies a row (for dedupe and incremental merge), the column that
 * decides which duplicate wins, its partition columns and its references.
 *
 * @param fileName the export file, e.g. {@code opportunities.csv}; null for tables that
 *     ingest or the marts derive
 * @param key identity columns; of the rows sharing a key the newest {@code versionColumn}
 *     wins (ties: the last line)
 * @param versionColumn usually {@code modified_at}; null when the file has none
 */
public record TableContract(String name, String fileName, boolean requiredFile, List<Column> columns,
                            List<String> key, String versionColumn, List<String> partitionBy,
                            List<Reference> references) {

    public TableContract {
        requireNonNull(name, "name is null");
        columns = List.copyOf(columns);
        key = List.copyOf(key);
        partitionBy = List.copyOf(partitionBy);
        references = List.copyOf(references);
        // The fields are assigned only when the compact constructor ends: check the parameters.
        List<Column> declared = columns;
        for (String k : key) {
            if (declared.stream().noneMatch(c -> c.name().equals(k))) {
                throw new IllegalArgumentException(name + ": key column " + k + " is not a column");
            }
        }
    }

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    /** The columns read from the export file, in contract order. */
    public List<Column> sourceColumns() {
        return columns.stream().filter(c -> !c.derived()).toList();
    }

    /** The source columns of the format's first edition: what a v1 exporter writes (no {@link Column#extension()}). */
    public List<Column> baseColumns() {
        return columns.stream().filter(c -> !c.derived() && !c.extension()).toList();
    }

    public List<Column> requiredColumns() {
        return columns.stream().filter(Column::required).toList();
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }
}
