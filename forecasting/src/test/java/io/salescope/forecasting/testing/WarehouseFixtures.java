package io.salescope.forecasting.testing;

import io.salescope.core.contract.TableContract;
import io.salescope.core.contract.Tables;
import io.salescope.core.store.VersionManifest;
import io.salescope.core.store.VersionStore;
import io.salescope.core.store.WarehouseLayout;
import io.salescope.forecasting.data.ForecastInputs;
import io.salescope.forecasting.data.SparkContracts;
import io.salescope.ingest.store.HadoopStorage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Publishes a warehouse version from Spark frames, as ingest would, for tests and benchmarks. */
public final class WarehouseFixtures {

    private WarehouseFixtures() {
    }

    public static long publish(SparkSession spark, Path dataDir, Map<String, Dataset<Row>> frames) {
        HadoopStorage storage = new HadoopStorage(dataDir.toString(), spark.sparkContext().hadoopConfiguration());
        VersionStore store = new VersionStore(storage);
        String runId = WarehouseLayout.newRunId(Instant.now());
        Map<String, VersionManifest.TableEntry> entries = new LinkedHashMap<>();
        for (TableContract t : Tables.SOURCES) {
            Dataset<Row> frame = frames.containsKey(t.name()) ? ForecastInputs.conform(frames.get(t.name()), t)
                    : spark.createDataFrame(List.of(), SparkContracts.schema(t));
            String dir = WarehouseLayout.tableDirectory(t.name(), runId);
            frame.coalesce(1).write().mode(SaveMode.Overwrite).parquet(storage.location(dir));
            entries.put(t.name(), new VersionManifest.TableEntry(dir, frame.count(), List.of()));
        }
        VersionManifest draft = new VersionManifest(VersionManifest.FORMAT, 0, store.currentVersion().orElse(0L),
                Instant.now(), runId, "test", Map.of("reporting_currency", "USD", "default_zone", "UTC",
                "fiscal_year_start_month", "1"), entries, Map.of());
        return store.publish(draft).version();
    }
}
