package io.salescope.bot.testing;

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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Publishes a warehouse version for bot tests without Spark: every contract table found in a
 * DuckDB connection (by name; missing columns become nulls, missing tables empty) is written
 * to Parquet with the contract's columns and types, and the version is published through
 * {@link VersionStore} exactly as the Spark jobs publish.
 */
public final class WarehousePublisher {

    private WarehousePublisher() {
    }

    public static long publish(Connection c, Path dataDir) throws SQLException {
        LocalStorage storage = new LocalStorage(dataDir);
        VersionStore store = new VersionStore(storage);
        String runId = WarehouseLayout.newRunId(Instant.now());
        Map<String, VersionManifest.TableEntry> entries = new LinkedHashMap<>();
        try (Statement st = c.createStatement()) {
            st.execute("SET TimeZone = 'UTC'");
            for (TableContract t : Tables.all()) {
                Set<String> present = columns(c, t.name());
                String dir = WarehouseLayout.tableDirectory(t.name(), runId);
                try {
                    Files.createDirectories(storage.resolve(dir));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                List<String> select = new ArrayList<>();
                for (Column col : t.columns()) {
                    select.add(present.contains(col.name())
                            ? "CAST(" + col.name() + " AS " + col.type().duckDbType() + ") AS " + col.name()
                            : "CAST(NULL AS " + col.type().duckDbType() + ") AS " + col.name());
                }
                String source = present.isEmpty() ? "(SELECT 1) AS v WHERE false" : t.name();
                String file = storage.resolve(dir).resolve("part-00000.parquet").toString().replace("'", "''");
                st.execute("COPY (SELECT " + String.join(", ", select) + " FROM " + source + ") TO '" + file
                        + "' (FORMAT parquet)");
                long count = 0;
                if (!present.isEmpty()) {
                    try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + t.name())) {
                        rs.next();
                        count = rs.getLong(1);
                    }
                }
                entries.put(t.name(), new VersionManifest.TableEntry(dir, count, List.of()));
            }
        }
        Map<String, String> settings = Map.of("reporting_currency", "USD", "default_zone", "UTC",
                "fiscal_year_start_month", "1");
        VersionManifest draft = new VersionManifest(VersionManifest.FORMAT, 0, store.currentVersion().orElse(0L),
                Instant.now(), runId, "test", settings, entries, Map.of());
        return store.publish(draft).version();
    }

    private static Set<String> columns(Connection c, String table) throws SQLException {
        Set<String> out = new HashSet<>();
        try (var ps = c.prepareStatement("SELECT column_name FROM information_schema.columns WHERE table_name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
