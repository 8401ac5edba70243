import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Compares the current published version of two salescope data directories table by table,
 * with DuckDB over the Parquet files: same tables, same row counts, and the same multiset of
 * rows (ordering aside). Exits 0 when they match, 1 when they differ (printing which table
 * and sample rows), 2 on a usage or read error.
 *
 * <p>Columns that name a run (run ids, the run's own timestamps) differ between any two runs
 * and are left out; floating-point columns match within a tolerance (see {@link #TOLERANCE}).
 *
 * <p>usage: {@code java -cp duckdb_jdbc.jar CompareWarehouses.java EXPECTED_DATA_DIR ACTUAL_DATA_DIR}
 */
public final class CompareWarehouses {

    /**
     * Relative tolerance for DOUBLE/FLOAT columns (absolute below 1). Spark sums doubles in
     * the order shuffle blocks arrive, which differs between any two runs (even two local
     * ones), so sums and everything fitted from them may differ in the last bits; 1e-9 is
     * far above that (about 1e-16 per addition) and far below any difference a reader sees.
     */
    static final double TOLERANCE = 1e-9;

    /** Columns that identify a run rather than hold data: equal only by accident between runs. */
    static final Pattern RUN_COLUMNS = Pattern.compile(
            "run_id|.*_run_id|model_version|published_at|generated_at|computed_at|trained_at|loaded_at");

    /** Manifest properties that name a run (e.g. ingest_run, the run that loaded the data). */
    static final Pattern RUN_PROPERTIES = Pattern.compile(".*_run|.*run_id|.*_at|.*model_version");

    static final int SAMPLE_ROWS = 5;

    record Table(String name, String path, long rows, boolean partitioned) {
    }

    record Manifest(long version, String kind, String settings, String properties, Map<String, Table> tables) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java -cp duckdb_jdbc.jar CompareWarehouses.java EXPECTED_DATA_DIR ACTUAL_DATA_DIR");
            System.exit(2);
        }
        Path expected = dataDir(args[0]);
        Path actual = dataDir(args[1]);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            int differences = compare(c, expected, actual);
            if (differences == 0) {
                System.out.println("compare: every table of the current versions matches");
                System.exit(0);
            }
            System.out.println("compare: " + differences + " difference(s) between " + expected + " and " + actual);
            System.exit(1);
        } catch (SQLException | RuntimeException e) {
            System.err.println("compare: " + e.getMessage());
            System.exit(2);
        }
    }

    static Path dataDir(String arg) {
        Path p = Path.of(arg.replaceFirst("^file:(//)?", "")).toAbsolutePath();
        if (!Files.isRegularFile(p.resolve("warehouse/CURRENT"))) {
            throw new IllegalArgumentException(p + " has no warehouse/CURRENT: no version was published there");
        }
        return p;
    }

    static int compare(Connection c, Path expectedDir, Path actualDir) throws Exception {
        Manifest expected = manifest(c, expectedDir);
        Manifest actual = manifest(c, actualDir);
        int differences = 0;
        differences += same("current version", expected.version(), actual.version());
        differences += same("kind of the current version", expected.kind(), actual.kind());
        differences += same("settings", expected.settings(), actual.settings());
        differences += same("properties (run ids and times left out)", expected.properties(), actual.properties());
        differences += same("tables", new TreeSet<>(expected.tables().keySet()), new TreeSet<>(actual.tables().keySet()));
        for (Table e : expected.tables().values()) {
            Table a = actual.tables().get(e.name());
            if (a == null) {
                continue;
            }
            differences += compareTable(c, e, expectedDir, a, actualDir);
        }
        return differences;
    }

    static Manifest manifest(Connection c, Path dir) throws Exception {
        long version = Long.parseLong(Files.readString(dir.resolve("warehouse/CURRENT")).trim());
        Path file = dir.resolve(String.format("warehouse/versions/%08d.json", version));
        String kind;
        try (PreparedStatement st = c.prepareStatement(
                "SELECT j->>'kind' FROM (SELECT CAST(content AS JSON) AS j FROM read_text(?))")) {
            st.setString(1, file.toString());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                kind = rs.getString(1);
            }
        }
        // Objects compared as sorted maps: the writer's key order is not part of the content.
        Map<String, String> settings = object(c, file, "settings", Pattern.compile("(?!)"));
        Map<String, String> properties = object(c, file, "properties", RUN_PROPERTIES);
        Map<String, Table> tables = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement(
                "SELECT k, json_extract_string(j, '$.tables.' || k || '.path'),"
                        + " CAST(json_extract(j, '$.tables.' || k || '.rows') AS BIGINT),"
                        + " json_array_length(json_extract(j, '$.tables.' || k || '.partition_by'))"
                        + " FROM (SELECT CAST(content AS JSON) AS j FROM read_text(?)), unnest(json_keys(j, '$.tables')) AS t(k)")) {
            st.setString(1, file.toString());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    tables.put(rs.getString(1), new Table(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4) > 0));
                }
            }
        }
        return new Manifest(version, kind, settings.toString(), properties.toString(), tables);
    }

    /** A manifest's top-level object member as a sorted map, without the keys {@code leftOut} matches. */
    static Map<String, String> object(Connection c, Path file, String member, Pattern leftOut) throws SQLException {
        Map<String, String> out = new java.util.TreeMap<>();
        try (PreparedStatement st = c.prepareStatement(
                "SELECT k, json_extract_string(j, '$.' || ? || '.\"' || k || '\"')"
                        + " FROM (SELECT CAST(content AS JSON) AS j FROM read_text(?)),"
                        + " unnest(coalesce(json_keys(j, '$.' || ?), [])) AS t(k)")) {
            st.setString(1, member);
            st.setString(2, file.toString());
            st.setString(3, member);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (!leftOut.matcher(rs.getString(1)).matches()) {
                        out.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
        }
        return out;
    }

    static int same(String what, Object expected, Object actual) {
        if (expected.equals(actual)) {
            return 0;
        }
        System.out.println("DIFFERENT " + what + ": expected " + expected + ", actual " + actual);
        return 1;
    }

    static int compareTable(Connection c, Table e, Path expectedDir, Table a, Path actualDir) throws SQLException {
        String name = e.name();
        if (e.rows() != a.rows()) {
            System.out.printf("DIFFERENT %s: %,d rows expected, %,d actual%n", name, e.rows(), a.rows());
            return 1;
        }
        try (Statement st = c.createStatement()) {
            st.execute("CREATE OR REPLACE TEMP VIEW x_expected AS SELECT * FROM " + scan(expectedDir, e));
            st.execute("CREATE OR REPLACE TEMP VIEW x_actual AS SELECT * FROM " + scan(actualDir, a));
            Map<String, String> expectedColumns = columns(st, "x_expected");
            Map<String, String> actualColumns = columns(st, "x_actual");
            if (!expectedColumns.equals(actualColumns)) {
                System.out.println("DIFFERENT " + name + " columns: expected " + expectedColumns + ", actual " + actualColumns);
                return 1;
            }
            List<String> keys = new ArrayList<>();
            List<String> floats = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            expectedColumns.forEach((column, type) -> {
                if (RUN_COLUMNS.matcher(column).matches()) {
                    skipped.add(column);
                } else if (type.equals("DOUBLE") || type.equals("FLOAT")) {
                    floats.add(column);
                } else {
                    keys.add(column);
                }
            });
            List<String> all = new ArrayList<>(keys);
            all.addAll(floats);
            String cols = quoted(all);
            long missing = count(st, "SELECT " + cols + " FROM x_expected EXCEPT ALL SELECT " + cols + " FROM x_actual");
            long extra = count(st, "SELECT " + cols + " FROM x_actual EXCEPT ALL SELECT " + cols + " FROM x_expected");
            String note = skipped.isEmpty() ? "" : " (left out: " + String.join(", ", skipped) + ")";
            if (missing == 0 && extra == 0) {
                System.out.printf("same      %-28s %,10d rows, %d columns, identical%s%n", name, e.rows(), all.size(), note);
                return 0;
            }
            if (!floats.isEmpty()) {
                long beyond = count(st, tolerantDifferences(keys, floats));
                if (beyond == 0) {
                    System.out.printf("same      %-28s %,10d rows, %d columns, %,d rows differ only in %s, at most %.1e"
                                    + " relative (tolerance %.0e)%s%n",
                            name, e.rows(), all.size(), missing, String.join(", ", floats),
                            largestRelativeDifference(st, keys, floats), TOLERANCE, note);
                    return 0;
                }
            }
            System.out.printf("DIFFERENT %-28s %,d expected rows not in the actual table, %,d actual rows not expected%s%n",
                    name, missing, extra, note);
            sample(st, "  only expected: ", "SELECT " + cols + " FROM x_expected EXCEPT ALL SELECT " + cols + " FROM x_actual");
            sample(st, "  only actual:   ", "SELECT " + cols + " FROM x_actual EXCEPT ALL SELECT " + cols + " FROM x_expected");
            return 1;
        }
    }

    /**
     * Rows that have no partner within the tolerance: both sides' rows are numbered within
     * groups of equal non-floating columns, ordered by the floating ones, and paired by
     * group and number; a pair differs when any floating column is farther apart than the
     * tolerance, and a row without a partner (a group of another size) differs too.
     */
    static String tolerantDifferences(List<String> keys, List<String> floats) {
        List<String> far = new ArrayList<>();
        for (String f : floats) {
            String x = "e.\"" + f + "\"";
            String y = "a.\"" + f + "\"";
            far.add("NOT ((" + x + " IS NULL AND " + y + " IS NULL) OR (isnan(" + x + ") AND isnan(" + y + "))"
                    + " OR " + x + " = " + y
                    + " OR abs(" + x + " - " + y + ") <= " + TOLERANCE + " * greatest(1, abs(" + x + "), abs(" + y + ")))");
        }
        return "SELECT 1 " + pairs(keys, floats) + " WHERE e.x_n IS NULL OR a.x_n IS NULL OR " + String.join(" OR ", far);
    }

    /** FROM clause pairing expected and actual rows by the non-floating columns and rank within them. */
    static String pairs(List<String> keys, List<String> floats) {
        String partition = keys.isEmpty() ? "" : "PARTITION BY " + quoted(keys) + " ";
        String numbered = "SELECT *, row_number() OVER (" + partition + "ORDER BY " + quoted(floats) + ") AS x_n FROM ";
        List<String> on = new ArrayList<>();
        for (String k : keys) {
            on.add("e.\"" + k + "\" IS NOT DISTINCT FROM a.\"" + k + "\"");
        }
        on.add("e.x_n = a.x_n");
        return "FROM (" + numbered + "x_expected) e FULL JOIN (" + numbered + "x_actual) a ON " + String.join(" AND ", on);
    }

    /** The largest relative difference between paired floating values (pairs as in {@link #tolerantDifferences}). */
    static double largestRelativeDifference(Statement st, List<String> keys, List<String> floats) throws SQLException {
        List<String> diffs = new ArrayList<>();
        for (String f : floats) {
            String x = "e.\"" + f + "\"";
            String y = "a.\"" + f + "\"";
            diffs.add("coalesce(abs(" + x + " - " + y + ") / greatest(1, abs(" + x + "), abs(" + y + ")), 0)");
        }
        String pairs = pairs(keys, floats);
        try (ResultSet rs = st.executeQuery("SELECT max(greatest(" + String.join(", ", diffs) + ")) " + pairs)) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    static String scan(Path dir, Table t) {
        String path = dir.resolve(t.path()).toString().replace("'", "''");
        return "read_parquet('" + path + "/**/*.parquet', hive_partitioning = " + t.partitioned() + ", union_by_name = true)";
    }

    static Map<String, String> columns(Statement st, String view) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (ResultSet rs = st.executeQuery("DESCRIBE " + view)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    static String quoted(List<String> columns) {
        return String.join(", ", columns.stream().map(c -> "\"" + c + "\"").toList());
    }

    static long count(Statement st, String query) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM (" + query + ")")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void sample(Statement st, String prefix, String query) throws SQLException {
        try (ResultSet rs = st.executeQuery(query + " LIMIT " + SAMPLE_ROWS)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder(prefix);
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.append(i == 1 ? "" : " | ").append(md.getColumnName(i)).append('=').append(rs.getString(i));
                }
                System.out.println(row);
            }
        }
    }

    private CompareWarehouses() {
    }
}
