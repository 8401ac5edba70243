package io.salescope.warehouse.engine;

import java.util.List;

/**
 * Tables the engine derives from a warehouse version when it loads it, so queries do not
 * recompute them each time: the team tree, and for stage conversion each opportunity's stages
 * ever reached as a bit set. Public so a benchmark's plain-DuckDB baseline can load a version
 * the same way; the statements are fixed text (no values from data or users).
 */
public final class DerivedTables {

    /** Stage models with more stages than this use the slower per-query stage lookup. */
    public static final int MAX_STAGE_BITS = 63;

    /**
     * Run in order on a database holding the version's tables: {@code team_tree}; {@code stage_bits}
     * (each stage of the model with one bit, in position order, or null past
     * {@value #MAX_STAGE_BITS}); and a {@code reached_stages} column added to
     * {@code opportunities}: the bits of every stage of the model the opportunity was ever at
     * (its history or its current stage, names compared ignoring case); and the opportunity's
     * account and product attributes copied onto it ({@code account_name}, {@code account_industry},
     * {@code account_segment}, {@code account_country}, {@code account_region}, {@code product_name},
     * {@code product_family}), so the catalog's breakdowns and filters by them need no join per
     * query (a join to the 100,000 accounts was most of such a query at scale 100). The opportunities and
     * activities are stored sorted by their period column ({@code close_date},
     * {@code occurred_date}), so a period filter skips the row groups outside it (DuckDB's
     * min/max per row group) instead of scanning the whole table.
     */
    public static final List<String> STATEMENTS = List.of("""
            CREATE TABLE team_tree AS
            WITH RECURSIVE tt(ancestor_id, team_id, depth) AS (
                SELECT team_id, team_id, 0 FROM teams
                UNION ALL
                SELECT tt.ancestor_id, t.team_id, tt.depth + 1
                FROM tt JOIN teams t ON t.parent_team_id = tt.team_id
                WHERE tt.depth < 50)
            SELECT DISTINCT ancestor_id, team_id, depth FROM tt""", """
            CREATE TABLE stage_bits AS
            SELECT stage, position, probability, category,
                   CASE WHEN n <= %d THEN CAST(1 AS BIGINT) << CAST(n - 1 AS INTEGER) END AS bit
            FROM (SELECT *, row_number() OVER (ORDER BY position, stage) AS n FROM stages)""".formatted(MAX_STAGE_BITS), """
            CREATE OR REPLACE TABLE opportunities AS
            WITH visited AS (
                SELECT opportunity_id, lower(stage) AS stage FROM opportunity_history WHERE stage IS NOT NULL
                UNION
                SELECT opportunity_id, lower(stage) FROM opportunities WHERE stage IS NOT NULL),
            reached AS (
                SELECT v.opportunity_id, bit_or(b.bit) AS bits
                FROM visited v JOIN stage_bits b ON lower(b.stage) = v.stage
                WHERE b.bit IS NOT NULL GROUP BY v.opportunity_id)
            SELECT o.*, coalesce(r.bits, CAST(0 AS BIGINT)) AS reached_stages,
                   a.name AS account_name, a.industry AS account_industry, a.segment AS account_segment,
                   a.country AS account_country, a.region AS account_region,
                   p.name AS product_name, p.family AS product_family
            FROM opportunities o LEFT JOIN reached r ON r.opportunity_id = o.opportunity_id
            LEFT JOIN accounts a ON a.account_id = o.account_id
            LEFT JOIN products p ON p.product_id = o.product_id
            ORDER BY o.close_date, o.opportunity_id""", """
            CREATE OR REPLACE TABLE activities AS
            SELECT * FROM activities ORDER BY occurred_date, activity_id""");

    private DerivedTables() {
    }
}
