package io.salescope.ingest.transform;

import io.salescope.core.contract.TableContract;
import io.salescope.ingest.parse.RowParser;
import io.salescope.ingest.spark.ContractSchemas;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * Shapes what a run rejected and warned about into the rows of {@code Tables.QUARANTINE} and
 * {@code Tables.INGEST_WARNINGS}.
 */
public final class IngestRecords {

    public static final String UNKNOWN_COLUMN = "unknown_column";
    public static final String INVALID_VALUE = "invalid_value";
    public static final String DANGLING_REFERENCE = "dangling_reference";
    public static final String NO_RATE = "no_rate";

    private IngestRecords() {
    }

    /** The quarantined records of parsed rows ({@link RowParser#schema}). */
    public static Dataset<Row> quarantine(Dataset<Row> parsed, String runId, TableContract table, String sourceFile) {
        return quarantine(parsed, runId, table, lit(sourceFile));
    }

    /**
     * The quarantined records of parsed rows, naming each one's source with {@code sourceFile}
     * (rows of several source files). Filtered records and deletions are no rejections.
     */
    public static Dataset<Row> quarantine(Dataset<Row> parsed, String runId, TableContract table, Column sourceFile) {
        Column reason = col(RowParser.QUARANTINE + ".reason");
        return parsed.filter(col(RowParser.QUARANTINE).isNotNull()
                        .and(reason.notEqual(RowParser.FILTERED)).and(reason.notEqual(RowParser.DELETED))).select(
                lit(runId).as("run_id"),
                lit(table.name()).as("table_name"),
                sourceFile.as("source_file"),
                col(RowParser.LINE).as("line"),
                col(RowParser.QUARANTINE + ".column_name").as("column_name"),
                col(RowParser.QUARANTINE + ".raw_value").as("raw_value"),
                col(RowParser.QUARANTINE + ".reason").as("reason"),
                col(RowParser.QUARANTINE + ".message").as("message"),
                col(RowParser.QUARANTINE + ".raw_record").as("raw_record"));
    }

    /**
     * Every warning of kept rows, from one pass over them: invalid_value (optional values stored
     * as null), no_rate (amounts with no valid rate, where the table converts amounts) and
     * dangling_reference (when {@code kept} carries the {@link References#withHits} columns).
     * Cheap conditions pick the rows with warnings first; only those get warning arrays.
     */
    public static Dataset<Row> warnings(Dataset<Row> kept, String runId, TableContract table, String sourceFile) {
        return warnings(kept, runId, table, lit(sourceFile));
    }

    /** As {@link #warnings(Dataset, String, TableContract, String)}, naming each row's source with a column. */
    public static Dataset<Row> warnings(Dataset<Row> kept, String runId, TableContract table, Column sourceFile) {
        Column any = anyWarning(kept, table);
        List<Column> parts = new ArrayList<>();
        parts.add(transform(coalesce(col(RowParser.WARNINGS), array()), w -> warning(lit(INVALID_VALUE),
                w.getField("column_name"), w.getField("raw_value"), w.getField("message"))));
        Optional<Column> date = CurrencyConversion.conversionDate(table);
        if (date.isPresent()) {
            Column message = when(col("currency").isNull(),
                    lit("amount has no currency, so it cannot be converted; amount_converted is null"))
                    .otherwise(concat(lit("no exchange rate for "), col("currency"), lit(" valid on "),
                            date.get().cast("string"), lit("; amount_converted is null (add the rate to exchange_rates.csv)")));
            Column unpriced = unpriced();
            parts.add(when(unpriced, array(warning(lit(NO_RATE), lit("currency"), col("currency"), message)))
                    .otherwise(array()));
        }
        List<String> columns = List.of(kept.columns());
        if (!table.references().isEmpty() && columns.contains(References.hitColumns(table)[0])) {
            parts.add(transform(References.danglingArray(table), d -> warning(lit(DANGLING_REFERENCE),
                    d.getField("column_name"), d.getField("raw_value"), d.getField("message"))));
        }
        Column all = concat(parts.toArray(Column[]::new));
        return kept.filter(any)
                .select(col(RowParser.LINE), sourceFile.as("_source_file"), explode(all).as("_w"))
                .select(
                        lit(runId).as("run_id"),
                        lit(table.name()).as("table_name"),
                        col("_source_file").as("source_file"),
                        col(RowParser.LINE).as("line"),
                        col("_w.kind").as("kind"),
                        col("_w.column_name").as("column_name"),
                        col("_w.raw_value").as("raw_value"),
                        col("_w.message").as("message"));
    }

    /**
     * True for a kept row that {@link #warnings} gives at least one warning: an invalid value,
     * no rate where the table converts amounts, or (when {@code kept} carries the
     * {@link References#withHits} columns) a dangling reference.
     */
    public static Column anyWarning(Dataset<Row> kept, TableContract table) {
        Column any = col(RowParser.WARNINGS).isNotNull();
        if (CurrencyConversion.conversionDate(table).isPresent()) {
            any = any.or(unpriced());
        }
        if (!table.references().isEmpty() && List.of(kept.columns()).contains(References.hitColumns(table)[0])) {
            any = any.or(References.anyDangling(table));
        }
        return any;
    }

    private static Column unpriced() {
        return col("amount").isNotNull().and(col("amount_converted").isNull());
    }

    private static Column warning(Column kind, Column column, Column raw, Column message) {
        return struct(kind.as("kind"), column.cast("string").as("column_name"), raw.cast("string").as("raw_value"),
                message.cast("string").as("message"));
    }

    /** Casts to the contract's column types, so unions and writes see exactly the contract schema. */
    public static Dataset<Row> conform(Dataset<Row> rows, TableContract table) {
        return rows.select(table.columns().stream()
                .map(c -> col(c.name()).cast(ContractSchemas.sparkType(c.type())).as(c.name()))
                .toArray(Column[]::new));
    }
}
