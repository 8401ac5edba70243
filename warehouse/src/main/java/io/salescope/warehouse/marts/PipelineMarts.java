package io.salescope.warehouse.marts;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.last;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

/** The pipeline through time: history as validity intervals, and month-end snapshots of it. */
public final class PipelineMarts {

    private PipelineMarts() {
    }

    /** The state columns an interval carries, in the order both event sources are selected. */
    private static final List<String> STATE = List.of("amount", "currency", "amount_converted", "close_date",
            "forecast_category", "probability");

    /**
     * {@code mart_pipeline_history}: one row per opportunity and state, {@code [valid_from,
     * valid_to)}, so "the pipeline as of instant t" is the rows with valid_from ≤ t &lt; valid_to
     * (or valid_to null).
     *
     * <p>Each history row starts an interval; fields a history row leaves empty carry the last
     * value known before it, else the opportunity's current value. The opportunity's current
     * row is the final interval unless history's last row already agrees with it (stage,
     * amount, currency, close date, forecast category, probability); it starts at modified_at,
     * or replaces history's last row when modified_at is not later. An opportunity without
     * history is one interval from created_at; the first interval never starts after
     * created_at. History rows of opportunities that no longer exist are dropped.
     */
    public static Dataset<Row> history(Dataset<Row> opportunities, Dataset<Row> opportunityHistory, Dataset<Row> stages) {
        Dataset<Row> model = broadcast(stages.select(
                lower(trim(col("stage"))).as("model_key"),
                col("stage").as("model_stage"),
                col("position").as("model_position"),
                col("probability").as("model_probability"),
                col("category").as("model_category")));

        List<Column> common = new ArrayList<>(List.of(col("opportunity_id"), col("stage"), col("stage_category"),
                col("stage_position")));
        STATE.forEach(c -> common.add(col(c)));
        Dataset<Row> fromHistory = opportunityHistory.select(concat(common,
                col("changed_at").as("ts"), lit(0).as("is_cur"),
                lit(null).cast("string").as("owner_id"), lit(null).cast("timestamp").as("created_at")));
        Dataset<Row> fromCurrent = opportunities.select(concat(common,
                col("modified_at").as("ts"), lit(1).as("is_cur"), col("owner_id"), col("created_at")));

        Dataset<Row> events = fromHistory.unionByName(fromCurrent)
                .join(model, lower(trim(col("stage"))).equalTo(col("model_key")), "left")
                .withColumn("stage_key", lower(trim(col("stage"))))
                .withColumn("stage", coalesce(col("model_stage"), col("stage")))
                .withColumn("stage_category", coalesce(col("stage_category"), col("model_category")))
                .withColumn("stage_position", coalesce(col("stage_position"), col("model_position")))
                .withColumn("stage_probability", col("model_probability"));

        // History rows first, the current row last, whatever its modified_at says. Everything is
        // computed in two window passes over this one ordering (one shuffle, one sort): the
        // first sees each row's neighbours and what history knew up to it, the second numbers
        // the intervals that remain.
        WindowSpec byOpp = Window.partitionBy("opportunity_id").orderBy(col("is_cur"), col("ts"));
        WindowSpec upToHere = byOpp.rowsBetween(Window.unboundedPreceding(), Window.currentRow());
        WindowSpec whole = byOpp.rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing());
        Column isCur = col("is_cur").equalTo(1);
        Column isHistory = col("is_cur").equalTo(0);

        Dataset<Row> neighbours = events.select(col("*"),
                last(when(isCur, struct(col("owner_id"), col("created_at"), col("stage_key"), col("amount"),
                        col("currency"), col("amount_converted"), col("close_date"), col("forecast_category"),
                        col("probability"))), true).over(whole).as("cur"),
                last(when(isHistory.and(col("amount").isNotNull()),
                        struct(col("amount"), col("currency"), col("amount_converted"))), true).over(upToHere).as("money"),
                last(when(isHistory, col("close_date")), true).over(upToHere).as("known_close_date"),
                last(when(isHistory, col("forecast_category")), true).over(upToHere).as("known_forecast_category"),
                last(when(isHistory, col("probability")), true).over(upToHere).as("known_probability"),
                lag(col("ts"), 1).over(byOpp).as("prev_ts"),
                lag(col("stage_key"), 1).over(byOpp).as("prev_stage_key"),
                lead(col("ts"), 1).over(byOpp).as("next_ts"),
                lead(col("is_cur"), 1).over(byOpp).as("next_is_cur"));

        // What history knew at this row: a history row's own fields, empty ones carried from the
        // rows before it, else the current values; at the current row, history's last state.
        Column known = col("money").isNotNull();
        Column historyAmount = when(known, col("money.amount")).otherwise(col("cur.amount"));
        Column historyCurrency = when(known, coalesce(col("money.currency"), col("cur.currency")))
                .otherwise(col("cur.currency"));
        Column historyConverted = when(known, col("money.amount_converted")).otherwise(col("cur.amount_converted"));
        Column historyClose = coalesce(col("known_close_date"), col("cur.close_date"));
        Column historyForecast = coalesce(col("known_forecast_category"), col("cur.forecast_category"));
        Column historyProbability = coalesce(col("known_probability"), col("cur.probability"));
        Column historyStage = when(isCur, col("prev_stage_key")).otherwise(col("stage_key"));
        Column agreesWithCurrent = historyStage.eqNullSafe(col("cur.stage_key"))
                .and(historyAmount.eqNullSafe(col("cur.amount")))
                .and(historyCurrency.eqNullSafe(col("cur.currency")))
                .and(historyClose.eqNullSafe(col("cur.close_date")))
                .and(historyForecast.eqNullSafe(col("cur.forecast_category")))
                .and(historyProbability.eqNullSafe(col("cur.probability")));
        Column noHistory = col("prev_ts").isNull();

