package io.salescope.bench.common;

import io.salescope.core.contract.Column;
import io.salescope.core.contract.TableContract;
import io.salescope.core.contract.Tables;
import io.salescope.core.store.LocalStorage;
import io.salescope.core.store.VersionManifest;
import io.salescope.warehouse.query.QueryResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The baseline: a plain in-memory DuckDB database of its own, loaded from a warehouse version's
 * Parquet files the way the engine loads them (contract tables with their declared column
 * types, other tables as they are, the tables the engine derives), on which the SQL an engine result reports
 * is run directly with the same parameters: prepare, bind, execute, read every column.
 */
public final class DirectDuckDb implements AutoCloseable {

    private final Connection connection;
    private final Map<String, PreparedStatement> prepared = new java.util.HashMap<>();

    private DirectDuckDb(Connection connection) {
        this.connection = connection;
    }

    public static DirectDuckDb load(LocalStorage storage, VersionManifest manifest) throws SQLException {
        Connection conn = DriverManager.getConnection("jdbc:duckdb:");
        Set<String> loaded = new HashSet<>();
        try (Statement st = conn.createStatement()) {
            st.execute("SET TimeZone = 'UTC'");
            for (TableContract contract : Tables.all()) {
                VersionManifest.TableEntry entry = manifest.tables().get(contract.name());
                Set<String> present = new HashSet<>();
                boolean hasFiles = entry != null && hasParquet(storage, entry);
                if (hasFiles) {
                    try (ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + scan(storage, entry))) {
                        while (rs.next()) {
                            present.add(rs.getString(1));
                        }
                    }
                }
                Set<String> readable = new HashSet<>(present);
                if (entry != null) {
                    readable.removeAll(entry.encryptedColumns()); // personal data: NULL, as in the engine
                }
                List<String> select = new ArrayList<>();
                for (Column c : contract.columns()) {
                    String type = c.type().duckDbType();
                    select.add((readable.contains(c.name()) ? "CAST(" + c.name() + " AS " + type + ")"
                            : "CAST(NULL AS " + type + ")") + " AS " + c.name());
                }
                st.execute("CREATE TABLE " + contract.name() + " AS SELECT " + String.join(", ", select) + " FROM "
                        + (present.isEmpty() ? "(SELECT 1) WHERE false" : scan(storage, entry)));
                loaded.add(contract.name());
            }
            for (Map.Entry<String, VersionManifest.TableEntry> e : manifest.tables().entrySet()) {
                if (!loaded.contains(e.getKey()) && e.getKey().matches("[a-z][a-z0-9_]{0,62}")
                        && hasParquet(storage, e.getValue())) {
                    List<String> encrypted = e.getValue().encryptedColumns().stream()
                            .filter(c -> c.matches("[a-z][a-z0-9_]{0,62}")).toList();
                    st.execute("CREATE TABLE " + e.getKey() + " AS SELECT *"
                            + (encrypted.isEmpty() ? "" : " EXCLUDE (" + String.join(", ", encrypted) + ")")
                            + " FROM " + scan(storage, e.getValue()));
                }
            }
            // The tables the engine derives on loading (team tree, stages reached), by its own statements.
            for (String derived : io.salescope.warehouse.engine.DerivedTables.STATEMENTS) {
                st.execute(derived);
            }
        } catch (SQLException | RuntimeException e) {
            conn.close();
            throw e;
        }
        return new DirectDuckDb(conn);
    }

    private static String scan(LocalStorage storage, VersionManifest.TableEntry entry) {
        String dir = storage.resolve(entry.path()).toString().replace("'", "''");
        return "read_parquet('" + dir + "/**/*.parquet', hive_partitioning = " + !entry.partitionBy().isEmpty()
                + ", union_by_name = true)";
    }

    private static boolean hasParquet(LocalStorage storage, VersionManifest.TableEntry entry) {
        Path dir = storage.resolve(entry.path());
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.anyMatch(p -> p.getFileName().toString().endsWith(".parquet"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs every statement of {@code r} with its parameters; the rows of each. */
    public List<List<Object[]>> run(QueryResult r) {
        List<List<Object[]>> out = new ArrayList<>();
        for (int i = 0; i < r.sql().size(); i++) {
            out.add(run(r.sql().get(i), r.parameters().get(i)));
        }
        return out;
    }

    /**
     * Nanoseconds to run every statement of {@code r} with its parameters: prepared each time
     * (as a client sending SQL does), or with {@code reusePrepared} prepared once per distinct
     * text and kept (the least any caller of DuckDB pays for the statement).
     */
    public long time(QueryResult r, boolean reusePrepared) {
        long start = System.nanoTime();
        for (int i = 0; i < r.sql().size(); i++) {
            if (reusePrepared) {
                runPrepared(r.sql().get(i), r.parameters().get(i));
            } else {
                run(r.sql().get(i), r.parameters().get(i));
            }
        }
        return System.nanoTime() - start;
    }

    private void runPrepared(String sql, List<Object> params) {
        try {
            PreparedStatement ps = prepared.get(sql);
            if (ps == null) {
                ps = connection.prepareStatement(sql);
                prepared.put(sql, ps);
            }
            read(ps, params);
        } catch (SQLException e) {
            throw new IllegalStateException("direct SQL failed: " + e.getMessage() + "\nSQL: " + sql, e);
        }
    }

    private List<Object[]> run(String sql, List<Object> params) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            return read(ps, params);
        } catch (SQLException e) {
            throw new IllegalStateException("direct SQL failed: " + e.getMessage() + "\nSQL: " + sql, e);
        }
    }

    private static List<Object[]> read(PreparedStatement ps, List<Object> params) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Object[] row = new Object[columns];
                    for (int c = 0; c < columns; c++) {
                        row[c] = rs.getObject(c + 1);
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /**
     * Checks that the direct run agrees with the engine's result where that can be read off
     * the rows: an ungrouped figure from one statement (a value, or a numerator and denominator)
     * equals the engine's value; a breakdown without a limit has as many rows.
     */
    public void checkSame(QueryResult r, String what) {
        List<List<Object[]>> rows = run(r);
        if (rows.size() != 1) {
            return;
        }
        List<Object[]> only = rows.get(0);
        if (r.rows().isEmpty() && r.value() != null && only.size() == 1) {
            Object[] row = only.get(0);
            double direct = row.length == 1 ? number(row[0])
                    : row.length == 2 && number(row[1]) != 0 ? number(row[0]) / number(row[1]) : Double.NaN;
            if (!Double.isNaN(direct) && Math.abs(direct - r.value()) > 1e-9 * Math.max(1, Math.abs(direct))) {
                throw new IllegalStateException(what + ": the engine said " + r.value() + ", the same SQL directly " + direct);
            }
        }
    }

    private static double number(Object o) {
        return o == null ? 0.0 : ((Number) o).doubleValue();
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement ps : prepared.values()) {
            ps.close();
        }
        connection.close();
    }
}
