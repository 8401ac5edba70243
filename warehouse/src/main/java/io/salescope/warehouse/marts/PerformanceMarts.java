package io.salescope.warehouse.marts;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/** Bookings, quota attainment and sales cycle: the figures reps and managers are measured by. */
public final class PerformanceMarts {

    private PerformanceMarts() {
    }

    private static final String[] PERIOD = {"period_type", "period", "fiscal_year", "fiscal_quarter", "period_start",
            "period_end"};

    /**
     * {@code mart_bookings}: won and lost counts and converted amounts per close date and every
     * dimension a closed deal is broken down by. Day grain, so any week, month, fiscal quarter or
     * fiscal year sums exactly; fiscal year and quarter are included for convenience.
     */
    public static Dataset<Row> bookings(Dataset<Row> opportunities, Dataset<Row> users, Dataset<Row> teams,
                                        Dataset<Row> accounts, Dataset<Row> products, FiscalColumns fiscal) {
        Column won = col("stage_category").equalTo("won");
        Column lost = col("stage_category").equalTo("lost");
        Dataset<Row> closed = opportunities.where(won.or(lost))
                .join(users.select(col("user_id").as("owner_id"), col("team_id")), new String[]{"owner_id"}, "left")
                .join(teams.select(col("team_id"), col("region")), new String[]{"team_id"}, "left")
                .join(accounts.select(col("account_id"), col("industry"), col("segment"), col("country")),
                        new String[]{"account_id"}, "left")
                .join(products.select(col("product_id"), col("name").as("product"), col("family").as("product_family")),
                        new String[]{"product_id"}, "left");
        Dataset<Row> out = closed
                .groupBy(col("close_date"), fiscal.year(col("close_date")).as("fiscal_year"),
                        fiscal.quarter(col("close_date")).as("fiscal_quarter"), col("owner_id"), col("team_id"),
                        col("region"), col("product_id"), col("product"), col("product_family"), col("segment"),
                        col("industry"), col("country"), col("lead_source"), col("type"))
                .agg(sum(when(won, 1L).otherwise(0L)).as("won_deals"),
                        coalesce(sum(when(won, col("amount_converted"))), lit(0.0)).as("won_amount"),
                        sum(when(lost, 1L).otherwise(0L)).as("lost_deals"),
                        coalesce(sum(when(lost, col("amount_converted"))), lit(0.0)).as("lost_amount"));
        return SparkSchemas.conform(out, MartTables.BOOKINGS);
    }

