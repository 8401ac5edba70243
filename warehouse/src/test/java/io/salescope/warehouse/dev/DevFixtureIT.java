package io.salescope.warehouse.dev;

import io.salescope.core.config.SalescopeConfig;
import io.salescope.core.progress.Progress;
import io.salescope.core.store.LocalStorage;
import io.salescope.core.store.VersionManifest;
import io.salescope.core.store.VersionStore;
import io.salescope.ingest.IngestJob;
import io.salescope.ingest.IngestOptions;
import io.salescope.ingest.spark.Sparks;
import io.salescope.warehouse.catalog.MetricCatalog;
import io.salescope.warehouse.engine.DuckDbMetricEngine;
import io.salescope.warehouse.marts.MartsJob;
import io.salescope.warehouse.query.MetricQuery;
import io.salescope.warehouse.query.QueryResult;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The shared dev fixture through the real pipeline: Spark ingest, Spark marts, then the
 * DuckDB engine. Every dev question's figure is reached by a structured query, and wherever
 * a mart and the engine compute the same figure, they agree.
 */
class DevFixtureIT {

    static final String EXEC = "henrik.lund@borealis-software.com";

    @TempDir
    static Path data;

    static DuckDbMetricEngine engine;
    static Connection marts;

    @BeforeAll
    static void pipeline() throws Exception {
        SalescopeConfig config = SalescopeConfig.defaults().withDataDir(data.toString())
                .withToday(LocalDate.of(2026, 6, 30));
        SparkSession spark = Sparks.forTests("dev-fixture");
        try {
            IngestJob.run(spark, config, IngestOptions.of(DevAnswers.shared().resolve("fixtures/dev-crm").toString()),
                    Progress.none());
            MartsJob.run(spark, config, Progress.none());
        } finally {
            spark.stop();
        }
        engine = new DuckDbMetricEngine(config, new LocalStorage(data), MetricCatalog.builtIn());
        marts = DriverManager.getConnection("jdbc:duckdb:");
        VersionManifest m = new VersionStore(new LocalStorage(data)).current().orElseThrow();
        try (Statement st = marts.createStatement()) {
            for (String t : m.tables().keySet()) {
                if (t.startsWith("mart_")) {
                    st.execute("CREATE VIEW " + t + " AS SELECT * FROM read_parquet('"
                            + data.resolve(m.tables().get(t).path()) + "/**/*.parquet')");
                }
            }
        }
    }

    @AfterAll
    static void close() throws Exception {
        engine.close();
        marts.close();
    }

