package io.salescope.warehouse.marts;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.bit_or;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;

/** {@code mart_stage_funnel}: how far the opportunities created each month got, per owner. */
public final class FunnelMart {

    private FunnelMart() {
    }

    /** One step of the funnel: an open or won stage of the stage model, in position order. */
    record Step(int number, String stage, String key, Integer position, String category) {
        long bit() {
            return 1L << number;
        }
    }

    /**
     * Per created month × owner × funnel stage (the open and won stages in stage-model order):
     * opportunities created, how many ever reached the stage, and stage-to-stage conversion.
     *
     * <p>"Reached" follows metrics-v1 literally: the stage appears in the opportunity's history
     * or is its current stage, and a currently won opportunity reached every open stage. An
     * open deal that skipped a stage did not reach it, so a step's conversion can exceed 1.
     *
     * <p>Each opportunity's reached stages are one bit mask (history aggregated per opportunity
     * before it is joined), so the funnel costs one pass over history and one join.
     */
    public static Dataset<Row> stageFunnel(Dataset<Row> opportunities, Dataset<Row> opportunityHistory,
                                           Dataset<Row> stages) {
        List<Step> steps = funnelSteps(stages);
        List<Row> bitRows = steps.stream().map(s -> RowFactory.create(s.key(), s.bit())).toList();
        Dataset<Row> bits = broadcast(stages.sparkSession().createDataFrame(bitRows, DataTypes.createStructType(List.of(
                DataTypes.createStructField("stage_key", DataTypes.StringType, false),
                DataTypes.createStructField("bit", DataTypes.LongType, false)))));
        long openStages = steps.stream().filter(s -> s.category().equals("open")).mapToLong(Step::bit).sum();

        Dataset<Row> inHistory = opportunityHistory
                .select(col("opportunity_id"), lower(trim(col("stage"))).as("stage_key"))
                .join(bits, "stage_key")
                .groupBy(col("opportunity_id"))
                .agg(bit_or(col("bit")).as("history_mask"));
        Dataset<Row> reached = opportunities
                .select(col("opportunity_id"), col("owner_id"), trunc(col("created_date"), "month").as("created_month"),
                        lower(trim(col("stage"))).as("stage_key"), col("stage_category"))
                .join(bits, new String[]{"stage_key"}, "left")
                .join(inHistory, new String[]{"opportunity_id"}, "left")
                .withColumn("mask", coalesce(col("history_mask"), lit(0L))
                        .bitwiseOR(coalesce(col("bit"), lit(0L)))
                        .bitwiseOR(when(col("stage_category").equalTo("won"), lit(openStages)).otherwise(lit(0L))));

        List<Column> counts = new ArrayList<>(List.of(count(lit(1)).as("created")));
        for (Step s : steps) {
            counts.add(sum(when(col("mask").bitwiseAND(lit(s.bit())).notEqual(0L), 1L).otherwise(0L))
                    .as("reached_" + s.number()));
        }
        Dataset<Row> cohorts = reached.groupBy(col("created_month"), col("owner_id"))
                .agg(counts.get(0), counts.subList(1, counts.size()).toArray(Column[]::new));

        List<Column> rows = new ArrayList<>();
        for (Step s : steps) {
            rows.add(struct(
                    lit(s.number()).as("funnel_step"),
                    lit(s.stage()).as("stage"),
                    lit(s.position()).cast("int").as("stage_position"),
                    lit(s.category()).as("stage_category"),
                    col("reached_" + s.number()).as("reached"),
                    (s.number() == 1 ? lit(null).cast("long") : col("reached_" + (s.number() - 1))).as("reached_previous")));
        }
        Dataset<Row> out = cohorts
                .select(col("created_month"), col("owner_id"), col("created"),
                        explode(array(rows.toArray(Column[]::new))).as("s"))
                .select(col("created_month"), col("owner_id"), col("created"), col("s.*"))
                .withColumn("conversion_from_previous", when(col("reached_previous").gt(0),
                        col("reached").divide(col("reached_previous"))))
                .withColumn("reach_rate", col("reached").divide(col("created")));
        return SparkSchemas.conform(out, MartTables.STAGE_FUNNEL);
    }

    /** The funnel's steps: open then won stages by position (the stage model is a tiny table). */
    static List<Step> funnelSteps(Dataset<Row> stages) {
        List<Row> model = new ArrayList<>(stages
                .where(col("category").isin("open", "won"))
                .select(col("stage"), col("position"), col("category"))
                .collectAsList());
        model.sort(Comparator.comparing((Row r) -> r.isNullAt(1) ? Integer.MAX_VALUE : r.getInt(1))
                .thenComparing(r -> r.getString(0)));
        if (model.size() > 62) {
            throw new IllegalArgumentException("the stage model has " + model.size()
                    + " open and won stages; the funnel supports at most 62");
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < model.size(); i++) {
            Row s = model.get(i);
            steps.add(new Step(i + 1, s.getString(0), s.getString(0).trim().toLowerCase(Locale.ROOT),
                    s.isNullAt(1) ? null : s.getInt(1), s.getString(2)));
        }
        return steps;
    }
}
