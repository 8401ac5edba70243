package io.salescope.warehouse.marts;

import io.salescope.core.contract.Column;
import io.salescope.core.contract.ColumnType;
import io.salescope.core.contract.TableContract;

import java.util.List;
import java.util.Optional;

import static io.salescope.core.contract.ColumnType.BOOLEAN;
import static io.salescope.core.contract.ColumnType.DATE;
import static io.salescope.core.contract.ColumnType.DOUBLE;
import static io.salescope.core.contract.ColumnType.INT;
import static io.salescope.core.contract.ColumnType.LONG;
import static io.salescope.core.contract.ColumnType.STRING;
import static io.salescope.core.contract.ColumnType.TIMESTAMP;

/**
 * The contracts of the marts {@code salescope build} publishes: name, columns (in order, with
 * types and meaning) and grain ({@code key}). Every mart is written through
 * {@link SparkSchemas#conform} with its contract, and {@code docs/marts.md} describes the same
 * tables for people. Money is in the reporting currency.
 */
public final class MartTables {

    private MartTables() {
    }

    private static Column c(String name, ColumnType type, String description) {
        return Column.optional(name, type).describedAs(description);
    }

    private static TableContract mart(String name, List<String> grain, Column... columns) {
        return new TableContract(name, null, false, List.of(columns), grain, null, List.of(), List.of());
    }

    public static final TableContract TEAM_TREE = mart("mart_team_tree", List.of("ancestor_team_id", "team_id"),
            c("ancestor_team_id", STRING, "a team"),
            c("team_id", STRING, "the ancestor team itself or a team below it"),
            c("depth", INT, "levels from ancestor_team_id down to team_id; 0 = the team itself"));

    public static final TableContract USER_TEAMS = mart("mart_user_teams", List.of("user_id", "ancestor_team_id"),
            c("user_id", STRING, "a user with a team"),
            c("team_id", STRING, "the user's own team"),
            c("ancestor_team_id", STRING, "the user's team or a team above it: the user counts towards it"),
            c("depth", INT, "levels from ancestor_team_id down to the user's team; 0 = the user's own team"));

    public static final TableContract PIPELINE_HISTORY = mart("mart_pipeline_history", List.of("opportunity_id", "seq"),
            c("opportunity_id", STRING, "the opportunity"),
            c("seq", INT, "1, 2, ... in time order"),
            c("owner_id", STRING, "the opportunity's current owner (history does not record owner changes)"),
            c("valid_from", TIMESTAMP, "the instant this state began (the first interval starts at created_at at the latest)"),
            c("valid_to", TIMESTAMP, "the instant the next state began, exclusive; null for the current state"),
            c("is_current", BOOLEAN, "valid_to is null: the opportunity's state now"),
            c("stage", STRING, "stage, in the stage model's spelling"),
            c("stage_category", STRING, "open, won or lost"),
            c("stage_position", INT, "the stage's position in the stage model"),
            c("stage_probability", DOUBLE, "the stage model's default probability of the stage, 0-100"),
            c("amount", DOUBLE, "amount in the opportunity's currency"),
            c("currency", STRING, "ISO 4217 code of amount"),
            c("amount_converted", DOUBLE, "amount in the reporting currency; null when no rate"),
            c("close_date", DATE, "expected (or actual) close date in this state"),
            c("forecast_category", STRING, "the CRM's forecast category in this state"),
            c("probability", DOUBLE, "the CRM's probability in this state, 0-100"),
            c("is_regression", BOOLEAN, "the stage position went down compared with the previous interval"),
            c("is_push", BOOLEAN, "close_date is later than in the previous interval"),
            c("from_history", BOOLEAN, "true: an opportunity_history row; false: the current opportunity row, added"
                    + " because history is missing or disagrees with it"));

    public static final TableContract PIPELINE_SNAPSHOTS = mart("mart_pipeline_snapshots", List.of("as_of_date", "opportunity_id"),
            c("as_of_date", DATE, "a month end before the reference date; the state at the end of that day in the default zone"),
            c("opportunity_id", STRING, "an opportunity open at that moment"),
            c("owner_id", STRING, "the opportunity's current owner"),
            c("stage", STRING, "stage then"),
            c("stage_position", INT, "the stage's position"),
            c("stage_probability", DOUBLE, "the stage model's probability of that stage, 0-100"),
            c("amount", DOUBLE, "amount then, in currency"),
            c("currency", STRING, "ISO 4217 code of amount"),
            c("amount_converted", DOUBLE, "amount then, in the reporting currency"),
            c("close_date", DATE, "expected close date then"),
            c("forecast_category", STRING, "forecast category then"),
            c("probability", DOUBLE, "the CRM's probability then"));

    public static final TableContract STAGE_FUNNEL = mart("mart_stage_funnel", List.of("created_month", "owner_id", "stage"),
            c("created_month", DATE, "first day of the calendar month of the opportunities' created_date"),
            c("owner_id", STRING, "the opportunities' owner"),
            c("funnel_step", INT, "1, 2, ...: the open and won stages in stage-model order"),
            c("stage", STRING, "the stage"),
            c("stage_position", INT, "the stage's position in the stage model"),
            c("stage_category", STRING, "open or won"),
            c("created", LONG, "opportunities created in the month by the owner (the same on every step)"),
            c("reached", LONG, "of those, how many ever reached the stage: in their history or as their current"
                    + " stage; a won opportunity reached every open stage"),
            c("reached_previous", LONG, "reached on the previous step; null on step 1"),
            c("conversion_from_previous", DOUBLE, "reached ÷ reached_previous; null on step 1 or when reached_previous is 0"),
            c("reach_rate", DOUBLE, "reached ÷ created"));

