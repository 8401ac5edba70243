package io.salescope.ingest.publish;

import io.salescope.core.SalescopeException;
import io.salescope.core.contract.PersonalData;
import io.salescope.core.contract.TableContract;
import io.salescope.core.store.VersionManifest.TableEntry;
import io.salescope.ingest.crypto.PiiCrypto;
import io.salescope.ingest.spark.ContractSchemas;
import io.salescope.ingest.store.HadoopStorage;
import io.salescope.ingest.transform.IngestRecords;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Reads and writes warehouse table directories: zstd Parquet with the contract's schema, Hive
 * partitions where the contract asks for them. A table with no rows is written as one
 * unpartitioned file carrying the schema, so every reader finds its columns. Tables with
 * personal data ({@link PersonalData}) are written with those columns encrypted when a
 * {@link PiiCrypto} is given; reading them back needs its keys.
 */
public final class WarehouseTables {

    private final SparkSession spark;
    private final HadoopStorage storage;
    private final PiiCrypto crypto;

    public WarehouseTables(SparkSession spark, HadoopStorage storage) {
        this(spark, storage, null);
    }

    /** @param crypto encrypts personal data; null writes it plain (only tools that never write it pass null) */
    public WarehouseTables(SparkSession spark, HadoopStorage storage, PiiCrypto crypto) {
        this.spark = requireNonNull(spark, "spark is null");
        this.storage = requireNonNull(storage, "storage is null");
        this.crypto = crypto;
    }

    public Dataset<Row> read(TableContract table, TableEntry entry) {
        String location = storage.location(entry.path());
        var reader = spark.read().schema(ContractSchemas.schema(table)).option("basePath", location);
        if (entry.encrypted()) {
            reader = reader.options(decryption(table, entry.path()));
        }
        return reader.parquet(location).select(ContractSchemas.columns(table));
    }

    /**
     * Reads directories of one table that this run wrote (several appends), decrypting where
     * they were encrypted.
     */
    public Dataset<Row> readDirectories(TableContract table, List<String> directories) {
        var reader = spark.read().schema(ContractSchemas.schema(table));
        boolean encrypted = directories.stream().anyMatch(d ->
                PiiCrypto.anyEncrypted(storage.fileSystem(), new Path(storage.location(d))));
        if (encrypted) {
            for (String d : directories) {
                reader = reader.options(decryption(table, d));
            }
        }
        return reader.parquet(directories.stream().map(storage::location).toArray(String[]::new));
    }

    private java.util.Map<String, String> decryption(TableContract table, String directory) {
        if (crypto == null) {
            throw new SalescopeException(table.name() + " in " + storage.location(directory) + " has encrypted columns,"
                    + " and this job reads without master keys");
        }
        crypto.checkReadable(storage.fileSystem(), new Path(storage.location(directory)), table.name());
        return crypto.readOptions();
    }

    /** The columns this object encrypts when it writes {@code table}. */
    public List<String> encryptedColumns(TableContract table) {
        return crypto == null ? List.of() : PersonalData.encryptedColumns(table);
    }

    /**
     * Writes {@code rows} (conformed to the contract) to {@code directory}.
     *
     * @param empty true when it is known that {@code rows} has none
     * @param singleFile write one file (small tables)
     */
    public TableEntry write(Dataset<Row> rows, TableContract table, String directory, boolean empty, boolean singleFile) {
        Dataset<Row> conformed = IngestRecords.conform(rows, table);
        List<String> partitionBy = empty ? List.of() : table.partitionBy();
        if (empty) {
            conformed = conformed.coalesce(1);
        } else if (singleFile) {
            // repartition, not coalesce: coalesce(1) would also run the reading, typing and
            // reference checks before it in one task, on one core.
            conformed = conformed.repartition(1);
        }
        var writer = conformed.write().mode(SaveMode.ErrorIfExists).option("compression", "zstd");
        List<String> encrypted = encryptedColumns(table);
        if (!encrypted.isEmpty()) {
            writer = writer.options(crypto.writeOptions(encrypted));
        }
        if (!partitionBy.isEmpty()) {
            writer = writer.partitionBy(partitionBy.toArray(String[]::new));
        }
        writer.parquet(storage.location(directory));
        return new TableEntry(directory, rowCount(directory), partitionBy, encrypted);
    }

    public TableEntry writeEmpty(TableContract table, String directory) {
        return write(spark.createDataFrame(List.of(), ContractSchemas.schema(table)), table, directory, true, true);
    }

    /** Appends to a directory of the run (quarantine and warnings of each file). */
    public void append(Dataset<Row> rows, TableContract table, String directory) {
        var writer = IngestRecords.conform(rows, table).write().mode(SaveMode.Append).option("compression", "zstd");
        List<String> encrypted = encryptedColumns(table);
        if (!encrypted.isEmpty()) {
            writer = writer.options(crypto.writeOptions(encrypted));
        }
        writer.parquet(storage.location(directory));
    }

    /** Rows in a directory's Parquet files, from their footers (no Spark job). */
    public long rowCount(String directory) {
        try {
            long rows = 0;
            RemoteIterator<LocatedFileStatus> files = storage.fileSystem().listFiles(new Path(storage.location(directory)), true);
            while (files.hasNext()) {
                LocatedFileStatus file = files.next();
                String name = file.getPath().getName();
                if (!name.endsWith(".parquet") || name.startsWith(".") || name.startsWith("_")) {
                    continue;
                }
                try (ParquetFileReader reader = ParquetFileReader.open(
                        HadoopInputFile.fromStatus(file, storage.fileSystem().getConf()))) {
                    rows += reader.getRecordCount();
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot count the rows of " + storage.location(directory), e);
        }
    }

    /** Removes a directory this run wrote and will not publish. */
    public void delete(String directory) {
        try {
            storage.fileSystem().delete(new Path(storage.location(directory)), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + storage.location(directory), e);
        }
    }

    public boolean exists(String directory) {
        try {
            return storage.exists(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String location(String directory) {
        return storage.location(directory);
    }
}
