package io.salescope.ingest.transform;

import io.salescope.core.contract.TableContract;
import io.salescope.ingest.parse.RowParser;
import io.salescope.ingest.spark.ContractSchemas;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.col;
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
        return parsed.filter(col(RowParser.QUARANTINE).isNotNull()).select(
                lit(runId).as("run_id"),
                lit(table.name()).as("table_name"),
                lit(sourceFile).as("source_file"),
                col(RowParser.LINE).as("line"),
                col(RowParser.QUARANTINE + ".column_name").as("column_name"),
                col(RowParser.QUARANTINE + ".raw_value").as("raw_value"),
                col(RowParser.QUARANTINE + ".reason").as("reason"),
                col(RowParser.QUARANTINE + ".message").as("message"),
                col(RowParser.QUARANTINE + ".raw_record").as("raw_record"));
    }

    /** invalid_value warnings of kept rows: optional values stored as null. */
    public static Dataset<Row> invalidValues(Dataset<Row> kept, String runId, TableContract table, String sourceFile) {
        Dataset<Row> exploded = kept.filter(col(RowParser.WARNINGS).isNotNull())
                .select(col(RowParser.LINE), explode(col(RowParser.WARNINGS)).as("_w"));
        return warnings(exploded, runId, table, sourceFile, lit(INVALID_VALUE), col("_w.column_name"),
                col("_w.raw_value"), col("_w.message"));
    }

    /** no_rate warnings of kept rows with converted amounts ({@link CurrencyConversion#apply}). */
    public static Dataset<Row> noRates(Dataset<Row> converted, String runId, TableContract table, String sourceFile) {
        Column date = CurrencyConversion.conversionDate(table).orElseThrow();
        Column message = when(col("currency").isNull(),
                lit("amount has no currency, so it cannot be converted; amount_converted is null"))
                .otherwise(concat(lit("no exchange rate for "), col("currency"), lit(" valid on "),
                        date.cast("string"), lit("; amount_converted is null (add the rate to exchange_rates.csv)")));
        return warnings(CurrencyConversion.unpriced(converted), runId, table, sourceFile, lit(NO_RATE),
                lit("currency"), col("currency"), message);
    }

    /** dangling_reference warnings from {@link References#dangling}. */
    public static Dataset<Row> dangling(Dataset<Row> dangling, String runId, TableContract table, String sourceFile) {
        return warnings(dangling.withColumnRenamed("line", RowParser.LINE), runId, table, sourceFile,
                lit(DANGLING_REFERENCE), col("column_name"), col("raw_value"), col("message"));
    }

    private static Dataset<Row> warnings(Dataset<Row> rows, String runId, TableContract table, String sourceFile,
                                         Column kind, Column column, Column raw, Column message) {
        return rows.select(
                lit(runId).as("run_id"),
                lit(table.name()).as("table_name"),
                lit(sourceFile).as("source_file"),
                col(RowParser.LINE).as("line"),
                kind.as("kind"),
                column.as("column_name"),
                raw.as("raw_value"),
                message.as("message"));
    }

    /** Casts to the contract's column types, so unions and writes see exactly the contract schema. */
    public static Dataset<Row> conform(Dataset<Row> rows, TableContract table) {
        return rows.select(table.columns().stream()
                .map(c -> col(c.name()).cast(ContractSchemas.sparkType(c.type())).as(c.name()))
                .toArray(Column[]::new));
    }
}
