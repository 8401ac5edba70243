package io.salescope.forecasting.datasets;

import io.salescope.forecasting.features.FeatureSpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * The Salvirt B2B deals (448 closed deals, 22 categorical qualification attributes, no dates
 * or amounts) as the model's feature frame. Every attribute is a categorical feature, the
 * seller among them. Folds for cross-validation come from a seeded hash of the whole row, so
 * the 83 exact duplicate rows always share a fold and cannot leak from training to test.
 * Test scope only.
 */
final class SalvirtAdapter {

    private SalvirtAdapter() {
    }

    static List<String> attributes(Dataset<Row> raw) {
        return Arrays.stream(raw.columns()).filter(c -> !c.equals("Status")).toList();
    }

    static FeatureSpec spec(List<String> attributes) {
        return new FeatureSpec("deal_id", List.of(), attributes.stream().map(SalvirtAdapter::name).toList());
    }

    static String name(String attribute) {
        return attribute.toLowerCase(Locale.ROOT);
    }

    static Dataset<Row> read(SparkSession spark, Path folder, int folds, long seed) {
        Dataset<Row> raw = spark.read().option("header", "true").csv(folder.resolve("B2B_dataset.csv").toString());
        List<String> attributes = attributes(raw);
        List<org.apache.spark.sql.Column> cols = new ArrayList<>();
        for (String a : attributes) {
            cols.add(coalesce(trim(col(a)), lit("(none)")).as(name(a)));
        }
        cols.add(when(trim(col("Status")).equalTo("Won"), 1.0).otherwise(0.0).as("label"));
        cols.add(pmod(xxhash64(concat_ws("|", attributes.stream().map(a -> col(a)).toArray(org.apache.spark.sql.Column[]::new)),
                lit(seed)), lit(folds)).as("fold"));
        return raw.select(cols.toArray(org.apache.spark.sql.Column[]::new))
                .withColumn("deal_id", monotonically_increasing_id().cast("string"));
    }
}
