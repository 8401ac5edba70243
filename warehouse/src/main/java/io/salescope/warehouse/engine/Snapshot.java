package io.salescope.warehouse.engine;

import io.salescope.core.contract.Column;
import io.salescope.core.contract.TableContract;
import io.salescope.core.contract.Tables;
import io.salescope.core.store.LocalStorage;
import io.salescope.core.store.VersionManifest;
import io.salescope.warehouse.query.TeamInfo;
import io.salescope.warehouse.query.UserInfo;
import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One published warehouse version loaded into an in-memory DuckDB database, with the
 * organisation (users, teams, hierarchy) and every dimension's values held in Java for
 * scoping and validation. Immutable once loaded; closed when the last query using it ends.
 * Columns the manifest lists as encrypted (personal data) are not read: they load as NULL, so
 * the engine needs no keys.
 */
final class Snapshot implements AutoCloseable {

    /** A stage of the stage model, in position order. */
    record Stage(String name, int position, double probability, String category) {
    }

    final long version;
    final VersionManifest manifest;
    final Set<String> tables;
    final Map<String, UserInfo> users;
    final Map<String, TeamInfo> teams;
    final Map<String, List<String>> childTeams;
    final List<String> rootTeams;
    final List<Stage> stages;
    final Map<String, List<String>> dimensionValues;
    private final DuckDBConnection connection;
    private final AtomicInteger references = new AtomicInteger(1);
    private final Map<String, Object> memo = new java.util.concurrent.ConcurrentHashMap<>();

    private Snapshot(long version, VersionManifest manifest, DuckDBConnection connection, Set<String> tables,
                     Map<String, UserInfo> users, Map<String, TeamInfo> teams, List<Stage> stages,
                     Map<String, List<String>> dimensionValues) {
        this.version = version;
        this.manifest = manifest;
        this.connection = connection;
        this.tables = Set.copyOf(tables);
        this.users = Collections.unmodifiableMap(users);
        this.teams = Collections.unmodifiableMap(teams);
        Map<String, List<String>> children = new LinkedHashMap<>();
        List<String> roots = new ArrayList<>();
        for (TeamInfo t : teams.values()) {
            if (t.parentTeamId() == null || !teams.containsKey(t.parentTeamId())) {
                roots.add(t.teamId());
            } else {
                children.computeIfAbsent(t.parentTeamId(), k -> new ArrayList<>()).add(t.teamId());
            }
        }
        this.childTeams = Collections.unmodifiableMap(children);
        this.rootTeams = List.copyOf(roots);
        this.stages = List.copyOf(stages);
        this.dimensionValues = Collections.unmodifiableMap(dimensionValues);
    }

