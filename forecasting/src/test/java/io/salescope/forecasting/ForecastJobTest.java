package io.salescope.forecasting;

import com.fasterxml.jackson.databind.JsonNode;
import io.salescope.core.config.SalescopeConfig;
import io.salescope.core.json.Json;
import io.salescope.core.progress.Progress;
import io.salescope.core.store.LocalStorage;
import io.salescope.core.store.VersionManifest;
import io.salescope.core.store.VersionStore;
import io.salescope.forecasting.model.Algorithm;
import io.salescope.forecasting.testing.SyntheticCrm;
import io.salescope.forecasting.testing.WarehouseFixtures;
import io.salescope.ingest.spark.Sparks;
import io.salescope.warehouse.catalog.MetricCatalog;
import io.salescope.warehouse.engine.DuckDbMetricEngine;
import io.salescope.warehouse.query.MetricQuery;
import io.salescope.warehouse.query.QueryResult;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

/** The whole job on a synthetic company: publishing, engine reads, determinism, the fallback. */
class ForecastJobTest {

    static final LocalDate TODAY = LocalDate.of(2026, 6, 30);
    static SparkSession spark;
    static SyntheticCrm crm;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        spark = Sparks.forTests("forecast-job-test");
        crm = new SyntheticCrm(11, 1200, LocalDate.of(2023, 7, 1), LocalDate.of(2026, 6, 25));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static SalescopeConfig config(Path dir) {
        return SalescopeConfig.defaults().withDataDir(dir.toString()).withToday(TODAY);
    }

    static Path warehouse(String name) {
        Path dir = tmp.resolve(name);
        WarehouseFixtures.publish(spark, dir, SyntheticCrm.frames(spark, crm.export(TODAY)));
        return dir;
    }

    static ForecastOptions quick() {
        return ForecastOptions.defaults().withBacktestOrigins(2, 3).withGbtIterations(15);
    }

    static List<Row> table(Path dir, String table) {
        VersionManifest m = new VersionStore(new LocalStorage(dir)).current().orElseThrow();
        return spark.read().parquet(dir.resolve(m.table(table).orElseThrow().path()).toString())
                .orderBy(col(spark.read().parquet(dir.resolve(m.table(table).orElseThrow().path()).toString()).columns()[0]),
                        col(spark.read().parquet(dir.resolve(m.table(table).orElseThrow().path()).toString()).columns()[1]))
                .collectAsList();
    }

