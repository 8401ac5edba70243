package io.salescope.core.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What one published warehouse version holds: each table's directory (relative to the data
 * directory) and row count, the run that published it and the settings its data was
 * computed with. Manifests are immutable once written; a later version may reuse an
 * earlier version's table directories.
 *
 * @param version 1, 2, ...; 0 in a draft not yet published
 * @param parent the version this one was built on, or 0
 * @param kind what produced it: ingest, build, forecast
 * @param properties free-form facts a job wants readers to see (a forecast's as-of date...)
 */
public record VersionManifest(
        int format,
        long version,
        long parent,
        Instant createdAt,
        String runId,
        String kind,
        Map<String, String> settings,
        Map<String, TableEntry> tables,
        Map<String, String> properties) {

    public static final int FORMAT = 1;

    public VersionManifest {
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(runId, "runId is null");
        requireNonNull(kind, "kind is null");
        settings = settings == null ? Map.of() : Map.copyOf(settings);
        tables = tables == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tables));
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    /**
     * @param path directory of the table's Parquet files, relative to the data directory
     * @param rows number of rows
     * @param partitionBy Hive-style partition columns of the directory, if any
     * @param encryptedColumns columns written with Parquet modular encryption: readable only
     *     with the master keys; the footer and the other columns stay plain (absent in
     *     manifests written before encryption existed: none)
     */
    public record TableEntry(String path, long rows, List<String> partitionBy, List<String> encryptedColumns) {
        public TableEntry {
            requireNonNull(path, "path is null");
            partitionBy = partitionBy == null ? List.of() : List.copyOf(partitionBy);
            encryptedColumns = encryptedColumns == null ? List.of() : List.copyOf(encryptedColumns);
        }

        /** An entry without encrypted columns. */
        public TableEntry(String path, long rows, List<String> partitionBy) {
            this(path, rows, partitionBy, List.of());
        }

        public boolean encrypted() {
            return !encryptedColumns.isEmpty();
        }
    }

    public Optional<TableEntry> table(String name) {
        return Optional.ofNullable(tables.get(name));
    }

    /** A draft for the next version: this version's tables with {@code changes} laid over them. */
    public VersionManifest next(String newRunId, String newKind, Instant now, Map<String, TableEntry> changes,
                                Map<String, String> newSettings, Map<String, String> newProperties) {
        Map<String, TableEntry> merged = new LinkedHashMap<>(tables);
        merged.putAll(changes);
        Map<String, String> props = new LinkedHashMap<>(properties);
        props.putAll(newProperties);
        return new VersionManifest(FORMAT, 0, version, now, newRunId, newKind,
                newSettings == null ? settings : newSettings, merged, props);
    }

    public VersionManifest withVersion(long number) {
        return new VersionManifest(format, number, parent, createdAt, runId, kind, settings, tables, properties);
    }
}
