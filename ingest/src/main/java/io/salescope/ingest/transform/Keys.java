package io.salescope.ingest.transform;

import io.salescope.core.contract.TableContract;
import io.salescope.core.contract.Tables;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.octet_length;
import static org.apache.spark.sql.functions.translate;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.trim;

/**
 * A table's identity as columns {@code _k0, _k1, ...}: its contract key, except that stage
 * names compare ignoring case and surrounding spaces (crm-export-v1, "Meaning").
 */
public final class Keys {

    private Keys() {
    }

    public static List<String> names(TableContract table) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < table.key().size(); i++) {
            names.add("_k" + i);
        }
        return names;
    }

    public static Column expression(TableContract table, String keyColumn) {
        return table.name().equals(Tables.STAGES.name()) ? lowerTrimmed(col(keyColumn)) : col(keyColumn);
    }

    private static final String UPPER_ASCII = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /**
     * {@code lower(trim(value))}, lower-casing ASCII text by translation: Spark's {@code lower}
     * loads ICU's case tables on first use (seconds of CPU per JVM), which only non-ASCII text needs.
     */
    public static Column lowerTrimmed(Column value) {
        Column trimmed = trim(value);
        return when(length(trimmed).equalTo(octet_length(trimmed)),
                translate(trimmed, UPPER_ASCII, UPPER_ASCII.toLowerCase(java.util.Locale.ROOT)))
                .otherwise(lower(trimmed));
    }

    public static Dataset<Row> withKeys(Dataset<Row> rows, TableContract table) {
        Dataset<Row> out = rows;
        for (int i = 0; i < table.key().size(); i++) {
            out = out.withColumn("_k" + i, expression(table, table.key().get(i)));
        }
        return out;
    }

    public static Dataset<Row> dropKeys(Dataset<Row> rows, TableContract table) {
        return rows.drop(names(table).toArray(String[]::new));
    }

    /** The key expressions themselves, without naming them. */
    public static Column[] expressions(TableContract table) {
        return table.key().stream().map(k -> expression(table, k)).toArray(Column[]::new);
    }

    public static Column[] columns(TableContract table) {
        return names(table).stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    }
}