    @Test
    void scores_and_forecasts_are_published_and_readable_by_the_query_engine() throws Exception {
        Path dir = warehouse("engine");
        ForecastReport report = ForecastJob.run(spark, config(dir), quick(), Progress.none());

        assertThat(report.method()).isEqualTo("model");
        assertThat(report.openDealsScored()).isPositive();
        JsonNode backtest = Json.mapper().readTree(dir.resolve("forecast/backtest.json").toFile());
        assertThat(backtest.at("/win_probability/model/auc").asDouble()).isBetween(0.5, 1.0);
        assertThat(backtest.at("/win_probability/baselines/stage_probability/brier").isNumber()).isTrue();
        assertThat(backtest.at("/win_probability/baselines/rep_win_rate/auc").isNumber()).isTrue();
        for (String g : List.of("quarter", "month")) {
            for (String m : List.of("wape", "mape", "mase", "bias")) {
                assertThat(backtest.at("/bookings/" + g + "/model/" + m).isNumber()).as(g + " " + m).isTrue();
            }
            assertThat(backtest.at("/bookings/" + g + "/baselines").fieldNames()).toIterable()
                    .containsExactly("naive", "seasonal_naive", "stage_weighted", "rep_win_rate");
        }
        assertThat(dir.resolve("forecast/report.md")).exists();
        assertThat(Files.readString(dir.resolve("forecast/report.md"))).contains("Calibration table");
        assertThat(dir.resolve("forecast/calibration.png")).exists();
        assertThat(dir.resolve("forecast/bookings_quarter.png")).exists();
        assertThat(dir.resolve("forecast/models/" + report.modelVersion() + "/pipeline")).isDirectory();

        DuckDbMetricEngine engine = new DuckDbMetricEngine(config(dir), new LocalStorage(dir), MetricCatalog.builtIn());
        QueryResult company = engine.execute(MetricQuery.builder("forecast", "eve@x.io").period("this_quarter").build());
        assertThat(company.value()).isPositive();
        assertThat(company.details()).containsKeys("low", "high", "closed_so_far", "expected_open", "expected_new");
        assertThat((Double) company.details().get("low")).isLessThanOrEqualTo(company.value());
        assertThat((Double) company.details().get("high")).isGreaterThanOrEqualTo(company.value());
        assertThat(company.details().get("model_version")).isEqualTo(report.modelVersion());
        QueryResult team = engine.execute(MetricQuery.builder("forecast", "mia@x.io").period("next_month").build());
        assertThat(team.value()).isNotNull().isLessThanOrEqualTo(
                engine.execute(MetricQuery.builder("forecast", "eve@x.io").period("next_month").build()).value());
        QueryResult rep = engine.execute(MetricQuery.builder("forecast", "rep1@x.io").period("this_month").build());
        assertThat(rep.value()).isNotNull();
        QueryResult byTeam = engine.execute(MetricQuery.builder("forecast", "eve@x.io").period("next_quarter")
                .groupBy("team").build());
        assertThat(byTeam.rows()).extracting(QueryResult.Row::label).contains("East", "West");

        List<Row> scores = table(dir, "win_scores");
        assertThat(scores).hasSize((int) report.openDealsScored());
        Row first = scores.get(0);
        assertThat(first.<String>getAs("method")).isEqualTo("model");
        assertThat(first.<Double>getAs("probability")).isBetween(0.0, 1.0);
        long explained = scores.stream().filter(r -> ((String) r.getAs("top_positive_en")).startsWith("[\"")).count();
        assertThat(explained).isGreaterThan(scores.size() / 2);
        assertThat(scores.stream().map(r -> (String) r.getAs("top_negative_zh")).filter(s -> s.contains("天") || s.contains("次")))
                .isNotEmpty();
        assertThat(table(dir, "win_score_history")).hasSize(scores.size());
    }

    @Test
    void the_same_seed_gives_identical_scores_and_forecasts() {
        Path dir = warehouse("determinism");
        ForecastOptions options = ForecastOptions.defaults().withBacktest(false)
                .withModel(ForecastOptions.ModelChoice.GBT).withGbtIterations(15);
        ForecastReport a = ForecastJob.run(spark, config(dir), options, Progress.none());
        List<Row> scoresA = table(dir, "win_scores");
        List<Row> forecastA = table(dir, "forecast_bookings");
        ForecastReport b = ForecastJob.run(spark, config(dir), options, Progress.none());
        List<Row> scoresB = table(dir, "win_scores");
        List<Row> forecastB = table(dir, "forecast_bookings");

        assertThat(b.publishedVersion()).isGreaterThan(a.publishedVersion());
        assertThat(b.modelVersion()).isEqualTo(a.modelVersion());
        assertThat(scoresB).isEqualTo(scoresA);
        assertThat(forecastB).isEqualTo(forecastA);
        assertThat(a.algorithm()).isEqualTo(Algorithm.GBT.id());
    }

    @Test
    void too_few_closed_deals_fall_back_to_stage_probabilities_and_the_report_says_so() throws Exception {
        Path dir = warehouse("fallback");
        ForecastOptions options = quick().withMinClosed(100_000);
        ForecastReport report = ForecastJob.run(spark, config(dir), options, Progress.none());

        assertThat(report.method()).isEqualTo("stage_fallback");
        assertThat(report.fallbackReason()).contains("too few closed deals");
        List<Row> scores = table(dir, "win_scores");
        assertThat(scores).isNotEmpty().allSatisfy(r -> {
            assertThat(r.<String>getAs("method")).isEqualTo("stage_fallback");
            assertThat(r.<Double>getAs("probability")).isEqualTo(r.<Double>getAs("stage_probability"));
            assertThat(r.<String>getAs("top_negative_en")).contains("too few closed deals");
        });
        assertThat(Files.readString(dir.resolve("forecast/report.md"))).contains("stage_fallback");
        JsonNode backtest = Json.mapper().readTree(dir.resolve("forecast/backtest.json").toFile());
        assertThat(backtest.get("method").asText()).isEqualTo("stage_fallback");
        assertThat(table(dir, "forecast_bookings")).isNotEmpty();
        assertThat(Map.of("x", 1)).isNotEmpty();
    }
}
