package io.salescope.forecasting.features;

import io.salescope.forecasting.data.ForecastInputs;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.last;
import static org.apache.spark.sql.functions.last_day;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log1p;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;

/**
 * Point-in-time snapshots of opportunities: for a snapshot date {@code d}, every opportunity
 * open at the end of {@code d}, described only by what was known then.
 *
 * <p>"Known at d" means: stage-history rows and activities dated on or before {@code d}, and
 * closed deals (for the rep's and the account's win rates) closed strictly before {@code d}.
 * The current {@code opportunities} row holds today's state; of it only the immutable fields
 * (owner, account, product, type, source, created_at) are used directly. Its stage, amount and
 * close date enter the timeline as one more history row dated {@code modified_at} (and, for a
 * closed deal, one dated {@code closed_at}): true from that instant on, so never before it.
 *
 * <p>Each row also carries the eventual outcome ({@code won}, null while open) and the date
 * the deal closed ({@code closed_on}); they are labels, never features, and a training set
 * built at a cutoff keeps only deals with {@code closed_on <= cutoff}.
 */
public final class SnapshotFeatures {

    /** Numeric features, in model order. */
    public static final List<String> NUMERIC = List.of(
            "stage_position", "stage_probability", "days_in_stage", "age_days", "log_amount", "days_to_close",
            "close_pushes", "stage_regressions", "rep_win_rate", "rep_closed", "account_win_rate", "account_closed",
            "activities_14d", "activities_30d", "meetings_14d", "days_since_activity", "early_meetings",
            "early_touches", "days_to_quarter_end");

    /** Categorical features, in model order. */
    public static final List<String> CATEGORICAL = List.of(
            "product", "product_family", "segment", "industry", "lead_source", "deal_type");

    public static final FeatureSpec SPEC = new FeatureSpec("opportunity_id", NUMERIC, CATEGORICAL);

    /** Pseudo-count pulling a rep's or account's win rate towards the company's. */
    static final double PRIOR_WEIGHT = 5;

    static final String NONE = "(none)";

    private final ZoneId zone;
    private final int fiscalStartMonth;

    public SnapshotFeatures(ZoneId zone, int fiscalStartMonth) {
        this.zone = requireNonNull(zone, "zone is null");
        this.fiscalStartMonth = fiscalStartMonth;
    }

    /** A one-column frame {@code snapshot_date} of the given dates. */
    public static Dataset<Row> dates(SparkSession spark, Collection<LocalDate> dates) {
        return spark.createDataset(dates.stream().sorted().distinct().map(LocalDate::toString).toList(), Encoders.STRING())
                .select(col("value").cast("date").as("snapshot_date"));
    }

    private Column localDate(Column timestamp) {
        return to_date(from_utc_timestamp(timestamp, zone.getId()));
    }