    /** Loads {@code manifest}'s tables from Parquet into a new in-memory DuckDB database. */
    static Snapshot load(LocalStorage storage, VersionManifest manifest) {
        DuckDBConnection conn = null;
        try {
            conn = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
            Set<String> loaded = new LinkedHashSet<>();
            try (Statement st = conn.createStatement()) {
                st.execute("SET TimeZone = 'UTC'");
                for (TableContract contract : Tables.all()) {
                    createContractTable(st, storage, manifest, contract);
                    loaded.add(contract.name());
                }
                for (Map.Entry<String, VersionManifest.TableEntry> e : manifest.tables().entrySet()) {
                    if (loaded.contains(e.getKey()) || !safeName(e.getKey())) {
                        continue;
                    }
                    List<Path> files = parquetFiles(storage, e.getValue());
                    if (!files.isEmpty()) {
                        List<String> encrypted = e.getValue().encryptedColumns().stream().filter(Snapshot::safeName).toList();
                        st.execute("CREATE TABLE " + e.getKey() + " AS SELECT *"
                                + (encrypted.isEmpty() ? "" : " EXCLUDE (" + String.join(", ", encrypted) + ")")
                                + " FROM " + scan(storage, e.getValue()));
                        loaded.add(e.getKey());
                    }
                }
                st.execute("""
                        CREATE TABLE team_tree AS
                        WITH RECURSIVE tt(ancestor_id, team_id, depth) AS (
                            SELECT team_id, team_id, 0 FROM teams
                            UNION ALL
                            SELECT tt.ancestor_id, t.team_id, tt.depth + 1
                            FROM tt JOIN teams t ON t.parent_team_id = tt.team_id
                            WHERE tt.depth < 50)
                        SELECT DISTINCT ancestor_id, team_id, depth FROM tt""");
            }
            Map<String, TeamInfo> teams = new LinkedHashMap<>();
            try (Statement st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT team_id, name, region, parent_team_id FROM teams ORDER BY team_id")) {
                while (rs.next()) {
                    teams.put(rs.getString(1), new TeamInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
            Map<String, UserInfo> users = new LinkedHashMap<>();
            try (Statement st = conn.createStatement();
                 ResultSet rs = st.executeQuery("""
                         SELECT u.user_id, u.name, u.email, coalesce(u.role, 'rep'), u.team_id, t.name, t.region,
                                u.time_zone, u.locale, coalesce(u.active, true), u.slack_user_id
                         FROM users u LEFT JOIN teams t ON t.team_id = u.team_id ORDER BY u.user_id""")) {
                while (rs.next()) {
                    users.put(rs.getString(1), new UserInfo(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getString(9), rs.getBoolean(10), rs.getString(11)));
                }
            }
            List<Stage> stages = new ArrayList<>();
            try (Statement st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT stage, position, probability, category FROM stages ORDER BY position, stage")) {
                while (rs.next()) {
                    stages.add(new Stage(rs.getString(1), rs.getInt(2), rs.getDouble(3), rs.getString(4)));
                }
            }
            Map<String, List<String>> values = dimensionValues(conn, users, teams, stages);
            long version = manifest.version();
            return new Snapshot(version, manifest, conn, loaded, users, teams, stages, values);
        } catch (SQLException e) {
            closeQuietly(conn);
            throw new IllegalStateException("cannot load warehouse version " + manifest.version() + " into DuckDB: "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(conn);
            throw e;
        }
    }

    private static void createContractTable(Statement st, LocalStorage storage, VersionManifest manifest,
                                            TableContract contract) throws SQLException {
        VersionManifest.TableEntry entry = manifest.tables().get(contract.name());
        List<String> select = new ArrayList<>();
        Set<String> present = new HashSet<>();
        if (entry != null && !parquetFiles(storage, entry).isEmpty()) {
            try (ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + scan(storage, entry))) {
                while (rs.next()) {
                    present.add(rs.getString(1));
                }
            }
        }
        // Encrypted columns (personal data) need master keys DuckDB does not have: they load as NULL.
        Set<String> encrypted = entry == null ? Set.of() : Set.copyOf(entry.encryptedColumns());
        for (Column c : contract.columns()) {
            String type = c.type().duckDbType();
            select.add(present.contains(c.name()) && !encrypted.contains(c.name())
                    ? "CAST(" + c.name() + " AS " + type + ") AS " + c.name()
                    : "CAST(NULL AS " + type + ") AS " + c.name());
        }
        String source = present.isEmpty() ? "(SELECT 1) WHERE false" : scan(storage, entry);
        st.execute("CREATE TABLE " + contract.name() + " AS SELECT " + String.join(", ", select) + " FROM " + source);
    }

    /** The read_parquet call for a table's directory; the path comes from our own manifest. */
    private static String scan(LocalStorage storage, VersionManifest.TableEntry entry) {
        String dir = storage.resolve(entry.path()).toString().replace("'", "''");
        boolean hive = !entry.partitionBy().isEmpty();
        return "read_parquet('" + dir + "/**/*.parquet', hive_partitioning = " + hive + ", union_by_name = true)";
    }

    private static List<Path> parquetFiles(LocalStorage storage, VersionManifest.TableEntry entry) {
        Path dir = storage.resolve(entry.path());
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("the warehouse version names " + dir + " but it does not exist;"
                    + " the data directory is incomplete (restore it, or 'salescope rollback')");
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".parquet")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean safeName(String name) {
        return name.matches("[a-z][a-z0-9_]{0,62}");
    }

    private static Map<String, List<String>> dimensionValues(Connection conn, Map<String, UserInfo> users,
                                                             Map<String, TeamInfo> teams, List<Stage> stages)
            throws SQLException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        out.put("rep", users.values().stream().map(UserInfo::name).filter(n -> n != null).distinct().toList());
        out.put("team", teams.values().stream().map(TeamInfo::name).filter(n -> n != null).distinct().toList());
        out.put("region", distinct(conn, "SELECT DISTINCT region FROM teams WHERE region IS NOT NULL"));
        out.put("product", distinct(conn, "SELECT DISTINCT name FROM products WHERE name IS NOT NULL"));
        out.put("product_family", distinct(conn, "SELECT DISTINCT family FROM products WHERE family IS NOT NULL"));
        out.put("industry", distinct(conn, "SELECT DISTINCT industry FROM accounts WHERE industry IS NOT NULL"));
        out.put("segment", distinct(conn, "SELECT DISTINCT segment FROM accounts WHERE segment IS NOT NULL"));
        out.put("country", distinct(conn, "SELECT DISTINCT country FROM accounts WHERE country IS NOT NULL"
                + " UNION SELECT DISTINCT country FROM leads WHERE country IS NOT NULL"));
        out.put("account_region", distinct(conn, "SELECT DISTINCT region FROM accounts WHERE region IS NOT NULL"));
        out.put("account", distinct(conn, "SELECT DISTINCT name FROM accounts WHERE name IS NOT NULL"));
        out.put("source", distinct(conn, "SELECT DISTINCT lead_source FROM opportunities WHERE lead_source IS NOT NULL"
                + " UNION SELECT DISTINCT source FROM leads WHERE source IS NOT NULL"));
        out.put("type", distinct(conn, "SELECT DISTINCT type FROM opportunities WHERE type IS NOT NULL"));
        out.put("stage", stages.stream().map(Stage::name).toList());
        out.put("forecast_category", distinct(conn,
                "SELECT DISTINCT forecast_category FROM opportunities WHERE forecast_category IS NOT NULL"));
        out.put("lost_reason", distinct(conn, "SELECT DISTINCT lost_reason FROM opportunities WHERE lost_reason IS NOT NULL"));
        Set<String> activityTypes = new TreeSet<>(List.of("call", "email", "meeting", "demo", "note", "other"));
        activityTypes.addAll(distinct(conn, "SELECT DISTINCT type FROM activities WHERE type IS NOT NULL"));
        out.put("activity_type", List.copyOf(activityTypes));
        out.put("priority", distinct(conn, "SELECT DISTINCT priority FROM tasks WHERE priority IS NOT NULL"));
        out.put("lead_status", distinct(conn, "SELECT DISTINCT status FROM leads WHERE status IS NOT NULL"));
        return out;
    }

    private static List<String> distinct(Connection conn, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        out.sort(String.CASE_INSENSITIVE_ORDER);
        return out;
    }

    /** A connection for one query; close it when done. */
    Connection connect() throws SQLException {
        return connection.duplicate();
    }

    /** Teams at and below {@code teamId}. */
    Set<String> subtree(String teamId) {
        Set<String> out = new LinkedHashSet<>();
        ArrayDequeWalk.walk(teamId, childTeams, out);
        return out;
    }

    /** Users whose team is at or below {@code teamId}. */
    Set<String> usersInTeam(String teamId) {
        Set<String> teamIds = subtree(teamId);
        Set<String> out = new LinkedHashSet<>();
        for (UserInfo u : users.values()) {
            if (u.teamId() != null && teamIds.contains(u.teamId())) {
                out.add(u.userId());
            }
        }
        return out;
    }

    /** Users whose team's region is {@code region} (case-insensitive). */
    Set<String> usersInRegion(String region) {
        Set<String> out = new LinkedHashSet<>();
        for (UserInfo u : users.values()) {
            if (u.region() != null && u.region().equalsIgnoreCase(region)) {
                out.add(u.userId());
            }
        }
        return out;
    }

    /** The highest teams of a region: teams with that region whose parent has another region. */
    List<String> topTeamsOfRegion(String region) {
        List<String> out = new ArrayList<>();
        for (TeamInfo t : teams.values()) {
            if (t.region() != null && t.region().equalsIgnoreCase(region)) {
                TeamInfo parent = t.parentTeamId() == null ? null : teams.get(t.parentTeamId());
                if (parent == null || parent.region() == null || !parent.region().equalsIgnoreCase(region)) {
                    out.add(t.teamId());
                }
            }
        }
        return out;
    }

    java.util.Optional<Stage> stage(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return stages.stream().filter(s -> s.name().trim().toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }

    /**
     * A value derived from this (immutable) version, computed once: e.g. the open tasks the
     * reminder scheduler reads on every tick.
     */
    @SuppressWarnings("unchecked")
    <T> T memo(String key, java.util.function.Supplier<T> compute) {
        return (T) memo.computeIfAbsent(key, k -> compute.get());
    }

    Snapshot retain() {
        references.incrementAndGet();
        return this;
    }

    @Override
    public void close() {
        if (references.decrementAndGet() == 0) {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // Closing an in-memory database cannot lose data; nothing to report.
            }
        }
    }

    /** Iterative tree walk (a deep or cyclic hierarchy must not overflow the stack). */
    private static final class ArrayDequeWalk {
        static void walk(String root, Map<String, List<String>> children, Set<String> out) {
            java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>();
            todo.push(root);
            while (!todo.isEmpty()) {
                String t = todo.pop();
                if (out.add(t)) {
                    for (String c : children.getOrDefault(t, List.of())) {
                        todo.push(c);
                    }
                }
            }
        }
    }
}
