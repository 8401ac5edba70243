package io.salescope.forecasting.datasets;

import io.salescope.forecasting.features.FeatureSpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log1p;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

/**
 * The IT-consulting bids (10,061 deals 2011–2019, one date each: the deal date) as the model's
 * feature frame. Not a CRM export, so no stages, history or activities: the features are the
 * client category, solution type, sector, location, VP, the log of the deal cost, and the
 * manager's and VP's win rates over deals dated before the one scored (for a test origin,
 * before the origin). The deal date stands in for the date the outcome became known, the only
 * date the data has. Test scope only.
 */
final class ItConsultingAdapter {

    static final FeatureSpec SPEC = new FeatureSpec("deal_id",
            List.of("log_cost", "manager_win_rate", "manager_deals", "vp_win_rate", "vp_deals"),
            List.of("client_category", "solution_type", "sector", "location", "vp"));

    private ItConsultingAdapter() {
    }

    static Dataset<Row> read(SparkSession spark, Path folder) {
        Dataset<Row> raw = spark.read().option("header", "true").option("encoding", "UTF-8")
                .csv(folder.resolve("Win_Prediction_Data.csv").toString());
        String first = raw.columns()[0];
        return raw.withColumnRenamed(first, "Client Category")
                .select(coalesce(trim(col("`Client Category`")), lit("(none)")).as("client_category"),
                        coalesce(trim(col("`Solution Type`")), lit("(none)")).as("solution_type"),
                        to_date(col("`Deal Date`"), "d-MMM-yy").as("deal_date"),
                        coalesce(trim(col("Sector")), lit("(none)")).as("sector"),
                        coalesce(trim(col("Location")), lit("(none)")).as("location"),
                        trim(regexp_replace(col("`VP Name`"), "\u00a0", " ")).as("vp"),
                        trim(regexp_replace(col("`Manager Name`"), "\u00a0", " ")).as("manager"),
                        col("`Deal Cost`").cast("double").as("cost"),
                        when(col("`Deal Status Code`").equalTo("Won"), 1.0).otherwise(0.0).as("label"))
                .withColumn("deal_id", monotonically_increasing_id().cast("string"))
                .withColumn("log_cost", log1p(coalesce(col("cost"), lit(0.0))));
    }

    /** Adds the manager's and VP's smoothed win rates over deals dated before {@code cutoff} (or the deal's own date). */
    static Dataset<Row> withRates(Dataset<Row> deals, Dataset<Row> history, LocalDate cutoff, double prior) {
        Dataset<Row> out = deals;
        for (String who : List.of("manager", "vp")) {
            Dataset<Row> h = history.select(col(who).as("h_key"), col("deal_date").as("h_date"), col("label").as("h_label"));
            org.apache.spark.sql.Column before = cutoff == null ? col("h_date").lt(col("deal_date"))
                    : col("h_date").lt(lit(cutoff.toString()).cast("date"));
            Dataset<Row> rates = out.select(col("deal_id"), col(who), col("deal_date"))
                    .join(h, col(who).equalTo(col("h_key")).and(before), "left")
                    .groupBy("deal_id").agg(sum(coalesce(col("h_label"), lit(0.0))).as(who + "_won"), count(col("h_label")).as(who + "_n"));
            out = out.join(rates, "deal_id")
                    .withColumn(who + "_win_rate", col(who + "_won").plus(lit(5 * prior)).divide(col(who + "_n").plus(5)))
                    .withColumn(who + "_deals", log1p(col(who + "_n").cast("double")))
                    .drop(who + "_won", who + "_n");
        }
        return out.withColumn("prior", lit(prior));
    }
}
