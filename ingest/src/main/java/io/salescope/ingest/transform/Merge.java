package io.salescope.ingest.transform;

import io.salescope.core.contract.TableContract;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The incremental merge: the export is a snapshot, so its rows replace the warehouse's rows
 * with the same key and the warehouse's other rows stay.
 */
public final class Merge {

    private Merge() {
    }

    /** The existing rows no incoming row replaces. */
    public static Dataset<Row> retained(Dataset<Row> existing, Dataset<Row> incoming, TableContract table) {
        String[] keyNames = Keys.names(table).toArray(String[]::new);
        Dataset<Row> incomingKeys = Keys.withKeys(incoming, table).select(Keys.columns(table));
        return Keys.dropKeys(Keys.withKeys(existing, table).join(incomingKeys, keyNames, "left_anti"), table);
    }

    /** Existing rows, replaced by incoming rows of the same key; columns as {@code incoming}'s. */
    public static Dataset<Row> apply(Dataset<Row> existing, Dataset<Row> incoming, TableContract table) {
        return retained(existing, incoming, table).unionByName(incoming);
    }
}