    /**
     * Every state an opportunity was in, one row per opportunity and day (the day's last
     * change), valid from {@code valid_from} until the day before {@code valid_to} (null =
     * still valid), with the running counts of close-date pushes and stage regressions and the
     * date the current stage was entered.
     */
    public Dataset<Row> timeline(ForecastInputs in) {
        Dataset<Row> stages = in.stages().select(lower(trim(col("stage"))).as("stage_key"),
                col("position").as("s_position"), col("probability").as("s_probability"),
                col("category").as("s_category"));
        Dataset<Row> recorded = in.history().select(
                col("opportunity_id"), col("changed_at"),
                coalesce(col("changed_date"), localDate(col("changed_at"))).as("changed_date"),
                col("stage"), col("amount_converted"), col("close_date"), lit(0).as("priority"));
        Dataset<Row> current = in.opportunities().select(
                col("opportunity_id"), col("modified_at").as("changed_at"),
                localDate(col("modified_at")).as("changed_date"),
                col("stage"), col("amount_converted"), col("close_date"), lit(1).as("priority"));
        Dataset<Row> closure = in.opportunities()
                .join(stages, lower(trim(col("stage"))).equalTo(col("stage_key")), "left")
                .where(coalesce(col("stage_category"), col("s_category")).isin("won", "lost"))
                .select(col("opportunity_id"),
                        coalesce(col("closed_at"), col("close_date").cast("timestamp")).as("changed_at"),
                        coalesce(localDate(col("closed_at")), col("close_date")).as("changed_date"),
                        col("stage"), col("amount_converted"), col("close_date"), lit(2).as("priority"));
        Dataset<Row> rows = recorded.unionByName(current).unionByName(closure)
                .where(col("changed_at").isNotNull())
                .join(broadcast(stages), lower(trim(col("stage"))).equalTo(col("stage_key")), "inner")
                .drop("stage_key");

        WindowSpec byTime = Window.partitionBy("opportunity_id").orderBy(col("changed_at"), col("priority"));
        WindowSpec upToNow = byTime.rowsBetween(Window.unboundedPreceding(), Window.currentRow());
        Dataset<Row> ordered = rows
                .withColumn("amount_ff", last(col("amount_converted"), true).over(upToNow))
                .withColumn("close_ff", last(col("close_date"), true).over(upToNow))
                .withColumn("prev_close", lag(col("close_ff"), 1).over(byTime))
                .withColumn("prev_position", lag(col("s_position"), 1).over(byTime))
                .withColumn("prev_category", lag(col("s_category"), 1).over(byTime))
                .withColumn("prev_stage", lag(col("stage"), 1).over(byTime))
                .withColumn("push", when(col("s_category").equalTo("open").and(col("prev_category").equalTo("open"))
                        .and(col("close_ff").gt(col("prev_close"))), 1).otherwise(0))
                .withColumn("regress", when(col("s_category").equalTo("open").and(col("prev_category").equalTo("open"))
                        .and(col("s_position").lt(col("prev_position"))), 1).otherwise(0))
                .withColumn("new_run", when(col("prev_stage").isNull()
                        .or(lower(trim(col("prev_stage"))).notEqual(lower(trim(col("stage"))))), 1).otherwise(0))
                .withColumn("close_pushes", sum(col("push")).over(upToNow))
                .withColumn("stage_regressions", sum(col("regress")).over(upToNow))
                .withColumn("run_id", sum(col("new_run")).over(upToNow))
                .withColumn("seq", row_number().over(byTime));
        Dataset<Row> withEntry = ordered.withColumn("stage_entered",
                min(col("changed_date")).over(Window.partitionBy("opportunity_id", "run_id")));
        WindowSpec byDay = Window.partitionBy("opportunity_id", "changed_date").orderBy(col("seq").desc());
        Dataset<Row> lastOfDay = withEntry.withColumn("day_rank", row_number().over(byDay))
                .where(col("day_rank").equalTo(1));
        return lastOfDay
                .withColumn("valid_to", lead(col("changed_date"), 1)
                        .over(Window.partitionBy("opportunity_id").orderBy(col("changed_date"))))
                .select(col("opportunity_id"), col("changed_date").as("valid_from"), col("valid_to"),
                        col("stage").as("stage_asof"), col("s_position").as("stage_position"),
                        col("s_probability").as("stage_probability_pct"), col("s_category").as("category_asof"),
                        col("amount_ff").as("amount_asof"), col("close_ff").as("close_date_asof"),
                        col("close_pushes"), col("stage_regressions"), col("stage_entered"));
    }

    /**
     * One row per opportunity: its immutable fields, descriptive categories, and its outcome:
     * {@code won} (1.0 won, 0.0 lost, null open) and {@code closed_on}, the day its final closed
     * state began.
     */
    public Dataset<Row> deals(ForecastInputs in, Dataset<Row> timeline) {
        Dataset<Row> last = timeline.where(col("valid_to").isNull())
                .select(col("opportunity_id").as("t_id"), col("category_asof").as("final_category"),
                        col("stage_entered").as("final_entered"));
        Dataset<Row> accounts = in.accounts().select(col("account_id").as("a_id"), col("industry"), col("segment"));
        Dataset<Row> products = in.products().select(col("product_id").as("p_id"), col("name").as("product_name"),
                col("family").as("product_family"));
        return in.opportunities()
                .join(last, col("opportunity_id").equalTo(col("t_id")), "left")
                .join(broadcast(products), col("product_id").equalTo(col("p_id")), "left")
                .join(accounts, col("account_id").equalTo(col("a_id")), "left")
                .select(col("opportunity_id"), col("owner_id"), col("account_id"),
                        coalesce(col("created_date"), localDate(col("created_at"))).as("created_date"),
                        coalesce(col("product_name"), col("product_id"), lit(NONE)).as("product"),
                        coalesce(col("product_family"), lit(NONE)).as("product_family"),
                        coalesce(col("segment"), lit(NONE)).as("segment"),
                        coalesce(col("industry"), lit(NONE)).as("industry"),
                        coalesce(col("lead_source"), lit(NONE)).as("lead_source"),
                        coalesce(col("type"), lit(NONE)).as("deal_type"),
                        when(col("final_category").equalTo("won"), 1.0)
                                .when(col("final_category").equalTo("lost"), 0.0).as("won"),
                        when(col("final_category").isin("won", "lost"), col("final_entered")).as("closed_on"),
                        col("close_date").as("final_close_date"),
                        col("amount_converted").as("final_amount"));
    }

