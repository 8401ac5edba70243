package io.salescope.warehouse.marts;

import io.salescope.core.contract.DefaultStageModel;
import io.salescope.core.contract.TableContract;
import io.salescope.core.contract.Tables;
import io.salescope.core.store.Storage;
import io.salescope.core.store.VersionManifest;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Reads one published version's tables with their contract schemas (never inferred). A
 * table the version does not list reads as empty; a stages table that is absent or empty
 * reads as the spec's default stage model.
 */
public final class WarehouseTables {

    private final SparkSession spark;
    private final Storage storage;
    private final VersionManifest manifest;

    public WarehouseTables(SparkSession spark, Storage storage, VersionManifest manifest) {
        this.spark = requireNonNull(spark, "spark is null");
        this.storage = requireNonNull(storage, "storage is null");
        this.manifest = requireNonNull(manifest, "manifest is null");
    }

    public Dataset<Row> read(TableContract contract) {
        return manifest.table(contract.name())
                .map(entry -> spark.read().schema(SparkSchemas.of(contract)).parquet(storage.location(entry.path())))
                .orElseGet(() -> spark.createDataFrame(List.<Row>of(), SparkSchemas.of(contract)));
    }

    public Dataset<Row> stages() {
        Dataset<Row> stages = read(Tables.STAGES);
        return stages.isEmpty() ? defaultStages(spark) : stages;
    }

    public static Dataset<Row> defaultStages(SparkSession spark) {
        List<Row> rows = DefaultStageModel.STAGES.stream()
                .map(s -> RowFactory.create(s.stage(), s.position(), s.probability(), s.category(), s.forecastCategory()))
                .toList();
        return spark.createDataFrame(rows, SparkSchemas.of(Tables.STAGES));
    }
}
