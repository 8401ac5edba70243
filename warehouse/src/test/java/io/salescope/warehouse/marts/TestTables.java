package io.salescope.warehouse.marts;

import io.salescope.core.contract.Column;
import io.salescope.core.contract.TableContract;
import io.salescope.core.contract.Tables;
import io.salescope.core.store.LocalStorage;
import io.salescope.core.store.VersionManifest;
import io.salescope.core.store.VersionStore;
import io.salescope.core.store.WarehouseLayout;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds warehouse tables and versions for tests the way ingest publishes them: rows with the
 * contract's columns and types, zstd Parquet under {@link WarehouseLayout#tableDirectory},
 * a manifest published with {@link VersionStore#publish}.
 */
final class TestTables {

    private TestTables() {
    }

    /** A row of {@code table} from column → value; dates and timestamps may be ISO strings. */
    static Row row(TableContract table, Map<String, Object> values) {
        for (String name : values.keySet()) {
            if (table.column(name).isEmpty()) {
                throw new IllegalArgumentException(table.name() + " has no column " + name);
            }
        }
        List<Object> out = new ArrayList<>();
        for (Column c : table.columns()) {
            out.add(convert(c, values.get(c.name())));
        }
        return RowFactory.create(out.toArray());
    }

    /** Key-value pairs as an ordered map that allows nulls. */
    static Map<String, Object> values(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    private static Object convert(Column c, Object v) {
        if (v == null) {
            return null;
        }
        return switch (c.type()) {
            case DATE -> v instanceof String s ? LocalDate.parse(s) : v;
            case TIMESTAMP -> v instanceof String s ? Instant.parse(s) : v;
            case DOUBLE -> ((Number) v).doubleValue();
            case INT -> ((Number) v).intValue();
            case LONG -> ((Number) v).longValue();
            default -> v;
        };
    }

    static Dataset<Row> frame(SparkSession spark, TableContract table, List<Row> rows) {
        return spark.createDataFrame(rows, SparkSchemas.of(table));
    }

    /** Writes the tables as one ingest-like version and publishes it; returns the published manifest. */
    static VersionManifest publish(SparkSession spark, Path dataDir, Map<TableContract, Dataset<Row>> tables) {
        VersionStore store = new VersionStore(new LocalStorage(dataDir));
        String runId = WarehouseLayout.newRunId(Instant.now());
        Map<String, VersionManifest.TableEntry> entries = new LinkedHashMap<>();
        tables.forEach((contract, df) -> {
            String dir = WarehouseLayout.tableDirectory(contract.name(), runId);
            var writer = df.write().option("compression", "zstd");
            if (!contract.partitionBy().isEmpty()) {
                writer = writer.partitionBy(contract.partitionBy().toArray(String[]::new));
            }
            writer.parquet(dataDir.resolve(dir).toString());
            entries.put(contract.name(), new VersionManifest.TableEntry(dir, df.count(), contract.partitionBy()));
        });
        VersionManifest draft = new VersionManifest(VersionManifest.FORMAT, 0, store.currentVersion().orElse(0L),
                Instant.now(), runId, "ingest", Map.of("reporting_currency", "USD"), entries, Map.of());
        return store.publish(draft);
    }

    /** Every source table, empty where {@code tables} has none: what ingest of a sparse export publishes. */
    static Map<TableContract, Dataset<Row>> withEmptyTables(SparkSession spark, Map<TableContract, Dataset<Row>> tables) {
        Map<TableContract, Dataset<Row>> all = new LinkedHashMap<>();
        for (TableContract t : Tables.SOURCES) {
            all.put(t, tables.getOrDefault(t, frame(spark, t, List.of())));
        }
        return all;
    }

    /** Column name → Spark type name, ignoring nullability (Spark decides that, Parquet drops it). */
    static Map<String, String> columnTypes(Dataset<Row> df) {
        Map<String, String> m = new LinkedHashMap<>();
        for (var f : df.schema().fields()) {
            m.put(f.name(), f.dataType().simpleString());
        }
        return m;
    }

    static Map<String, String> columnTypes(TableContract contract) {
        Map<String, String> m = new LinkedHashMap<>();
        for (var f : SparkSchemas.of(contract).fields()) {
            m.put(f.name(), f.dataType().simpleString());
        }
        return m;
    }

    /** Rows as maps, dates as LocalDate and timestamps as Instant, for assertions. */
    static List<Map<String, Object>> maps(Dataset<Row> df) {
        List<Map<String, Object>> out = new ArrayList<>();
        String[] names = df.columns();
        for (Row r : df.collectAsList()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < names.length; i++) {
                Object v = r.get(i);
                if (v instanceof Date d) {
                    v = d.toLocalDate();
                } else if (v instanceof Timestamp t) {
                    v = t.toInstant();
                }
                m.put(names[i], v);
            }
            out.add(m);
        }
        return out;
    }
}
