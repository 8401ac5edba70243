package io.salescope.warehouse.engine;

import io.salescope.core.contract.Column;
import io.salescope.core.contract.TableContract;
import io.salescope.core.contract.Tables;
import io.salescope.core.store.LocalStorage;
import io.salescope.core.store.VersionManifest;
import io.salescope.core.store.VersionStore;
import io.salescope.core.store.WarehouseLayout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds small warehouse versions for tests without Spark: rows are written as SQL literal
 * tuples, DuckDB writes them to Parquet with the contract's columns and types, and the
 * version is published through {@link VersionStore} exactly as the Spark jobs publish.
 */
final class TestWarehouse {

    private final Path dataDir;
    private final Map<String, String> columns = new LinkedHashMap<>();
    private final Map<String, List<String>> rows = new LinkedHashMap<>();
    private final Map<String, String> settings = new LinkedHashMap<>(Map.of(
            "reporting_currency", "USD", "default_zone", "UTC", "fiscal_year_start_month", "1"));

    TestWarehouse(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** Adds rows to a table: {@code cols} names the columns the tuples give, the rest are null. */
    TestWarehouse rows(String table, String cols, String... tuples) {
        String previous = columns.putIfAbsent(table, cols);
        if (previous != null && !previous.equals(cols)) {
            throw new IllegalArgumentException(table + ": rows were given with other columns before");
        }
        rows.computeIfAbsent(table, t -> new ArrayList<>()).addAll(List.of(tuples));
        return this;
    }

    /** Writes every contract table (empty where no rows were given) and publishes a version. */
    long publish() throws Exception {
        LocalStorage storage = new LocalStorage(dataDir);
        VersionStore store = new VersionStore(storage);
        String runId = WarehouseLayout.newRunId(Instant.now());
        Map<String, VersionManifest.TableEntry> entries = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("SET TimeZone = 'UTC'");
            for (TableContract t : Tables.all()) {
                String dir = WarehouseLayout.tableDirectory(t.name(), runId);
                Files.createDirectories(storage.resolve(dir));
                List<String> select = new ArrayList<>();
                List<String> given = columns.containsKey(t.name())
                        ? List.of(columns.get(t.name()).split("\\s*,\\s*")) : List.of();
                for (Column col : t.columns()) {
                    select.add(given.contains(col.name())
                            ? "CAST(" + col.name() + " AS " + col.type().duckDbType() + ") AS " + col.name()
                            : "CAST(NULL AS " + col.type().duckDbType() + ") AS " + col.name());
                }
                String source = rows.containsKey(t.name())
                        ? "(VALUES " + String.join(", ", rows.get(t.name()).stream().map(r -> "(" + r + ")").toList())
                            + ") AS v(" + columns.get(t.name()) + ")"
                        : "(SELECT 1) AS v WHERE false";
                String file = storage.resolve(dir).resolve("part-00000.parquet").toString();
                st.execute("COPY (SELECT " + String.join(", ", select) + " FROM " + source + ") TO '" + file
                        + "' (FORMAT parquet)");
                long count = rows.getOrDefault(t.name(), List.of()).size();
                entries.put(t.name(), new VersionManifest.TableEntry(dir, count, List.of()));
            }
        }
        VersionManifest draft = new VersionManifest(VersionManifest.FORMAT, 0,
                store.currentVersion().orElse(0L), Instant.now(), runId, "test", settings, entries, Map.of());
        return store.publish(draft).version();
    }
}