    /**
     * {@code mart_quota_attainment}: per rep and per team (with the teams below it), per fiscal
     * quarter and fiscal year that has a quota, a booking or open pipeline for it.
     *
     * <p>A quota row counts towards a period when [period_start, period_end] lies inside it, so a
     * quarterly row counts towards its quarter and its year, a yearly row towards its year only,
     * and a row straddling a quarter boundary towards no quarter. A team's quota is its own rows
     * for the period if it has any, else the sum of the quotas of the users in the team and the
     * teams below it (users' rows, not the sub-teams' own rows: metrics-v1's wording).
     */
    public static Dataset<Row> quotaAttainment(Dataset<Row> opportunities, Dataset<Row> quotas, Dataset<Row> userTeams,
                                               FiscalColumns fiscal, LocalDate referenceDate) {
        Dataset<Row> bookingQuotas = quotas
                .where(col("metric").isNull().or(col("metric").equalTo("bookings")))
                .select(col("owner_id"), col("team_id"), col("period_start").as("quota_start"),
                        col("period_end").as("quota_end"), col("amount_converted"))
                .withColumn("p", explode(fiscal.periodsOf(col("quota_start"))))
                .where(col("quota_end").leq(col("p.period_end")))
                .select(col("owner_id"), col("team_id"), col("amount_converted"), col("p.*"));

        Column won = col("stage_category").equalTo("won");
        Column open = col("stage_category").equalTo("open");
        Dataset<Row> facts = opportunities.where(won.or(open))
                .withColumn("p", explode(fiscal.periodsOf(col("close_date"))))
                .select(col("owner_id"), col("stage_category"), col("amount_converted"), col("p.*"));

        Dataset<Row> repQuota = bookingQuotas.where(col("owner_id").isNotNull()).select(withPeriod(
                col("owner_id").as("scope_id"),
                col("amount_converted").as("quota"), lit(1L).as("quota_rows"),
                lit(null).cast("double").as("bookings"), lit(0L).as("won_deals"),
                lit(null).cast("double").as("open_pipeline")));
        Dataset<Row> repFacts = facts.select(withPeriod(
                col("owner_id").as("scope_id"),
                lit(null).cast("double").as("quota"), lit(0L).as("quota_rows"),
                when(won, col("amount_converted")).as("bookings"), when(won, 1L).otherwise(0L).as("won_deals"),
                when(open, col("amount_converted")).as("open_pipeline")));
        Dataset<Row> reps = repQuota.unionByName(repFacts)
                .groupBy(withPeriod(col("scope_id")))
                .agg(sum(col("quota")).as("quota"), sum(col("quota_rows")).as("quota_rows"),
                        sum(col("bookings")).as("bookings"), sum(col("won_deals")).as("won_deals"),
                        sum(col("open_pipeline")).as("open_pipeline"));

        Dataset<Row> members = reps
                .join(userTeams.select(col("user_id").as("scope_id"), col("ancestor_team_id")), "scope_id")
                .select(withPeriod(col("ancestor_team_id").as("scope_id"),
                        lit(null).cast("double").as("own_quota"), lit(0L).as("own_rows"),
                        col("quota").as("member_quota"), col("quota_rows").as("member_rows"),
                        col("bookings"), col("won_deals"), col("open_pipeline")));
        Dataset<Row> teamQuota = bookingQuotas.where(col("team_id").isNotNull()).select(withPeriod(
                col("team_id").as("scope_id"),
                col("amount_converted").as("own_quota"), lit(1L).as("own_rows"),
                lit(null).cast("double").as("member_quota"), lit(0L).as("member_rows"),
                lit(null).cast("double").as("bookings"), lit(0L).as("won_deals"),
                lit(null).cast("double").as("open_pipeline")));
        Dataset<Row> teams = members.unionByName(teamQuota)
                .groupBy(withPeriod(col("scope_id")))
                .agg(sum(col("own_quota")).as("own_quota"), sum(col("own_rows")).as("own_rows"),
                        sum(col("member_quota")).as("member_quota"), sum(col("member_rows")).as("member_rows"),
                        sum(col("bookings")).as("bookings"), sum(col("won_deals")).as("won_deals"),
                        sum(col("open_pipeline")).as("open_pipeline"))
                .withColumn("quota", when(col("own_rows").gt(0), col("own_quota"))
                        .when(col("member_rows").gt(0), col("member_quota"))
                        .otherwise(lit(0.0)))
                .withColumn("quota_source", when(col("own_rows").gt(0), lit("own"))
                        .when(col("member_rows").gt(0), lit("members"))
                        .otherwise(lit("none")))
                .withColumn("scope", lit("team"));

        Dataset<Row> repRows = reps
                .withColumn("quota", when(col("quota_rows").gt(0), col("quota")).otherwise(lit(0.0)))
                .withColumn("quota_source", when(col("quota_rows").gt(0), lit("own")).otherwise(lit("none")))
                .withColumn("scope", lit("rep"));

        List<String> shared = new ArrayList<>(List.of("scope", "scope_id", "quota", "quota_source", "bookings",
                "won_deals", "open_pipeline"));
        shared.addAll(List.of(PERIOD));
        Column[] sharedColumns = shared.stream().map(functions::col).toArray(Column[]::new);
        Dataset<Row> all = repRows.select(sharedColumns).unionByName(teams.select(sharedColumns))
                .withColumn("bookings", coalesce(col("bookings"), lit(0.0)))
                .withColumn("open_pipeline", coalesce(col("open_pipeline"), lit(0.0)))
                .withColumn("won_deals", coalesce(col("won_deals"), lit(0L)));

        Column gap = col("quota").minus(col("bookings"));
        Dataset<Row> out = all
                .withColumn("period_over", col("period_end").lt(lit(referenceDate)))
                .withColumn("attainment", when(col("quota").notEqual(0), col("bookings").divide(col("quota"))))
                .withColumn("gap", gap)
                .withColumn("coverage", when(not(col("period_over")).and(gap.gt(0)),
                        col("open_pipeline").divide(gap)));
        return SparkSchemas.conform(out, MartTables.QUOTA_ATTAINMENT);
    }

    /** {@code mart_sales_cycle}: one row per won opportunity, for averaging the cycle over any slice. */
    public static Dataset<Row> salesCycle(Dataset<Row> opportunities, FiscalColumns fiscal) {
        Dataset<Row> out = opportunities.where(col("stage_category").equalTo("won"))
                .withColumn("fiscal_year", fiscal.year(col("close_date")))
                .withColumn("fiscal_quarter", fiscal.quarter(col("close_date")))
                .withColumn("cycle_days", datediff(col("close_date"), col("created_date")));
        return SparkSchemas.conform(out, MartTables.SALES_CYCLE);
    }

    private static Column[] withPeriod(Column... columns) {
        List<Column> all = new ArrayList<>(List.of(columns));
        for (String p : PERIOD) {
            all.add(col(p));
        }
        return all.toArray(Column[]::new);
    }
}
