package io.salescope.forecasting.model;

import io.salescope.forecasting.bookings.OpenDeal;
import io.salescope.forecasting.bookings.WonDeal;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

/** Training sets cut from the snapshot frame at a date, and driver-side views of scored rows. */
public final class TrainingSets {

    private TrainingSets() {
    }

    /**
     * Snapshots taken at least {@code horizonDays} before {@code cutoff} of deals whose outcome
     * was known by the cutoff, labelled; at most {@code maxRows}, sampled by a hash of the deal,
     * the date and the seed so the sample does not depend on partitioning.
     *
     * <p>The horizon limits censoring bias: of the deals open at a recent snapshot only the
     * quickly decided ones have closed by the cutoff, and quick decisions are not a fair sample
     * of outcomes (won deals pass every stage and take longer). Snapshots older than the horizon
     * have had time for nearly all their deals to close.
     */
    public static Dataset<Row> labelled(Dataset<Row> snapshots, LocalDate cutoff, int horizonDays, int maxRows, long seed) {
        Dataset<Row> known = snapshots.where(col("snapshot_date").leq(lit(cutoff.minusDays(horizonDays).toString()).cast("date"))
                        .and(col("won").isNotNull()).and(col("closed_on").leq(lit(cutoff.toString()).cast("date"))))
                .withColumn("label", col("won"));
        long rows = known.count();
        if (rows <= maxRows) {
            return known;
        }
        long keep = Math.round(1_000_000.0 * maxRows / rows);
        return known.where(pmod(xxhash64(col("opportunity_id"), col("snapshot_date"), lit(seed)), lit(1_000_000)).lt(lit(keep)));
    }

    /** Distinct won and lost deals in a labelled training set. */
    public static long[] trainingDeals(Dataset<Row> labelled) {
        Row r = labelled.select(col("opportunity_id"), col("label")).distinct()
                .agg(sum(when(col("label").equalTo(1.0), 1).otherwise(0)), count(lit(1))).first();
        long won = r.isNullAt(0) ? 0 : r.getLong(0);
        return new long[] {won, r.getLong(1) - won};
    }

    /** Won and lost deals closed on or before {@code cutoff}. */
    public static long[] closedCounts(Dataset<Row> deals, LocalDate cutoff) {
        Row r = deals.where(col("closed_on").leq(lit(cutoff.toString()).cast("date")))
                .agg(sum(when(col("won").equalTo(1.0), 1).otherwise(0)), count(col("won"))).first();
        long won = r.isNullAt(0) ? 0 : r.getLong(0);
        long all = r.getLong(1);
        return new long[] {won, all - won};
    }

    /** Won deals, for bookings actuals and new-business history. */
    public static List<WonDeal> wonDeals(Dataset<Row> deals) {
        List<WonDeal> out = new ArrayList<>();
        for (Row r : deals.where(col("won").equalTo(1.0).and(col("final_close_date").isNotNull()))
                .select("opportunity_id", "owner_id", "created_date", "final_close_date", "closed_on", "final_amount")
                .orderBy("opportunity_id").collectAsList()) {
            out.add(new WonDeal(r.getString(0), r.getString(1), date(r, 2), date(r, 3), date(r, 4),
                    r.isNullAt(5) ? 0 : r.getDouble(5)));
        }
        return out;
    }

    /**
     * (stage position, days from snapshot to expected close, slip days, month of the expected
     * close) of won deals' snapshots at least {@code horizonDays} before
     * the cutoff (see {@link #labelled}: recent snapshots would only show short slips).
     */
    public static List<int[]> slips(Dataset<Row> snapshots, LocalDate cutoff, int horizonDays) {
        List<int[]> out = new ArrayList<>();
        for (Row r : snapshots.where(col("snapshot_date").leq(lit(cutoff.minusDays(horizonDays).toString()).cast("date"))
                        .and(col("won").equalTo(1.0)).and(col("closed_on").leq(lit(cutoff.toString()).cast("date")))
                        .and(col("expected_close").isNotNull()))
                .select(col("stage_position").cast("int"), datediff(col("expected_close"), col("snapshot_date")),
                        datediff(col("final_close_date"), col("expected_close")),
                        org.apache.spark.sql.functions.month(col("expected_close")))
                .orderBy(col("opportunity_id"), col("snapshot_date")).collectAsList()) {
            out.add(new int[] {r.getInt(0), r.getInt(1), r.getInt(2), r.getInt(3)});
        }
        return out;
    }

    /** Per calendar quarter of closing, {won, closed} before the cutoff. */
    public static List<double[]> quarterlyWinRates(Dataset<Row> deals, LocalDate cutoff) {
        List<double[]> out = new ArrayList<>();
        for (Row r : deals.where(col("closed_on").leq(lit(cutoff.toString()).cast("date")))
                .groupBy(org.apache.spark.sql.functions.year(col("closed_on")).as("y"),
                        org.apache.spark.sql.functions.quarter(col("closed_on")).as("q"))
                .agg(sum(col("won")).as("w"), count(lit(1)).as("n")).orderBy("y", "q").collectAsList()) {
            out.add(new double[] {r.getDouble(2), r.getLong(3)});
        }
        return out;
    }

    /** A scored snapshot row on the driver. */
    public record Scored(String opportunityId, String ownerId, String stage, Double amount, LocalDate expectedClose,
                         int stagePosition, double stageProbability, double repWinRate, Double won,
                         double probability, Map<String, Object> values) {

        public OpenDeal openDeal() {
            return new OpenDeal(opportunityId, ownerId, amount == null ? 0 : amount, expectedClose, stagePosition,
                    probability, stageProbability, repWinRate);
        }

        public OpenDeal withProbability(double p) {
            return new OpenDeal(opportunityId, ownerId, amount == null ? 0 : amount, expectedClose, stagePosition,
                    p, stageProbability, repWinRate);
        }
    }

    /** Collects scored rows ({@code win_probability} present) sorted by deal id. */
    public static List<Scored> collect(Dataset<Row> scored) {
        List<Scored> out = new ArrayList<>();
        String[] columns = scored.columns();
        for (Row r : scored.orderBy("opportunity_id").collectAsList()) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < columns.length; i++) {
                values.put(columns[i], r.get(i));
            }
            out.add(new Scored(r.getAs("opportunity_id"), r.getAs("owner_id"), r.getAs("stage"),
                    r.getAs("amount"), date(r, r.fieldIndex("expected_close")),
                    (int) Math.round(((Number) r.getAs("stage_position")).doubleValue()),
                    ((Number) r.getAs("stage_probability")).doubleValue(),
                    ((Number) r.getAs("rep_win_rate")).doubleValue(), r.getAs("won"),
                    ((Number) r.getAs("win_probability")).doubleValue(), values));
        }
        return out;
    }

    static LocalDate date(Row r, int i) {
        return r.isNullAt(i) ? null : ((Date) r.get(i)).toLocalDate();
    }
}
