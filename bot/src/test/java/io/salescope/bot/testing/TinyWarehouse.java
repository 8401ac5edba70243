package io.salescope.bot.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small warehouse written as SQL literal rows, published without Spark through
 * {@link WarehousePublisher}: tables not given are empty, columns not given null.
 */
public final class TinyWarehouse {

    private final Map<String, String> columns = new LinkedHashMap<>();
    private final Map<String, List<String>> rows = new LinkedHashMap<>();

    /** Adds rows: {@code cols} names the columns the tuples give. */
    public TinyWarehouse rows(String table, String cols, String... tuples) {
        String previous = columns.putIfAbsent(table, cols);
        if (previous != null && !previous.equals(cols)) {
            throw new IllegalArgumentException(table + ": rows were given with other columns before");
        }
        rows.computeIfAbsent(table, t -> new ArrayList<>()).addAll(List.of(tuples));
        return this;
    }

    /** A copy to change for a newer version. */
    public TinyWarehouse copy() {
        TinyWarehouse c = new TinyWarehouse();
        c.columns.putAll(columns);
        rows.forEach((k, v) -> c.rows.put(k, new ArrayList<>(v)));
        return c;
    }

    /** Replaces a table's rows. */
    public TinyWarehouse replace(String table, String cols, String... tuples) {
        columns.put(table, cols);
        rows.put(table, new ArrayList<>(List.of(tuples)));
        return this;
    }

    /** Publishes a version under {@code dataDir}; returns it. */
    public long publish(Path dataDir) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("SET TimeZone = 'UTC'");
            for (Map.Entry<String, List<String>> e : rows.entrySet()) {
                st.execute("CREATE TABLE " + e.getKey() + " AS SELECT * FROM (VALUES "
                        + String.join(", ", e.getValue().stream().map(r -> "(" + r + ")").toList()) + ") AS v("
                        + columns.get(e.getKey()) + ")");
            }
            return WarehousePublisher.publish(c, dataDir);
        }
    }
}