    public static final TableContract BOOKINGS = mart("mart_bookings", List.of("close_date", "owner_id", "team_id",
                    "region", "product_id", "product", "product_family", "segment", "industry", "country", "lead_source", "type"),
            c("close_date", DATE, "close date of the won and lost opportunities"),
            c("fiscal_year", INT, "fiscal year of close_date (named by the calendar year it ends in)"),
            c("fiscal_quarter", INT, "fiscal quarter of close_date, 1-4"),
            c("owner_id", STRING, "the opportunities' owner"),
            c("team_id", STRING, "the owner's team; null when the owner has none"),
            c("region", STRING, "the owner's team's region (never the account's)"),
            c("product_id", STRING, "the opportunity's product"),
            c("product", STRING, "the product's name"),
            c("product_family", STRING, "the product's family"),
            c("segment", STRING, "the account's segment"),
            c("industry", STRING, "the account's industry"),
            c("country", STRING, "the account's country"),
            c("lead_source", STRING, "the opportunity's lead source"),
            c("type", STRING, "new_business, expansion or renewal"),
            c("won_deals", LONG, "won opportunities"),
            c("won_amount", DOUBLE, "Σ amount_converted of the won opportunities (bookings); unpriced ones add nothing"),
            c("lost_deals", LONG, "lost opportunities"),
            c("lost_amount", DOUBLE, "Σ amount_converted of the lost opportunities"));

    public static final TableContract QUOTA_ATTAINMENT = mart("mart_quota_attainment", List.of("scope", "scope_id", "period"),
            c("scope", STRING, "rep (a user, as opportunity owner) or team (with the teams below it)"),
            c("scope_id", STRING, "user_id or team_id"),
            c("period_type", STRING, "quarter or year (fiscal)"),
            c("period", STRING, "the period's label as in the API: 2026-Q3 or 2026"),
            c("fiscal_year", INT, "fiscal year"),
            c("fiscal_quarter", INT, "1-4; null for a year"),
            c("period_start", DATE, "first day of the period"),
            c("period_end", DATE, "last day of the period"),
            c("period_over", BOOLEAN, "period_end is before the reference date"),
            c("quota", DOUBLE, "Σ converted quota rows lying inside the period (a team: its own rows if it has"
                    + " any for the period, else the quotas of the users in it and the teams below it); 0 when none"),
            c("quota_source", STRING, "own (the scope's own rows), members (a team's users' rows) or none"),
            c("bookings", DOUBLE, "Σ converted amount of won opportunities with close_date in the period"),
            c("won_deals", LONG, "won opportunities with close_date in the period"),
            c("attainment", DOUBLE, "bookings ÷ quota; null when quota is 0"),
            c("gap", DOUBLE, "quota − bookings; negative when exceeded"),
            c("open_pipeline", DOUBLE, "Σ converted amount of open opportunities with close_date in the period"),
            c("coverage", DOUBLE, "open_pipeline ÷ (quota − bookings); null when the period is over or the"
                    + " denominator is ≤ 0"));

    public static final TableContract ACTIVITY_COUNTS = mart("mart_activity_counts", List.of("occurred_date", "owner_id", "type"),
            c("occurred_date", DATE, "the activities' date in the default zone"),
            c("owner_id", STRING, "the activities' owner"),
            c("type", STRING, "call, email, meeting, demo, note or other"),
            c("activities", LONG, "number of activities"),
            c("duration_minutes", DOUBLE, "Σ duration_minutes (activities without a duration add nothing)"));

    public static final TableContract LEAD_CONVERSION = mart("mart_lead_conversion", List.of("created_date", "owner_id", "source", "country"),
            c("created_date", DATE, "the leads' created date in the default zone"),
            c("owner_id", STRING, "the leads' owner"),
            c("source", STRING, "the leads' source"),
            c("country", STRING, "the leads' country"),
            c("leads_created", LONG, "leads created"),
            c("leads_converted", LONG, "of those, leads whose status is converted"));

    public static final TableContract SALES_CYCLE = mart("mart_sales_cycle", List.of("opportunity_id"),
            c("opportunity_id", STRING, "a won opportunity"),
            c("owner_id", STRING, "its owner"),
            c("created_date", DATE, "created_at's date in the default zone"),
            c("close_date", DATE, "its close date"),
            c("fiscal_year", INT, "fiscal year of close_date"),
            c("fiscal_quarter", INT, "fiscal quarter of close_date"),
            c("cycle_days", INT, "close_date − created_date in days"),
            c("amount_converted", DOUBLE, "its converted amount"));

    /** Every mart, in the order the build computes them. */
    public static final List<TableContract> ALL = List.of(TEAM_TREE, USER_TEAMS, PIPELINE_HISTORY, PIPELINE_SNAPSHOTS,
            STAGE_FUNNEL, BOOKINGS, QUOTA_ATTAINMENT, ACTIVITY_COUNTS, LEAD_CONVERSION, SALES_CYCLE);

    /** Prefix of every mart's name; a build replaces all tables with it. */
    public static final String PREFIX = "mart_";

    public static Optional<TableContract> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