    /** Closed deals: opportunity_id, owner_id, account_id, closed_on, won. */
    public static Dataset<Row> closed(Dataset<Row> deals) {
        return deals.where(col("closed_on").isNotNull())
                .select(col("opportunity_id"), col("owner_id"), col("account_id"), col("closed_on"), col("won"));
    }

    /**
     * The feature frame: one row per (opportunity open at the end of d, d) for every date in
     * {@code snapshotDates}, with {@link #NUMERIC} and {@link #CATEGORICAL} features, the state
     * as of d ({@code stage}, {@code amount}, {@code expected_close}) and the outcome columns.
     */
    public Dataset<Row> snapshots(ForecastInputs in, Dataset<Row> snapshotDates) {
        Dataset<Row> timeline = timeline(in);
        Dataset<Row> deals = deals(in, timeline);
        return snapshots(in, timeline, deals, snapshotDates);
    }

    public Dataset<Row> snapshots(ForecastInputs in, Dataset<Row> timeline, Dataset<Row> deals, Dataset<Row> snapshotDates) {
        Dataset<Row> pairs = deals.join(broadcast(snapshotDates),
                        col("snapshot_date").geq(col("created_date"))
                                .and(col("closed_on").isNull().or(col("snapshot_date").lt(col("closed_on")))), "inner");
        Dataset<Row> t = timeline.withColumnRenamed("opportunity_id", "t_id");
        Dataset<Row> state = pairs.join(t, col("opportunity_id").equalTo(col("t_id"))
                        .and(col("snapshot_date").geq(col("valid_from")))
                        .and(col("valid_to").isNull().or(col("snapshot_date").lt(col("valid_to")))), "inner")
                .where(col("category_asof").equalTo("open"))
                .drop("t_id", "valid_from", "valid_to", "category_asof");

        Dataset<Row> acts = in.activities().where(col("opportunity_id").isNotNull())
                .select(col("opportunity_id").as("a_opp"),
                        coalesce(col("occurred_date"), localDate(col("occurred_at"))).as("occurred_date"),
                        col("type").as("activity_type"));
        Column meeting = col("activity_type").isin("meeting", "demo");
        Column touch = col("activity_type").isin("call", "email");
        Column early = col("occurred_date").lt(date_add(col("created_date"), 14));
        Dataset<Row> activity = state.select("opportunity_id", "snapshot_date", "created_date")
                .join(acts, col("opportunity_id").equalTo(col("a_opp")).and(col("occurred_date").leq(col("snapshot_date"))), "inner")
                .groupBy("opportunity_id", "snapshot_date")
                .agg(count(when(col("occurred_date").gt(date_sub(col("snapshot_date"), 14)), 1)).as("activities_14d"),
                        count(when(col("occurred_date").gt(date_sub(col("snapshot_date"), 30)), 1)).as("activities_30d"),
                        count(when(col("occurred_date").gt(date_sub(col("snapshot_date"), 14)).and(meeting), 1)).as("meetings_14d"),
                        count(when(early.and(meeting), 1)).as("early_meetings"),
                        count(when(early.and(touch), 1)).as("early_touches"),
                        max(col("occurred_date")).as("last_activity"));

        Dataset<Row> closed = closed(deals);
        Dataset<Row> repRates = winRates(state, closed, "owner_id", "rep");
        Dataset<Row> accountRates = winRates(state, closed, "account_id", "account");
        Dataset<Row> prior = state.select("snapshot_date").distinct()
                .join(closed.select(col("closed_on"), col("won")), col("closed_on").lt(col("snapshot_date")), "left")
                .groupBy("snapshot_date")
                .agg(sum(coalesce(col("won"), lit(0.0))).as("prior_won"), count(col("won")).as("prior_n"))
                .withColumn("prior_rate", when(col("prior_n").gt(0), col("prior_won").divide(col("prior_n"))).otherwise(0.5))
                .select("snapshot_date", "prior_rate");

        Column d = col("snapshot_date");
        Column quarterEnd = last_day(add_months(trunc(d, "MM"),
                lit(2).minus(pmod(month(d).minus(fiscalStartMonth), lit(12)).mod(3))));
        Column k = lit(PRIOR_WEIGHT);
        return state
                .join(activity, new String[] {"opportunity_id", "snapshot_date"}, "left")
                .join(repRates, new String[] {"owner_id", "snapshot_date"}, "left")
                .join(accountRates, new String[] {"account_id", "snapshot_date"}, "left")
                .join(broadcast(prior), new String[] {"snapshot_date"}, "left")
                .select(col("opportunity_id"), d, col("owner_id"), col("account_id"), col("created_date"),
                        col("stage_asof").as("stage"), col("amount_asof").as("amount"),
                        col("close_date_asof").as("expected_close"),
                        col("won"), col("closed_on"), col("final_close_date"), col("final_amount"),
                        col("stage_position").cast("double").as("stage_position"),
                        col("stage_probability_pct").divide(100.0).as("stage_probability"),
                        datediff(d, col("stage_entered")).cast("double").as("days_in_stage"),
                        datediff(d, col("created_date")).cast("double").as("age_days"),
                        log1p(greatest(coalesce(col("amount_asof"), lit(0.0)), lit(0.0))).as("log_amount"),
                        coalesce(datediff(col("close_date_asof"), d), lit(0)).cast("double").as("days_to_close"),
                        col("close_pushes").cast("double").as("close_pushes"),
                        col("stage_regressions").cast("double").as("stage_regressions"),
                        coalesce(col("rep_won"), lit(0.0)).plus(k.multiply(col("prior_rate")))
                                .divide(coalesce(col("rep_n"), lit(0L)).plus(k)).as("rep_win_rate"),
                        coalesce(col("rep_n"), lit(0L)).cast("double").as("rep_closed"),
                        coalesce(col("account_won"), lit(0.0)).plus(k.multiply(col("prior_rate")))
                                .divide(coalesce(col("account_n"), lit(0L)).plus(k)).as("account_win_rate"),
                        coalesce(col("account_n"), lit(0L)).cast("double").as("account_closed"),
                        coalesce(col("activities_14d"), lit(0L)).cast("double").as("activities_14d"),
                        coalesce(col("activities_30d"), lit(0L)).cast("double").as("activities_30d"),
                        coalesce(col("meetings_14d"), lit(0L)).cast("double").as("meetings_14d"),
                        least(coalesce(datediff(d, col("last_activity")), datediff(d, col("created_date"))), lit(365))
                                .cast("double").as("days_since_activity"),
                        coalesce(col("early_meetings"), lit(0L)).cast("double").as("early_meetings"),
                        coalesce(col("early_touches"), lit(0L)).cast("double").as("early_touches"),
                        datediff(quarterEnd, d).cast("double").as("days_to_quarter_end"),
                        col("product"), col("product_family"), col("segment"), col("industry"),
                        col("lead_source"), col("deal_type"),
                        coalesce(col("rep_won"), lit(0.0)).as("rep_won_count"),
                        col("prior_rate"));
    }

    /** Won and total deals of each (key, snapshot_date) closed strictly before the snapshot date. */
    private static Dataset<Row> winRates(Dataset<Row> state, Dataset<Row> closed, String key, String prefix) {
        Dataset<Row> keys = state.select(col(key), col("snapshot_date")).where(col(key).isNotNull()).distinct();
        Dataset<Row> c = closed.select(col(key).as("c_key"), col("closed_on"), col("won"));
        return keys.join(c, col(key).equalTo(col("c_key")).and(col("closed_on").lt(col("snapshot_date"))), "inner")
                .groupBy(key, "snapshot_date")
                .agg(sum(col("won")).as(prefix + "_won"), count(lit(1)).as(prefix + "_n"));
    }
}
