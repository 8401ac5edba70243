package io.salescope.ingest.source;

import io.salescope.core.config.SalescopeConfig;
import io.salescope.core.contract.TableContract;
import io.salescope.core.store.VersionManifest;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.Optional;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * What a source may look at before planning, under the warehouse's writer lock: the version
 * current before the run (incremental sources keep their watermarks and checkpoints in its
 * properties) and its tables (lookups of ids by e-mail).
 *
 * @param full the run replaces the warehouse's contents (read everything, ignore watermarks)
 * @param warehouseTable a table of the current version, if it has one
 */
public record SourceContext(SparkSession spark, SalescopeConfig config, Optional<VersionManifest> current, boolean full,
                            Function<TableContract, Optional<Dataset<Row>>> warehouseTable) {

    public SourceContext {
        requireNonNull(spark, "spark is null");
        requireNonNull(config, "config is null");
        requireNonNull(current, "current is null");
        requireNonNull(warehouseTable, "warehouseTable is null");
    }

    public Optional<String> property(String name) {
        return current.map(m -> m.properties().get(name));
    }
}
