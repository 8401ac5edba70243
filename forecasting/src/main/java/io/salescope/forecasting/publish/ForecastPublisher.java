package io.salescope.forecasting.publish;

import io.salescope.core.contract.TableContract;
import io.salescope.core.contract.Tables;
import io.salescope.core.store.Storage;
import io.salescope.core.store.VersionManifest;
import io.salescope.core.store.VersionStore;
import io.salescope.core.store.WarehouseLayout;
import io.salescope.forecasting.data.ForecastInputs;
import io.salescope.forecasting.data.SparkContracts;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

/**
 * Publishes a forecast as a new warehouse version (kind {@code forecast}): the current
 * version's tables by path plus this run's {@code win_scores}, {@code win_score_history}
 * (the previous history with this run's rows replacing any of the same deal and date) and
 * {@code forecast_bookings}; under the writer lock, then older versions are pruned.
 */
public final class ForecastPublisher {

    private final SparkSession spark;
    private final VersionStore store;
    private final int keepVersions;

    public ForecastPublisher(SparkSession spark, VersionStore store, int keepVersions) {
        this.spark = requireNonNull(spark, "spark is null");
        this.store = requireNonNull(store, "store is null");
        this.keepVersions = keepVersions;
    }

    public VersionManifest publish(String runId, List<Row> winScores, List<Row> forecastBookings,
                                   Map<String, String> properties) {
        Storage storage = store.storage();
        try (VersionStore.WriterLock lock = store.lock(runId)) {
            VersionManifest current = store.current().orElseThrow(() ->
                    new IllegalStateException("no warehouse version to add a forecast to: run 'salescope ingest DIR' first"));
            Map<String, VersionManifest.TableEntry> changes = new LinkedHashMap<>();
            Dataset<Row> scores = spark.createDataFrame(winScores, SparkContracts.schema(Tables.WIN_SCORES));
            changes.put(Tables.WIN_SCORES.name(), write(storage, Tables.WIN_SCORES, runId, scores));

            Dataset<Row> newHistory = scores.select(Tables.WIN_SCORE_HISTORY.columnNames().stream()
                    .map(c -> col(c)).toArray(org.apache.spark.sql.Column[]::new));
            Dataset<Row> oldHistory = current.table(Tables.WIN_SCORE_HISTORY.name()).isPresent()
                    ? readHistory(storage, current)
                    : null;
            Dataset<Row> history = oldHistory == null ? newHistory
                    : oldHistory.join(newHistory.select("opportunity_id", "as_of_date"),
                            new String[] {"opportunity_id", "as_of_date"}, "left_anti")
                    .unionByName(newHistory);
            changes.put(Tables.WIN_SCORE_HISTORY.name(), write(storage, Tables.WIN_SCORE_HISTORY, runId, history));

            Dataset<Row> bookings = spark.createDataFrame(forecastBookings, SparkContracts.schema(Tables.FORECAST_BOOKINGS));
            changes.put(Tables.FORECAST_BOOKINGS.name(), write(storage, Tables.FORECAST_BOOKINGS, runId, bookings));

            VersionManifest draft = current.next(runId, "forecast", Instant.now(), changes, null, properties);
            VersionManifest published = store.publish(draft);
            store.retain(keepVersions);
            return published;
        }
    }

    private Dataset<Row> readHistory(Storage storage, VersionManifest current) {
        var entry = current.table(Tables.WIN_SCORE_HISTORY.name()).get();
        if (entry.rows() == 0) {
            return null;
        }
        return ForecastInputs.conform(spark.read().parquet(storage.location(entry.path())), Tables.WIN_SCORE_HISTORY);
    }

    private static VersionManifest.TableEntry write(Storage storage, TableContract t, String runId, Dataset<Row> frame) {
        String dir = WarehouseLayout.tableDirectory(t.name(), runId);
        Dataset<Row> conformed = ForecastInputs.conform(frame, t).coalesce(1);
        conformed.write().mode(SaveMode.Overwrite).parquet(storage.location(dir));
        long rows = frame.sparkSession().read().parquet(storage.location(dir)).count();
        return new VersionManifest.TableEntry(dir, rows, List.of());
    }
}
