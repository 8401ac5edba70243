package io.salescope.ingest.transform;

import io.salescope.core.contract.TableContract;
import io.salescope.core.contract.Tables;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Date;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * Converts amounts to the reporting currency at the rate valid on a row's date (crm-export-v1,
 * "Meaning"): opportunities on close_date, quotas on period_start, stage-history rows on their
 * close_date, else the day of the change. The reporting currency's rate is 1; an amount with
 * no valid rate gets a null conversion, never zero. A row with its own {@code exchange_rate}
 * (an extension for CRMs that store a rate per record) is converted at that rate, with no
 * rate_date.
 */
public final class CurrencyConversion {

    public static final StructType SEGMENT_SCHEMA = new StructType()
            .add("_r_currency", DataTypes.StringType)
            .add("_r_from", DataTypes.DateType)
            .add("_r_to", DataTypes.DateType)
            .add("_r_rate", DataTypes.DoubleType)
            .add("_r_date", DataTypes.DateType);

    private CurrencyConversion() {
    }

    /** Tables with converted amounts, and the date whose rate applies. */
    public static Optional<Column> conversionDate(TableContract table) {
        if (table.name().equals(Tables.OPPORTUNITIES.name())) {
            return Optional.of(col("close_date"));
        }
        if (table.name().equals(Tables.QUOTAS.name())) {
            return Optional.of(col("period_start"));
        }
        if (table.name().equals(Tables.OPPORTUNITY_HISTORY.name())) {
            return Optional.of(coalesce(col("close_date"), col("changed_date")));
        }
        return Optional.empty();
    }

    public static Dataset<Row> segments(SparkSession spark, List<RateSegments.Segment> segments) {
        List<Row> rows = segments.stream().map(s -> RowFactory.create(s.currency(), Date.valueOf(s.from()),
                s.to() == null ? null : Date.valueOf(s.to()), s.rate(), Date.valueOf(s.rateDate()))).toList();
        return spark.createDataFrame(rows, SEGMENT_SCHEMA);
    }

    /**
     * Sets amount_converted and, where the table has them, conversion_rate and rate_date.
     *
     * @param segments rows of {@link #SEGMENT_SCHEMA} (small; broadcast)
     */
    public static Dataset<Row> apply(Dataset<Row> rows, Dataset<Row> segments, String reportingCurrency,
                                     TableContract table) {
        Column date = conversionDate(table).orElseThrow(() ->
                new IllegalArgumentException(table.name() + " has no converted amounts"));
        Column sameCurrency = col("currency").equalTo(lit(reportingCurrency));
        Dataset<Row> joined = rows.withColumn("_conv_date", date)
                .join(broadcast(segments),
                        col("currency").equalTo(col("_r_currency"))
                                .and(col("_conv_date").geq(col("_r_from")))
                                .and(col("_r_to").isNull().or(col("_conv_date").lt(col("_r_to")))),
                        "left");
        // A row's own rate (CRMs that keep one per record) wins over the dated rates.
        boolean ownRate = table.column("exchange_rate").isPresent();
        Column rate = ownRate
                ? when(sameCurrency, lit(1.0)).when(col("exchange_rate").isNotNull(), col("exchange_rate"))
                        .otherwise(col("_r_rate"))
                : when(sameCurrency, lit(1.0)).otherwise(col("_r_rate"));
        Dataset<Row> out = joined.withColumn("amount_converted", col("amount").multiply(rate));
        if (table.column("conversion_rate").isPresent()) {
            out = out.withColumn("conversion_rate", rate);
        }
        if (table.column("rate_date").isPresent()) {
            Column noDate = ownRate ? sameCurrency.or(col("exchange_rate").isNotNull()) : sameCurrency;
            out = out.withColumn("rate_date", when(noDate, lit(null).cast(DataTypes.DateType)).otherwise(col("_r_date")));
        }
        return out.drop("_conv_date", "_r_currency", "_r_from", "_r_to", "_r_rate", "_r_date");
    }

    /** Kept rows with an amount and no valid rate: each is one no_rate warning. */
    public static Dataset<Row> unpriced(Dataset<Row> converted) {
        return converted.filter(col("amount").isNotNull().and(col("amount_converted").isNull()));
    }
}
