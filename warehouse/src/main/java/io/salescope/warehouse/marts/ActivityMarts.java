package io.salescope.warehouse.marts;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/** Daily activity and lead counts per owner. */
public final class ActivityMarts {

    private ActivityMarts() {
    }

    /** {@code mart_activity_counts}: activities and their total duration per day, owner and type. */
    public static Dataset<Row> activityCounts(Dataset<Row> activities) {
        Dataset<Row> out = activities
                .groupBy(col("occurred_date"), col("owner_id"), col("type"))
                .agg(count(lit(1)).as("activities"),
                        coalesce(sum(col("duration_minutes")), lit(0.0)).as("duration_minutes"));
        return SparkSchemas.conform(out, MartTables.ACTIVITY_COUNTS);
    }

    /** {@code mart_lead_conversion}: leads created per day, owner, source and country, and how many converted. */
    public static Dataset<Row> leadConversion(Dataset<Row> leads) {
        Dataset<Row> out = leads
                .groupBy(col("created_date"), col("owner_id"), col("source"), col("country"))
                .agg(count(lit(1)).as("leads_created"),
                        sum(when(col("status").equalTo("converted"), 1L).otherwise(0L)).as("leads_converted"));
        return SparkSchemas.conform(out, MartTables.LEAD_CONVERSION);
    }
}
