package io.salescope.bot.testing;

import io.salescope.core.config.SalescopeConfig;
import io.salescope.warehouse.engine.DuckDbMetricEngine;
import io.salescope.warehouse.query.MetricQuery;
import io.salescope.warehouse.query.PermissionException;
import io.salescope.warehouse.query.QueryResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

/**
 * The test-only fixture loader is right: every dev question's structured query (the same
 * list the warehouse module checks its engine with) gives the expected answer on the
 * warehouse {@link DevFixtureWarehouse} builds. The question-to-query step is tested through
 * the API in {@code DevQuestionsIT}.
 */
class DevFixtureWarehouseTest {

    @TempDir
    static Path data;

    static DuckDbMetricEngine engine;

    @BeforeAll
    static void load() throws Exception {
        DevFixtureWarehouse.publish(DevFixtureWarehouse.devFixture(), data);
        engine = DuckDbMetricEngine.open(SalescopeConfig.defaults().withDataDir(data.toString())
                .withToday(LocalDate.parse("2026-06-30")));
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void every_dev_question_s_structured_query_gets_the_expected_answer() {
        Map<String, Function<String, MetricQuery>> queries = queries();
        List<String> failures = new ArrayList<>();
        for (DevQuestions.Question q : DevQuestions.all()) {
            MetricQuery query = queries.get(q.id()).apply(q.as());
            try {
                if (q.forbidden()) {
                    assertThatThrownBy(() -> engine.execute(query)).isInstanceOf(PermissionException.class);
                    continue;
                }
                QueryResult r = engine.execute(query);
                if (q.noValue()) {
                    assertThat(r.value()).isNull();
                } else if (q.rows()) {
                    for (var row : q.expect().get("rows")) {
                        QueryResult.Row got = r.rows().stream().filter(x -> x.label().equals(row.get(0).asText()))
                                .findFirst().orElseThrow(() -> new AssertionError("no row " + row.get(0) + " in " + r.rows()));
                        assertThat(got.value()).isCloseTo(row.get(1).asDouble(), withinPercentage(q.tolerancePercent()));
                    }
                    assertThat(r.rows()).hasSize(q.expect().get("rows").size());
                } else {
                    assertThat(r.value()).isNotNull().isCloseTo(q.expect().get("value").asDouble(),
                            withinPercentage(q.tolerancePercent()));
                }
            } catch (AssertionError | RuntimeException e) {
                failures.add(q + " -> " + e.getMessage());
            }
        }
        assertThat(failures).isEmpty();
    }

    static Map<String, Function<String, MetricQuery>> queries() {
        Map<String, Function<String, MetricQuery>> q = new LinkedHashMap<>();
        q.put("d001", a -> MetricQuery.builder("bookings", a).period("this_quarter").build());
        q.put("d002", a -> MetricQuery.builder("win_rate", a).period("last_quarter").filter("rep", a).build());
        q.put("d003", a -> MetricQuery.builder("bookings", a).period("last_quarter").groupBy("region").build());
        q.put("d004", a -> MetricQuery.builder("open_pipeline", a).period("2026-Q3").filter("team", "US & Canada").build());
        q.put("d005", a -> MetricQuery.builder("win_rate", a).period("this_quarter").filter("team", "中国区").build());
        q.put("d006", a -> MetricQuery.builder("avg_deal_size", a).period("2025").filter("segment", "Enterprise").build());
        q.put("d007", a -> MetricQuery.builder("bookings", a).period("2025").groupBy("rep").top(3).build());
        q.put("d008", a -> MetricQuery.builder("quota_attainment", a).period("last_quarter").filter("team", "DACH").build());
        q.put("d009", a -> MetricQuery.builder("quota_gap", a).period("this_year").filter("team", "Nordics").build());
        q.put("d010", a -> MetricQuery.builder("pipeline_coverage", a).period("next_quarter").filter("rep", a).build());
        q.put("d011", a -> MetricQuery.builder("sales_cycle", a).period("2026-Q1").build());
        q.put("d012", a -> MetricQuery.builder("lost_deals", a).period("2025").filter("rep", a).build());
        q.put("d013", a -> MetricQuery.builder("new_opportunities", a).period("2026-05").build());
        q.put("d014", a -> MetricQuery.builder("new_pipeline", a).period("last_month").filter("rep", a).build());
        q.put("d015", a -> MetricQuery.builder("weighted_pipeline", a).build());
        q.put("d016", a -> MetricQuery.builder("lead_conversion_rate", a).period("this_year").filter("source", "Free Trial").build());
        q.put("d017", a -> MetricQuery.builder("lead_conversion_rate", a).period("2024-Q1").filter("source", "Content Download").build());
        q.put("d018", a -> MetricQuery.builder("win_rate", a).period("this_quarter").filter("rep", a).build());
        q.put("d019", a -> MetricQuery.builder("quota_attainment", a).period("2026-Q1").filter("rep", "Megan Price").build());
        q.put("d020", a -> MetricQuery.builder("bookings", a).period("this_year").filter("rep", "Maja Virtanen").build());
        q.put("d021", a -> MetricQuery.builder("bookings", a).period("last_quarter").filter("team", "深圳销售部").build());
        q.put("d022", a -> MetricQuery.builder("win_rate", a).period("this_quarter").filter("team", "Nordics").build());
        q.put("d023", a -> MetricQuery.builder("weighted_pipeline", a).filter("team", "中国区").build());
        q.put("d024", a -> MetricQuery.builder("activities", a).period("last_month").groupBy("activity_type").build());
        q.put("d025", a -> MetricQuery.builder("activities", a).period("last_3_months").filter("rep", a)
                .filter("activity_type", "call").build());
        q.put("d026", a -> MetricQuery.builder("overdue_tasks", a).filter("team", "中国区").build());
        q.put("d027", a -> MetricQuery.builder("stage_conversion", a).period("2025").option("stage", "Trial").build());
        q.put("d028", a -> MetricQuery.builder("stage_conversion", a).period("2025-Q4").option("from_stage", "Trial")
                .option("stage", "Contract Sent").build());
        q.put("d029", a -> MetricQuery.builder("bookings", a).period("this_year").filter("team", "中国区").groupBy("team").build());
        q.put("d030", a -> MetricQuery.builder("new_pipeline", a).period("this_year").groupBy("industry").top(3).build());
        q.put("d031", a -> MetricQuery.builder("win_rate", a).period("2025").filter("region", "Europe").groupBy("rep").bottom(2).build());
        q.put("d032", a -> MetricQuery.builder("win_rate_by_value", a).period("2025").filter("product", "Borealis Cloud Enterprise").build());
        q.put("d033", a -> MetricQuery.builder("bookings", a).period("last_quarter").filter("product", "Analytics Add-on").build());
        q.put("d034", a -> MetricQuery.builder("activities", a).period("last_30_days").filter("rep", a)
                .filter("activity_type", "email").build());
        q.put("d035", a -> MetricQuery.builder("avg_deal_size", a).period("2026-Q1").groupBy("segment").build());
        q.put("d036", a -> MetricQuery.builder("new_opportunities", a).period("ytd").filter("region", "Europe").build());
        q.put("d037", a -> MetricQuery.builder("bookings", a).period("2025").filter("industry", "Public Sector").build());
        q.put("d038", a -> MetricQuery.builder("quota", a).period("this_year").filter("rep", a).build());
        q.put("d039", a -> MetricQuery.builder("bookings", a).period("this_year").groupBy("product_family").top(2).build());
        q.put("d040", a -> MetricQuery.builder("won_deals", a).period("last_quarter").filter("rep", a).build());
        q.put("d041", a -> MetricQuery.builder("bookings", a).period("2025-Q2").filter("rep", "赵敏").build());
        q.put("d042", a -> MetricQuery.builder("bookings", a).period("this_quarter").filter("rep", "赵敏").build());
        q.put("d043", a -> MetricQuery.builder("won_deals", a).period("2026-03").filter("source", "Referral").build());
        q.put("d044", a -> MetricQuery.builder("bookings", a).period("ytd").filter("region", "China").build());
        q.put("d045", a -> MetricQuery.builder("new_opportunities", a).period("last_30_days").filter("team", "US & Canada").build());
        return q;
    }
}
