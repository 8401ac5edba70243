package io.salescope.ingest;

import io.salescope.core.config.SalescopeConfig;
import io.salescope.core.contract.PersonalData;
import io.salescope.core.contract.TableContract;
import io.salescope.core.progress.Progress;
import io.salescope.ingest.crypto.KeySource;
import io.salescope.ingest.crypto.PiiCrypto;
import io.salescope.core.contract.Tables;
import io.salescope.core.store.VersionManifest;
import io.salescope.core.store.VersionStore;
import io.salescope.core.store.WarehouseLayout;
import io.salescope.ingest.spark.ContractSchemas;
import io.salescope.ingest.store.HadoopStorage;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Test helpers: writing export folders and reading what ingest published. */
public final class Exports {

    private Exports() {
    }

    /** Writes a file of an export; {@code \n} in {@code text} become {@code lineEnd}. */
    public static void write(Path dir, String file, String text, String lineEnd, boolean bom) {
        try {
            Files.createDirectories(dir);
            byte[] body = text.replace("\n", lineEnd).getBytes(StandardCharsets.UTF_8);
            byte[] out = bom ? concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, body) : body;
            Files.write(dir.resolve(file), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(Path dir, String file, String text) {
        write(dir, file, text, "\n", false);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    public static SalescopeConfig config(Path data) {
        return SalescopeConfig.defaults().withDataDir(data.toString());
    }

    public static VersionStore store(Path data) {
        return new VersionStore(new HadoopStorage(data.toString(), new Configuration()));
    }

    public static Optional<VersionManifest> current(Path data) {
        return store(data).current();
    }

    /** A table of the current version. */
    public static Dataset<Row> table(SparkSession spark, Path data, TableContract table) {
        VersionManifest m = current(data).orElseThrow();
        return table(spark, data, m, table);
    }

    public static Dataset<Row> table(SparkSession spark, Path data, VersionManifest m, TableContract table) {
        VersionManifest.TableEntry entry = m.table(table.name()).orElseThrow();
        String path = data.resolve(entry.path()).toString();
        var reader = spark.read().schema(ContractSchemas.schema(table)).option("basePath", path);
        if (entry.encrypted()) {
            reader = reader.options(keys(data).readOptions());
        }
        return reader.parquet(path).select(ContractSchemas.columns(table));
    }

    /** The master keys ingest uses for a data directory by default (a key file next to it). */
    public static PiiCrypto keys(Path data) {
        return new PiiCrypto(KeySource.resolve(Map.of(), data.toString()), false, Progress.none());
    }

    /** The quarantine or warnings a run wrote to its run directory (one subdirectory per file's table). */
    public static Dataset<Row> runTable(SparkSession spark, Path data, String runId, TableContract table) {
        Path dir = data.resolve(WarehouseLayout.runDirectory(runId)).resolve(table.name());
        try (Stream<Path> parts = Files.list(dir)) {
            String[] paths = parts.filter(Files::isDirectory).map(Path::toString).toArray(String[]::new);
            var reader = spark.read().schema(ContractSchemas.schema(table));
            if (!PersonalData.encryptedColumns(table).isEmpty()) {
                reader = reader.options(keys(data).readOptions());
            }
            return reader.parquet(paths);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rows as lists of values, in the given columns' order. */
    public static List<List<Object>> values(Dataset<Row> rows, String... columns) {
        List<List<Object>> out = new ArrayList<>();
        for (Row r : rows.selectExpr(columns).collectAsList()) {
            List<Object> v = new ArrayList<>();
            for (int i = 0; i < r.size(); i++) {
                v.add(r.get(i));
            }
            out.add(v);
        }
        return out;
    }

    public static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    public static TableContract t(String name) {
        return Tables.byName(name).orElseThrow();
    }
}
