package io.salescope.ingest.transform;

import io.salescope.core.contract.TableContract;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;

/**
 * Looks each row's stage up in the stage model (ignoring case and surrounding spaces): stores
 * the model's spelling and derives stage_category, stage_position and, where the table has it,
 * stage_probability. A stage the model lacks keeps its spelling and gets null derivations.
 */
public final class StageDerivation {

    private StageDerivation() {
    }

    /** @param stages the stage model, rows of {@code Tables.STAGES} */
    public static Dataset<Row> apply(Dataset<Row> rows, Dataset<Row> stages, TableContract table) {
        return apply(rows, stages, table, false);
    }

    /**
     * @param spelled true when {@code rows} already hold the model's spelling (as
     *     {@link io.salescope.ingest.parse.RowParser} writes it), so an exact match suffices
     */
    public static Dataset<Row> apply(Dataset<Row> rows, Dataset<Row> stages, TableContract table, boolean spelled) {
        Dataset<Row> model = broadcast(stages.select(
                (spelled ? col("stage") : Keys.lowerTrimmed(col("stage"))).as("_sm_key"),
                col("stage").as("_sm_stage"),
                col("category").as("_sm_category"),
                col("position").as("_sm_position"),
                col("probability").as("_sm_probability")));
        Dataset<Row> joined = rows.join(model,
                        (spelled ? rows.col("stage") : Keys.lowerTrimmed(rows.col("stage"))).equalTo(col("_sm_key")), "left")
                .withColumn("stage", coalesce(col("_sm_stage"), col("stage")))
                .withColumn("stage_category", col("_sm_category"))
                .withColumn("stage_position", col("_sm_position"));
        if (table.column("stage_probability").isPresent()) {
            joined = joined.withColumn("stage_probability", col("_sm_probability"));
        }
        return joined.drop("_sm_key", "_sm_stage", "_sm_category", "_sm_position", "_sm_probability");
    }
}