    static List<Object[]> rows(String sql, int columns) throws Exception {
        List<Object[]> out = new ArrayList<>();
        try (Statement st = marts.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                Object[] r = new Object[columns];
                for (int i = 0; i < columns; i++) {
                    r[i] = rs.getObject(i + 1);
                }
                out.add(r);
            }
        }
        return out;
    }

    static Double value(MetricQuery.Builder q) {
        return engine.execute(q.build()).value();
    }

    static Map<String, Double> byLabel(QueryResult r) {
        Map<String, Double> out = new HashMap<>();
        r.rows().forEach(row -> out.put(row.label(), row.value()));
        return out;
    }

    static double num(Object o) {
        return o == null ? 0 : ((Number) o).doubleValue();
    }

    @Test
    void every_dev_question_is_answered_exactly_by_a_structured_query() {
        assertThat(DevAnswers.check(engine)).hasSize(45);
    }

    @Test
    void quota_attainment_mart_agrees_with_the_engine_for_every_rep_team_and_period() throws Exception {
        List<Object[]> mart = rows("SELECT scope, scope_id, period, quota, bookings, attainment, gap, coverage"
                + " FROM mart_quota_attainment WHERE quota > 0 OR bookings > 0", 8);
        assertThat(mart).hasSizeGreaterThan(100);
        for (Object[] r : mart) {
            String dim = "rep".equals(r[0]) ? "rep" : "team";
            String id = (String) r[1];
            String period = (String) r[2];
            String what = r[0] + " " + id + " " + period;
            assertThat(value(MetricQuery.builder("quota", EXEC).filter(dim, id).period(period))).as(what + " quota")
                    .isCloseTo(num(r[3]), within(0.01));
            assertThat(value(MetricQuery.builder("bookings", EXEC).filter(dim, id).period(period))).as(what + " bookings")
                    .isCloseTo(num(r[4]), within(0.01));
            Double attainment = value(MetricQuery.builder("quota_attainment", EXEC).filter(dim, id).period(period));
            if (r[5] == null) {
                assertThat(attainment).as(what + " attainment").isNull();
            } else {
                assertThat(attainment).as(what + " attainment").isCloseTo(num(r[5]), within(1e-9));
            }
            assertThat(value(MetricQuery.builder("quota_gap", EXEC).filter(dim, id).period(period))).as(what + " gap")
                    .isCloseTo(num(r[6]), within(0.01));
            Double coverage = value(MetricQuery.builder("pipeline_coverage", EXEC).filter(dim, id).period(period));
            if (r[7] == null) {
                assertThat(coverage).as(what + " coverage").isNull();
            } else {
                assertThat(coverage).as(what + " coverage").isCloseTo(num(r[7]), within(1e-9));
            }
        }
    }

    @Test
    void bookings_mart_agrees_with_the_engine_by_quarter_and_region() throws Exception {
        List<Object[]> mart = rows("SELECT fiscal_year || '-Q' || fiscal_quarter, coalesce(region, '(none)'),"
                + " sum(won_amount), sum(won_deals), sum(lost_deals) FROM mart_bookings GROUP BY 1, 2", 5);
        assertThat(mart).hasSizeGreaterThan(20);
        for (Object[] r : mart) {
            String quarter = (String) r[0];
            Map<String, Double> bookings = byLabel(engine.execute(MetricQuery.builder("bookings", EXEC)
                    .period(quarter).groupBy("region").build()));
            Map<String, Double> won = byLabel(engine.execute(MetricQuery.builder("won_deals", EXEC)
                    .period(quarter).groupBy("region").build()));
            Map<String, Double> lost = byLabel(engine.execute(MetricQuery.builder("lost_deals", EXEC)
                    .period(quarter).groupBy("region").build()));
            String what = quarter + " " + r[1];
            assertThat(bookings.getOrDefault((String) r[1], 0.0)).as(what).isCloseTo(num(r[2]), within(0.01));
            assertThat(won.getOrDefault((String) r[1], 0.0)).as(what).isEqualTo(num(r[3]));
            assertThat(lost.getOrDefault((String) r[1], 0.0)).as(what).isEqualTo(num(r[4]));
        }
    }

    @Test
    void stage_funnel_mart_agrees_with_the_engines_stage_conversion() throws Exception {
        for (String year : List.of("2024", "2025", "2026")) {
            List<Object[]> mart = rows("SELECT stage, sum(reached), sum(created) FROM mart_stage_funnel"
                    + " WHERE year(created_month) = " + year + " GROUP BY stage", 3);
            assertThat(mart).isNotEmpty();
            Map<String, Double> engineRows = byLabel(engine.execute(MetricQuery.builder("stage_conversion", EXEC)
                    .period(year).build()));
            for (Object[] r : mart) {
                assertThat(engineRows.get((String) r[0])).as(year + " " + r[0])
                        .isCloseTo(num(r[1]) / num(r[2]), within(1e-12));
                assertThat(value(MetricQuery.builder("stage_conversion", EXEC).period(year).option("stage", (String) r[0])))
                        .as(year + " " + r[0]).isCloseTo(num(r[1]) / num(r[2]), within(1e-12));
            }
        }
    }

    @Test
    void activity_lead_and_cycle_marts_agree_with_the_engine() throws Exception {
        for (Object[] r : rows("SELECT strftime(occurred_date, '%Y-%m'), type, sum(activities) FROM mart_activity_counts"
                + " WHERE occurred_date >= DATE '2025-07-01' GROUP BY 1, 2", 3)) {
            Map<String, Double> engineRows = byLabel(engine.execute(MetricQuery.builder("activities", EXEC)
                    .period((String) r[0]).groupBy("activity_type").build()));
            assertThat(engineRows.get((String) r[1])).as(r[0] + " " + r[1]).isEqualTo(num(r[2]));
        }
        Map<String, Double> leads = byLabel(engine.execute(MetricQuery.builder("lead_conversion_rate", EXEC)
                .period("2025").groupBy("source").build()));
        List<Object[]> leadMart = rows("SELECT coalesce(source, '(none)'), sum(leads_converted), sum(leads_created)"
                + " FROM mart_lead_conversion WHERE year(created_date) = 2025 GROUP BY 1", 3);
        assertThat(leadMart).hasSizeGreaterThan(3);
        for (Object[] r : leadMart) {
            assertThat(leads.get((String) r[0])).as("leads " + r[0]).isCloseTo(num(r[1]) / num(r[2]), within(1e-12));
        }
        for (Object[] r : rows("SELECT fiscal_year || '-Q' || fiscal_quarter, avg(cycle_days) FROM mart_sales_cycle"
                + " GROUP BY 1", 2)) {
            assertThat(value(MetricQuery.builder("sales_cycle", EXEC).period((String) r[0]))).as("cycle " + r[0])
                    .isCloseTo(num(r[1]), within(1e-9));
        }
    }
}
