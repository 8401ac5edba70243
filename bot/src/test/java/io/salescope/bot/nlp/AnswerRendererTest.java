package io.salescope.bot.nlp;

import io.salescope.core.time.FiscalCalendar;
import io.salescope.core.time.Period;
import io.salescope.core.time.Periods;
import io.salescope.warehouse.catalog.MetricCatalog;
import io.salescope.warehouse.query.MetricQuery;
import io.salescope.warehouse.query.PermissionException;
import io.salescope.warehouse.query.QueryException;
import io.salescope.warehouse.query.QueryResult;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerRendererTest {

    private static final Periods PERIODS = new Periods(new FiscalCalendar(1), LocalDate.of(2026, 6, 30));
    private static final Periods APRIL = new Periods(new FiscalCalendar(4), LocalDate.of(2025, 11, 12));
    private static final String ASKER = "henrik.lund@borealis-software.com";
    private static final QueryResult.Scope DACH = new QueryResult.Scope("team DACH and the teams below it", "团队 DACH（含下级团队）", false);

    private final AnswerRenderer renderer = new AnswerRenderer(MetricCatalog.builtIn(), "USD");

    private static ParseOutcome.Understood understood(MetricQuery query, String language) {
        return new ParseOutcome.Understood(query, language, "restated");
    }

    private static QueryResult figure(String metric, String unit, Period period, Double value, QueryResult.Scope scope) {
        return new QueryResult(metric, unit, period, value, null, null, List.of(), scope, null, Map.of(), List.of(), List.of());
    }

    @Test
    void money_is_whole_units_of_the_reporting_currency_with_the_period_scope_and_definition() {
        MetricQuery q = MetricQuery.builder("bookings", ASKER).filter("team", "DACH").period("this_quarter").build();
        QueryResult r = figure("bookings", "money", PERIODS.parse("this_quarter"), 4496778.342682, DACH);

        Answer en = renderer.render(r, understood(q, "en"));
        assertThat(en.kind()).isEqualTo(Answer.Kind.FIGURE);
        assertThat(en.language()).isEqualTo("en");
        assertThat(en.text()).startsWith("Bookings for team DACH and the teams below it, Q2 2026 (2026-04-01 – 2026-06-30): USD 4,496,778.")
                .contains("Definition: Sum of the converted amount of won opportunities");

        Answer zh = renderer.render(r, understood(q, "zh"));
        assertThat(zh.text()).startsWith("团队 DACH（含下级团队），2026年第二季度（2026-04-01 至 2026-06-30）的成交金额：USD 4,496,778。")
                .contains("口径：期间内（按关闭日期）赢单商机的折算金额之和。");
    }

    @Test
    void ratios_are_percentages_with_one_decimal() {
        MetricQuery q = MetricQuery.builder("win_rate", ASKER).period("this_quarter").build();
        assertThat(renderer.render(figure("win_rate", "ratio", PERIODS.parse("this_quarter"), 0.625, null), understood(q, "en")).text())
                .contains(": 62.5%.");
        assertThat(renderer.render(figure("win_rate", "ratio", PERIODS.parse("this_quarter"), 0.431034, null), understood(q, "zh")).text())
                .contains("赢单率：43.1%。");
        MetricQuery coverage = MetricQuery.builder("pipeline_coverage", ASKER).period("next_quarter").build();
        assertThat(renderer.render(figure("pipeline_coverage", "ratio", PERIODS.parse("next_quarter"), 1.124296, null), understood(coverage, "en")).text())
                .contains("112.4% (1.12×)");
    }

    @Test
    void counts_are_whole_numbers_days_have_one_decimal_and_velocity_is_money_per_day() {
        MetricQuery count = MetricQuery.builder("new_opportunities", ASKER).period("last_30_days").build();
        assertThat(renderer.render(figure("new_opportunities", "count", PERIODS.parse("last_30_days"), 1234.0, null), understood(count, "en")).text())
                .startsWith("New opportunities, 2026-06-01 – 2026-06-30: 1,234.");
        MetricQuery days = MetricQuery.builder("sales_cycle", ASKER).period("2026-Q1").build();
        assertThat(renderer.render(figure("sales_cycle", "days", PERIODS.parse("2026-Q1"), 84.256757, null), understood(days, "en")).text())
                .contains(": 84.3 days.");
        assertThat(renderer.render(figure("sales_cycle", "days", PERIODS.parse("2026-Q1"), 84.256757, null), understood(days, "zh")).text())
                .contains("销售周期：84.3 天。");
        MetricQuery velocity = MetricQuery.builder("sales_velocity", ASKER).build();
        assertThat(renderer.render(figure("sales_velocity", "money_per_day", null, 1234.4, null), understood(velocity, "en")).text())
                .startsWith("Sales velocity, as of now: USD 1,234/day.");
        assertThat(renderer.render(figure("sales_velocity", "money_per_day", null, 1234.4, null), understood(velocity, "zh")).text())
                .startsWith("截至目前的销售速度：USD 1,234/天。");
    }

    @Test
    void a_breakdown_is_a_compact_table_and_a_ranking_is_numbered() {
        MetricQuery byRegion = MetricQuery.builder("bookings", ASKER).groupBy("region").period("last_quarter").build();
        QueryResult rows = new QueryResult("bookings", "money", PERIODS.parse("last_quarter"), null, null, null,
                List.of(new QueryResult.Row("China", "China", 3142664.09452, null),
                        new QueryResult.Row("Europe", "Europe", 1344692.280574, null),
                        new QueryResult.Row("North America", "North America", 1059483.93, null)),
                null, null, Map.of(), List.of(), List.of());
        Answer en = renderer.render(rows, understood(byRegion, "en"));
        assertThat(en.kind()).isEqualTo(Answer.Kind.BREAKDOWN);
        assertThat(en.text()).startsWith("""
                Bookings, by region, Q1 2026 (2026-01-01 – 2026-03-31):
                  China: USD 3,142,664
                  Europe: USD 1,344,692
                  North America: USD 1,059,484""");

        MetricQuery top = MetricQuery.builder("bookings", ASKER).groupBy("rep").top(2).period("2025").build();
        QueryResult ranked = new QueryResult("bookings", "money", PERIODS.parse("2025"), null, null, null,
                List.of(new QueryResult.Row("R11", "赵敏", 2325582.763596, null), new QueryResult.Row("R23", "Felix Wagner", 2288767.188499, null)),
                null, null, Map.of(), List.of(), List.of());
        assertThat(renderer.render(ranked, understood(top, "zh")).text()).startsWith("""
                2025年（2025-01-01 至 2025-12-31）的成交金额，前2名（按销售代表）：
                  1. 赵敏：USD 2,325,583
                  2. Felix Wagner：USD 2,288,767""");
    }

    @Test
    void no_value_says_why_and_never_zero_percent() {
        MetricQuery q = MetricQuery.builder("win_rate", ASKER).filter("rep", ASKER).period("this_quarter").build();
        QueryResult r = new QueryResult("win_rate", "ratio", PERIODS.parse("this_quarter"), null,
                "no closed (won or lost) deals in Q2 2026", "2026年第二季度没有已关闭（赢单或输单）的商机",
                List.of(), new QueryResult.Scope("rep Megan Price", "销售代表 Megan Price", true), null, Map.of(), List.of(), List.of());
        Answer en = renderer.render(r, understood(q, "en"));
        assertThat(en.kind()).isEqualTo(Answer.Kind.NO_VALUE);
        assertThat(en.text()).contains("no value — no closed (won or lost) deals in Q2 2026").doesNotContain("0%").doesNotContain("0.0%");
        Answer zh = renderer.render(r, understood(q, "zh"));
        assertThat(zh.text()).contains("无数值——2026年第二季度没有已关闭（赢单或输单）的商机").doesNotContain("0%");
    }

    @Test
    void a_breakdown_row_without_a_value_says_so() {
        MetricQuery q = MetricQuery.builder("win_rate", ASKER).groupBy("rep").build();
        QueryResult r = new QueryResult("win_rate", "ratio", PERIODS.parse("this_quarter"), null, null, null,
                List.of(new QueryResult.Row("R34", "Megan Price", null, "no closed deals")), null, null, Map.of(), List.of(), List.of());
        assertThat(renderer.render(r, understood(q, "en")).text()).contains("Megan Price: no value (no closed deals)");
    }

    @Test
    void a_comparison_shows_the_other_period_its_value_and_the_change() {
        MetricQuery q = MetricQuery.builder("bookings", ASKER).period("this_quarter").compareTo(MetricQuery.Comparison.YEAR_AGO).build();
        QueryResult r = new QueryResult("bookings", "money", PERIODS.parse("this_quarter"), 4496778.34, null, null, List.of(), null,
                new QueryResult.Comparison("YEAR_AGO", PERIODS.parse("2025-Q2"), 4000000.0, 496778.34, 0.1241946),
                Map.of(), List.of(), List.of());
        assertThat(renderer.render(r, understood(q, "en")).text())
                .contains("Compared with a year earlier, Q2 2025 (2025-04-01 – 2025-06-30): USD 4,000,000; change +USD 496,778 (+12.4%).");
        assertThat(renderer.render(r, understood(q, "zh")).text())
                .contains("同比（2025年第二季度（2025-04-01 至 2025-06-30））：USD 4,000,000，变化 +USD 496,778（+12.4%）。");

        MetricQuery rate = MetricQuery.builder("win_rate", ASKER).period("this_quarter").compareTo(MetricQuery.Comparison.PREVIOUS_PERIOD).build();
        QueryResult rates = new QueryResult("win_rate", "ratio", PERIODS.parse("this_quarter"), 0.45, null, null, List.of(), null,
                new QueryResult.Comparison("PREVIOUS_PERIOD", PERIODS.parse("2026-Q1"), 0.5, -0.05, -0.1), Map.of(), List.of(), List.of());
        assertThat(renderer.render(rates, understood(rate, "en")).text())
                .contains("Compared with the previous period, Q1 2026 (2026-01-01 – 2026-03-31): 50.0%; change -5.0 pp.");
        assertThat(renderer.render(rates, understood(rate, "zh")).text()).contains("环比").contains("变化 -5.0 个百分点");
    }

    @Test
    void a_refusal_is_clear_in_both_languages() {
        PermissionException e = new PermissionException("you may only see your own figures, not team Nordics",
                "您只能查看自己的数据，不能查看团队 Nordics");
        Answer en = renderer.renderRefusal(e, "en");
        assertThat(en.kind()).isEqualTo(Answer.Kind.REFUSAL);
        assertThat(en.text()).isEqualTo("Sorry, you may not see that figure. you may only see your own figures, not team Nordics");
        assertThat(renderer.renderRefusal(e, "zh").text()).isEqualTo("抱歉，您无权查看这项数据。您只能查看自己的数据，不能查看团队 Nordics");
    }

    @Test
    void an_engine_error_says_what_would_be_valid() {
        QueryException e = new QueryException("unknown product 'Atlas'", List.of("Vision Kit", "Fleet Manager"));
        Answer en = renderer.renderError(e, "en");
        assertThat(en.kind()).isEqualTo(Answer.Kind.ERROR);
        assertThat(en.text()).contains("I could not answer that: unknown product 'Atlas'").contains("Valid choices: Vision Kit, Fleet Manager");
        assertThat(renderer.renderError(e, "zh").text()).contains("无法回答这个问题").contains("可选：Vision Kit、Fleet Manager");
    }

    @Test
    void an_exceeded_quota_shows_a_negative_gap_with_a_note() {
        MetricQuery q = MetricQuery.builder("quota_gap", ASKER).period("last_quarter").build();
        assertThat(renderer.render(figure("quota_gap", "money", PERIODS.parse("last_quarter"), -12345.6, null), understood(q, "en")).text())
                .contains(": USD -12,346 (quota exceeded by USD 12,346).");
    }

    @Test
    void fiscal_periods_are_named_with_fy() {
        MetricQuery q = MetricQuery.builder("bookings", ASKER).period("this_quarter").build();
        assertThat(renderer.render(figure("bookings", "money", APRIL.parse("this_quarter"), 10.0, null), understood(q, "en")).text())
                .contains("Q3 FY2026 (2025-10-01 – 2025-12-31)");
        assertThat(renderer.render(figure("bookings", "money", APRIL.parse("this_year"), 10.0, null), understood(q, "zh")).text())
                .contains("2026财年（2025-04-01 至 2026-03-31）");
        assertThat(renderer.render(figure("bookings", "money", PERIODS.parse("ytd"), 10.0, null), understood(q, "zh")).text())
                .contains("2026年初至今（2026-01-01 至 2026-06-30）");
    }

    @Test
    void clarifications_and_not_understood_become_answers_too() {
        Answer clarify = renderer.render(new ParseOutcome.Clarify("en", "Which one do you mean by \"Chen\"?", List.of("Chen Yu (rep)", "Chen Li (rep)")));
        assertThat(clarify.kind()).isEqualTo(Answer.Kind.CLARIFICATION);
        assertThat(clarify.options()).containsExactly("Chen Yu (rep)", "Chen Li (rep)");
        assertThat(clarify.text()).contains("• Chen Yu (rep)");
        assertThat(renderer.render(new ParseOutcome.NotUnderstood("zh", "抱歉")).kind()).isEqualTo(Answer.Kind.NOT_UNDERSTOOD);
    }

    @Test
    void a_stage_conversion_names_its_stages() {
        MetricQuery q = MetricQuery.builder("stage_conversion", ASKER).option("from_stage", "Trial").option("stage", "Contract Sent")
                .period("2025-Q4").build();
        assertThat(renderer.render(figure("stage_conversion", "ratio", PERIODS.parse("2025-Q4"), 0.793388, null), understood(q, "en")).text())
                .startsWith("Stage conversion (Trial → Contract Sent), Q4 2025 (2025-10-01 – 2025-12-31): 79.3%.");
    }
}
