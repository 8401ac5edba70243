package io.salescope.forecasting;

import com.fasterxml.jackson.databind.JsonNode;
import io.salescope.core.config.SalescopeConfig;
import io.salescope.core.json.Json;
import io.salescope.core.progress.Progress;
import io.salescope.core.store.LocalStorage;
import io.salescope.ingest.IngestJob;
import io.salescope.ingest.IngestOptions;
import io.salescope.ingest.spark.Sparks;
import io.salescope.warehouse.catalog.MetricCatalog;
import io.salescope.warehouse.engine.DuckDbMetricEngine;
import io.salescope.warehouse.query.MetricQuery;
import io.salescope.warehouse.query.QueryResult;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** The forecast on the shared dev fixture (2,000 opportunities, reference date 2026-06-30). */
class DevFixtureIT {

    static SparkSession spark;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        spark = Sparks.forTests("dev-fixture-it");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static Path fixture() {
        String env = System.getenv("SALESCOPE_SHARED");
        for (Path p : new Path[] {env == null ? null : Path.of(env), Path.of("../shared"), Path.of("../../shared"),
                Path.of("/work/shared")}) {
            if (p != null && Files.isDirectory(p.resolve("fixtures/dev-crm"))) {
                return p.resolve("fixtures/dev-crm");
            }
        }
        return null;
    }

    @Test
    void the_dev_fixture_has_enough_closed_deals_for_a_model_and_its_forecast_is_queryable() throws Exception {
        Path fixture = fixture();
        assertThat(fixture).as("shared/fixtures/dev-crm (set SALESCOPE_SHARED)").isNotNull();
        SalescopeConfig config = SalescopeConfig.defaults().withDataDir(tmp.toString()).withToday(LocalDate.of(2026, 6, 30));
        IngestJob.run(spark, config, IngestOptions.of(fixture.toString()), Progress.none());
        ForecastReport report = ForecastJob.run(spark, config, ForecastOptions.defaults(), Progress.none());

        assertThat(report.method()).isEqualTo("model");
        assertThat(report.wonDeals()).isGreaterThanOrEqualTo(50);
        assertThat(report.lostDeals()).isGreaterThanOrEqualTo(50);
        JsonNode backtest = Json.mapper().readTree(tmp.resolve("forecast/backtest.json").toFile());
        Files.createDirectories(Path.of("target"));
        Files.copy(tmp.resolve("forecast/backtest.json"), Path.of("target/dev-fixture-backtest.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(backtest.at("/win_probability/model/auc").asDouble())
                .isGreaterThan(backtest.at("/win_probability/baselines/stage_probability/auc").asDouble());

        DuckDbMetricEngine engine = new DuckDbMetricEngine(config, new LocalStorage(tmp), MetricCatalog.builtIn());
        QueryResult q = engine.execute(MetricQuery.builder("forecast", "henrik.lund@borealis-software.com")
                .period("next_quarter").build());
        assertThat(q.value()).isPositive();
    }
}