        Dataset<Row> intervals = neighbours
                .where(col("cur").isNotNull())
                .select(col("opportunity_id"), col("is_cur"), col("ts"), col("stage"), col("stage_category"),
                        col("stage_position"), col("stage_probability"),
                        col("cur.owner_id").as("owner_id"),
                        when(isCur, col("amount")).otherwise(historyAmount).as("amount"),
                        when(isCur, col("currency")).otherwise(historyCurrency).as("currency"),
                        when(isCur, col("amount_converted")).otherwise(historyConverted).as("amount_converted"),
                        when(isCur, col("close_date")).otherwise(historyClose).as("close_date"),
                        when(isCur, col("forecast_category")).otherwise(historyForecast).as("forecast_category"),
                        when(isCur, col("probability")).otherwise(historyProbability).as("probability"),
                        // The current row adds an interval only when history is missing or disagrees.
                        isHistory.or(noHistory).or(not(agreesWithCurrent)).as("kept"),
                        when(isCur.and(noHistory), col("cur.created_at"))
                                .when(noHistory, least(col("ts"), col("cur.created_at")))
                                .when(isCur, greatest(col("ts"), col("prev_ts")))
                                .otherwise(col("ts")).as("valid_from"),
                        // History's last row ends where the current row's interval starts, or
                        // is itself the current state when it agrees with the opportunity row.
                        when(isCur, lit(null).cast("timestamp"))
                                .when(col("next_is_cur").equalTo(1),
                                        when(agreesWithCurrent, lit(null).cast("timestamp"))
                                                .otherwise(greatest(col("next_ts"), col("ts"))))
                                .otherwise(col("next_ts")).as("valid_to"))
                .where(col("kept").and(col("valid_to").isNull().or(col("valid_to").gt(col("valid_from")))));

        Dataset<Row> out = intervals.select(col("*"),
                row_number().over(byOpp).as("seq"),
                col("valid_to").isNull().as("is_current"),
                coalesce(col("stage_position").lt(lag(col("stage_position"), 1).over(byOpp)), lit(false)).as("is_regression"),
                coalesce(col("close_date").gt(lag(col("close_date"), 1).over(byOpp)), lit(false)).as("is_push"),
                isHistory.as("from_history"));
        return SparkSchemas.conform(out, MartTables.PIPELINE_HISTORY);
    }

    /**
     * The snapshot dates of {@code mart_pipeline_snapshots}: every month end from the month of
     * the earliest opportunity's created_date up to, not including, the reference date.
     */
    public static List<LocalDate> snapshotDates(Dataset<Row> opportunities, LocalDate referenceDate) {
        Row first = opportunities.agg(min(col("created_date"))).first();
        if (first.isNullAt(0)) {
            return List.of();
        }
        Object earliest = first.get(0);
        return monthEnds(earliest instanceof LocalDate d ? d : ((java.sql.Date) earliest).toLocalDate(), referenceDate);
    }

    /** Month ends on or after {@code from}'s month end and before {@code before}. */
    public static List<LocalDate> monthEnds(LocalDate from, LocalDate before) {
        List<LocalDate> out = new ArrayList<>();
        for (YearMonth m = YearMonth.from(from); m.atEndOfMonth().isBefore(before); m = m.plusMonths(1)) {
            out.add(m.atEndOfMonth());
        }
        return out;
    }

    /**
     * {@code mart_pipeline_snapshots}: the open opportunities as they stood at the end of each
     * date in {@code asOfDates} (00:00 of the next day in {@code zone}), from the intervals of
     * {@link #history}.
     */
    public static Dataset<Row> snapshots(Dataset<Row> pipelineHistory, List<LocalDate> asOfDates, ZoneId zone) {
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("as_of_date", DataTypes.DateType, false),
                DataTypes.createStructField("as_of_instant", DataTypes.TimestampType, false)));
        List<Row> rows = asOfDates.stream()
                .map(d -> RowFactory.create(d, d.plusDays(1).atStartOfDay(zone).toInstant()))
                .toList();
        Dataset<Row> instants = pipelineHistory.sparkSession().createDataFrame(rows, schema);
        Dataset<Row> open = pipelineHistory.where(col("stage_category").equalTo("open"));
        Dataset<Row> joined = open.join(broadcast(instants),
                col("valid_from").lt(col("as_of_instant"))
                        .and(col("valid_to").isNull().or(col("valid_to").geq(col("as_of_instant")))));
        return SparkSchemas.conform(joined, MartTables.PIPELINE_SNAPSHOTS);
    }

    private static Column[] concat(List<Column> first, Column... more) {
        List<Column> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all.toArray(Column[]::new);
    }
}
