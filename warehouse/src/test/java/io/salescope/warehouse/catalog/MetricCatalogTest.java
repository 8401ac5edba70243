package io.salescope.warehouse.catalog;

import io.salescope.core.SalescopeException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricCatalogTest {

    @Test
    void built_in_catalog_defines_every_metric_of_metrics_v1() {
        MetricCatalog catalog = MetricCatalog.builtIn();
        assertThat(catalog.metricNames()).contains(
                "bookings", "won_deals", "lost_deals", "win_rate", "win_rate_by_value", "avg_deal_size",
                "sales_cycle", "new_opportunities", "new_pipeline", "open_pipeline", "weighted_pipeline", "quota",
                "quota_attainment", "quota_gap", "pipeline_coverage", "stage_conversion", "lead_conversion_rate",
                "activities", "overdue_tasks", "sales_velocity", "forecast");
        assertThat(catalog.problems()).isEmpty();
    }

    @Test
    void every_metric_has_english_and_chinese_names_and_definitions() {
        for (MetricCatalog.Metric m : MetricCatalog.builtIn().metrics()) {
            assertThat(m.synonyms().en()).as(m.name()).isNotEmpty();
            assertThat(m.synonyms().zh()).as(m.name()).isNotEmpty();
            assertThat(m.definition().en()).as(m.name()).isNotBlank();
            assertThat(m.definition().zh()).as(m.name()).isNotBlank();
        }
    }

    @Test
    void formula_components_may_be_a_name_or_a_metric_with_its_own_period() {
        MetricCatalog.Metric velocity = MetricCatalog.builtIn().metric("sales_velocity").orElseThrow();
        assertThat(velocity.components().get("n")).isEqualTo(new MetricCatalog.Component("open_opportunities", "none"));
        MetricCatalog.Metric attainment = MetricCatalog.builtIn().metric("quota_attainment").orElseThrow();
        assertThat(attainment.components().get("b")).isEqualTo(new MetricCatalog.Component("bookings", null));
    }

    @Test
    void a_catalog_with_mistakes_is_rejected_with_every_problem_named() {
        String yaml = """
                version: 1
                facts:
                  opportunities: {table: opportunities, owner: f.owner_id, joins: {}, dimensions: {}}
                dimensions:
                  rep: {label: {en: rep, zh: 销售}, synonyms: {en: [rep], zh: [销售]}}
                metrics:
                  - name: big_deals
                    label: {en: Big deals, zh: 大单}
                    definition: {en: x, zh: x}
                    unit: dollars
                    fact: opportunities
                    time: f.close_date
                    value: count(*)
                    dimensions: [rep, industry]
                """;
        assertThatThrownBy(() -> MetricCatalog.parse(yaml.getBytes(StandardCharsets.UTF_8), "test.yaml"))
                .isInstanceOf(SalescopeException.class)
                .hasMessageContaining("metric 'big_deals': unit 'dollars' is not one of")
                .hasMessageContaining("metric 'big_deals': dimension 'industry' is not in the dimensions section");
    }
}
