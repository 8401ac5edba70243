package io.salescope.ingest.transform;

import io.salescope.core.contract.Reference;
import io.salescope.core.contract.TableContract;
import io.salescope.ingest.parse.RowParser;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

/**
 * Finds references to ids that do not exist (crm-export-v1: the row stays, the run report counts
 * a warning per dangling reference), in one pass over the rows with a left join per reference.
 */
public final class References {

    public static final String DANGLING = "_dangling";

    private References() {
    }

    /**
     * One row per dangling reference: {@code line, column_name, raw_value, message}.
     *
     * @param rows rows of {@code table} with {@link RowParser#LINE}
     * @param targetKeys for each reference column of {@code table}, the ids that exist, as a
     *     one-column dataset (hint it for broadcast when small)
     */
    public static Dataset<Row> dangling(Dataset<Row> rows, TableContract table, Map<String, Dataset<Row>> targetKeys) {
        return withDangling(rows.select(refColumns(table)), table, targetKeys)
                .select(col(RowParser.LINE), explode(col(DANGLING)).as("_d"))
                .select(col(RowParser.LINE).as("line"), col("_d.column_name").as("column_name"),
                        col("_d.raw_value").as("raw_value"), col("_d.message").as("message"));
    }

    /**
     * {@code rows} with {@link #DANGLING}: an array of {@code column_name, raw_value, message},
     * one element per dangling reference of the row (an empty array for most rows).
     */
    public static Dataset<Row> withDangling(Dataset<Row> rows, TableContract table, Map<String, Dataset<Row>> targetKeys) {
        return withHits(rows, table, targetKeys).withColumn(DANGLING, danglingArray(table)).drop(hitColumns(table));
    }

    /**
     * {@code rows} with a column {@code _ref_hit<i>} per reference of {@code table}: true when
     * the referenced id exists, null otherwise. Use with {@link #anyDangling} and
     * {@link #danglingArray}, then drop {@link #hitColumns}.
     */
    public static Dataset<Row> withHits(Dataset<Row> rows, TableContract table, Map<String, Dataset<Row>> targetKeys) {
        List<Reference> refs = table.references();
        if (refs.isEmpty()) {
            throw new IllegalArgumentException(table.name() + " has no references");
        }
        Dataset<Row> joined = rows;
        for (int i = 0; i < refs.size(); i++) {
            Reference ref = refs.get(i);
            Dataset<Row> keys = targetKeys.get(ref.column());
            if (keys == null) {
                throw new IllegalArgumentException("no ids given for " + table.name() + "." + ref.column());
            }
            String key = "_ref_key" + i;
            Dataset<Row> k = keys.select(col(keys.columns()[0]).as(key)).withColumn("_ref_hit" + i, lit(true));
            joined = joined.join(k, col(ref.column()).equalTo(col(key)), "left").drop(key);
        }
        return joined;
    }

    public static String[] hitColumns(TableContract table) {
        return java.util.stream.IntStream.range(0, table.references().size()).mapToObj(i -> "_ref_hit" + i)
                .toArray(String[]::new);
    }

    /** True when any reference of the row dangles (over {@link #withHits} columns). */
    public static Column anyDangling(TableContract table) {
        Column any = lit(false);
        for (int i = 0; i < table.references().size(); i++) {
            any = any.or(dangles(table.references().get(i), i));
        }
        return any;
    }

    /** The row's dangling references as an array of {@code column_name, raw_value, message}. */
    public static Column danglingArray(TableContract table) {
        List<Column> found = new ArrayList<>();
        for (int i = 0; i < table.references().size(); i++) {
            Reference ref = table.references().get(i);
            found.add(when(dangles(ref, i), struct(
                    lit(ref.column()).as("column_name"),
                    col(ref.column()).as("raw_value"),
                    concat(lit(ref.column() + " '"), col(ref.column()),
                            lit("' names no " + ref.targetColumn() + " in " + ref.table())).as("message"))));
        }
        return filter(array(found.toArray(Column[]::new)), Column::isNotNull);
    }

    private static Column dangles(Reference ref, int i) {
        return col(ref.column()).isNotNull().and(col("_ref_hit" + i).isNull());
    }

    private static Column[] refColumns(TableContract table) {
        List<Column> cols = new ArrayList<>();
        cols.add(col(RowParser.LINE));
        table.references().stream().map(Reference::column).distinct().forEach(c -> cols.add(col(c)));
        return cols.toArray(Column[]::new);
    }
}
