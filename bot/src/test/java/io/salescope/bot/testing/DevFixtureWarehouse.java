package io.salescope.bot.testing;

import io.salescope.core.contract.Column;
import io.salescope.core.contract.TableContract;
import io.salescope.core.contract.Tables;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TEST ONLY: loads a CRM export (format v1, e.g. {@code shared/fixtures/dev-crm}) into the
 * warehouse contract's tables with DuckDB and publishes it, so bot tests get a warehouse
 * without Spark. It computes the derived columns the way the spec defines them (stage
 * category, position and probability from stages.csv; amounts converted at the rate valid on
 * close_date, quotas on period_start, the reporting currency USD at 1; dates of timestamps in
 * UTC; timestamps with an offset, Z, no zone (UTC) or a bare date). It does no quarantining
 * or validation: the real ingest is the Spark job, tested against the engine elsewhere.
 */
public final class DevFixtureWarehouse {

    /** The shared folder: $SALESCOPE_SHARED, else the nearest {@code shared/} above the working directory. */
    public static Path shared() {
        String env = System.getenv("SALESCOPE_SHARED");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.isDirectory(p.resolve("shared/questions")) && Files.isDirectory(p.resolve("shared/fixtures"))) {
                return p.resolve("shared");
            }
            p = p.getParent();
        }
        throw new IllegalStateException("cannot find the shared folder (../shared); set SALESCOPE_SHARED");
    }

    /** The shared dev fixture (Borealis Software). */
    public static Path devFixture() {
        return shared().resolve("fixtures/dev-crm");
    }

    /** The shared dev questions. */
    public static Path devQuestions() {
        return shared().resolve("questions/dev.jsonl");
    }

    private static final Map<String, String> DERIVED = Map.of(
            "opportunities", """
                    SELECT o.*, s.category AS stage_category, s.position AS stage_position, s.probability AS stage_probability,
                           o.amount * r.rate AS amount_converted, r.rate AS conversion_rate, r.valid_from AS rate_date,
                           CAST(o.created_at AS DATE) AS created_date
                    FROM typed_opportunities o
                    LEFT JOIN stages s ON lower(s.stage) = lower(o.stage)
                    LEFT JOIN rates r ON r.currency = o.currency AND r.valid_from <= o.close_date
                         AND (r.valid_to IS NULL OR o.close_date < r.valid_to)""",
            "opportunity_history", """
                    SELECT h.*, s.category AS stage_category, s.position AS stage_position,
                           h.amount * r.rate AS amount_converted, CAST(h.changed_at AS DATE) AS changed_date
                    FROM typed_opportunity_history h
                    LEFT JOIN stages s ON lower(s.stage) = lower(h.stage)
                    LEFT JOIN rates r ON r.currency = h.currency
                         AND r.valid_from <= coalesce(h.close_date, CAST(h.changed_at AS DATE))
                         AND (r.valid_to IS NULL OR coalesce(h.close_date, CAST(h.changed_at AS DATE)) < r.valid_to)""",
            "activities", """
                    SELECT a.*, CAST(a.occurred_at AS DATE) AS occurred_date, year(CAST(a.occurred_at AS DATE)) AS occurred_year
                    FROM typed_activities a""",
            "leads", "SELECT l.*, CAST(l.created_at AS DATE) AS created_date FROM typed_leads l",
            "quotas", """
                    SELECT q.* EXCLUDE (metric), coalesce(q.metric, 'bookings') AS metric,
                           CASE WHEN q.owner_id IS NOT NULL THEN 'user:' || q.owner_id ELSE 'team:' || q.team_id END
                             || '|' || q.period_start || '|' || q.period_end || '|' || coalesce(q.metric, 'bookings') AS quota_id,
                           q.amount * r.rate AS amount_converted, r.rate AS conversion_rate, r.valid_from AS rate_date
                    FROM typed_quotas q
                    LEFT JOIN rates r ON r.currency = q.currency AND r.valid_from <= q.period_start
                         AND (r.valid_to IS NULL OR q.period_start < r.valid_to)""",
            "users", "SELECT u.* EXCLUDE (role, active), coalesce(u.role, 'rep') AS role, coalesce(u.active, true) AS active"
                    + " FROM typed_users u");

    /** A published forecast for the company and each team for Q2 and Q3 2026, as the forecasting job writes it. */
    public static final String FORECAST = """
            CREATE TABLE forecast_bookings AS
            SELECT DATE '2026-06-30' AS as_of_date, 'test-1' AS model_version, 'quarter' AS granularity, p.label AS period_label,
                   p.s AS period_start, p.e AS period_end, sc.scope_type, sc.scope_id,
                   p.closed AS closed_so_far, p.open AS expected_open, 100000.0 AS expected_new,
                   p.closed + p.open + 100000.0 AS forecast, (p.closed + p.open) * 0.9 AS low, (p.closed + p.open) * 1.2 AS high
            FROM (VALUES ('2026-Q2', DATE '2026-04-01', DATE '2026-06-30', 4496778.0, 0.0),
                         ('2026-Q3', DATE '2026-07-01', DATE '2026-09-30', 0.0, 5200000.0)) AS p(label, s, e, closed, open)
            CROSS JOIN (SELECT 'company' AS scope_type, CAST(NULL AS VARCHAR) AS scope_id
                        UNION ALL SELECT 'team', team_id FROM teams) AS sc""";

    private DevFixtureWarehouse() {
    }

    /** Loads {@code exportDir} and publishes it as a new version under {@code dataDir}; returns the version. */
    public static long publish(Path exportDir, Path dataDir) throws SQLException {
        return publish(exportDir, dataDir, List.of());
    }

    /**
     * Like {@link #publish(Path, Path)}, running {@code extraSql} (e.g. creating a
     * {@code forecast_bookings} table) before publishing.
     */
    public static long publish(Path exportDir, Path dataDir, List<String> extraSql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("SET TimeZone = 'UTC'");
            Set<String> loaded = new HashSet<>();
            for (TableContract t : Tables.SOURCES) {
                Path csv = exportDir.resolve(t.fileName());
                if (!Files.isRegularFile(csv)) {
                    continue;
                }
                loaded.add(t.name());
                String path = csv.toString().replace("'", "''");
                st.execute("CREATE TABLE raw_" + t.name() + " AS SELECT * FROM read_csv('" + path
                        + "', header = true, all_varchar = true, quote = '\"', escape = '\"')");
                Set<String> present = new HashSet<>();
                try (var rs = st.executeQuery("SELECT column_name FROM information_schema.columns WHERE table_name = 'raw_"
                        + t.name() + "'")) {
                    while (rs.next()) {
                        present.add(rs.getString(1));
                    }
                }
                List<String> select = new ArrayList<>();
                for (Column col : t.columns()) {
                    if (present.contains(col.name())) {
                        select.add("CAST(nullif(trim(" + col.name() + "), '') AS " + col.type().duckDbType() + ") AS " + col.name());
                    } else if (!col.derived()) {
                        select.add("CAST(NULL AS " + col.type().duckDbType() + ") AS " + col.name());
                    }
                }
                String typed = DERIVED.containsKey(t.name()) ? "typed_" + t.name() : t.name();
                st.execute("CREATE TABLE " + typed + " AS SELECT " + String.join(", ", select) + " FROM raw_" + t.name());
                if (t.name().equals("exchange_rates")) {
                    st.execute("CREATE TABLE rates AS SELECT currency, rate, valid_from, valid_to FROM exchange_rates"
                            + " UNION ALL SELECT 'USD', 1.0, DATE '1900-01-01', NULL");
                }
            }
            for (TableContract t : Tables.SOURCES) {
                if (DERIVED.containsKey(t.name()) && loaded.contains(t.name())) {
                    st.execute("CREATE TABLE " + t.name() + " AS " + DERIVED.get(t.name()));
                }
            }
            for (String sql : extraSql) {
                st.execute(sql);
            }
            return WarehousePublisher.publish(c, dataDir);
        }
    }
}
