package io.salescope.forecasting;

import com.fasterxml.jackson.databind.JsonNode;
import io.salescope.core.config.SalescopeConfig;
import io.salescope.core.json.Json;
import io.salescope.core.progress.Progress;
import io.salescope.core.store.LocalStorage;
import io.salescope.core.store.VersionManifest;
import io.salescope.core.store.VersionStore;
import io.salescope.ingest.IngestJob;
import io.salescope.ingest.IngestOptions;
import io.salescope.ingest.generate.CrmGenerator;
import io.salescope.ingest.generate.GenerateSettings;
import io.salescope.ingest.spark.Sparks;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calibration on generated data whose true win chances are known: {@code salescope generate
 * --plant} writes each deal's latent probability (for a deal still open, its chance given the
 * stages it has passed). The published scores of open deals, binned by predicted probability,
 * must match the planted chances, and the backtest's predictions the observed outcomes.
 */
class PlantedCalibrationIT {

    static final LocalDate TODAY = LocalDate.of(2026, 6, 30);
    static SparkSession spark;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        spark = Sparks.forTests("planted-calibration-it");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void open_deal_scores_match_the_planted_probabilities_and_backtest_predictions_the_outcomes() throws Exception {
        Path export = tmp.resolve("export");
        new CrmGenerator(GenerateSettings.of(export, TODAY).withScale(0.5).withPlant(true), Progress.none()).generate();
        SalescopeConfig config = SalescopeConfig.defaults().withDataDir(tmp.resolve("data").toString()).withToday(TODAY);
        IngestJob.run(spark, config, IngestOptions.of(export.toString()), Progress.none());
        ForecastReport report = ForecastJob.run(spark, config, ForecastOptions.defaults(), Progress.none());
        assertThat(report.method()).isEqualTo("model");

        Map<String, Double> planted = new HashMap<>();
        for (String line : Files.readAllLines(export.resolve(CrmGenerator.PLANTED_FILE)).subList(1,
                Files.readAllLines(export.resolve(CrmGenerator.PLANTED_FILE)).size())) {
            String[] f = line.split(",");
            planted.put(f[0], Double.parseDouble(f[1]));
        }
        Path data = tmp.resolve("data");
        VersionManifest m = new VersionStore(new LocalStorage(data)).current().orElseThrow();
        List<double[]> pairs = new ArrayList<>();
        for (Row r : spark.read().parquet(data.resolve(m.table("win_scores").orElseThrow().path()).toString())
                .select("opportunity_id", "probability").collectAsList()) {
            Double truth = planted.get(r.getString(0));
            if (truth != null) {
                pairs.add(new double[] {r.getDouble(1), truth});
            }
        }
        assertThat(pairs).hasSizeGreaterThan(200);
        pairs.sort((a, b) -> Double.compare(a[0], b[0]));
        int bins = 5;
        List<String> table = new ArrayList<>();
        double meanPredicted = 0;
        double meanPlanted = 0;
        for (int b = 0; b < bins; b++) {
            List<double[]> bin = pairs.subList(b * pairs.size() / bins, (b + 1) * pairs.size() / bins);
            double p = bin.stream().mapToDouble(x -> x[0]).average().orElseThrow();
            double t = bin.stream().mapToDouble(x -> x[1]).average().orElseThrow();
            table.add(String.format("bin %d: predicted %.3f planted %.3f (%d deals)", b + 1, p, t, bin.size()));
            assertThat(Math.abs(p - t)).as(table.get(b)).isLessThan(0.08);
        }
        for (double[] x : pairs) {
            meanPredicted += x[0] / pairs.size();
            meanPlanted += x[1] / pairs.size();
        }
        assertThat(Math.abs(meanPredicted - meanPlanted)).as(String.join("; ", table)).isLessThan(0.04);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/planted-calibration.txt"), String.join("\n", table)
                + String.format("%nmean predicted %.3f, mean planted %.3f, deals %d%n", meanPredicted, meanPlanted, pairs.size()));
        Files.copy(data.resolve("forecast/backtest.json"), Path.of("target/planted-backtest.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        JsonNode backtest = Json.mapper().readTree(data.resolve("forecast/backtest.json").toFile());
        assertThat(backtest.at("/win_probability/ece").asDouble()).isLessThan(0.06);
    }
}
