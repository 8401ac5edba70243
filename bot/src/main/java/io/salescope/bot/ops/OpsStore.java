package io.salescope.bot.ops;

import io.salescope.core.SalescopeException;
import io.salescope.core.store.WarehouseLayout;

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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import static java.util.Objects.requireNonNull;

/**
 * The operational store: what the service writes as it runs (login tokens, notifications,
 * Slack event ids, and later the reminder ledger, chat-created tasks and Slack identity
 * mappings), kept apart from the warehouse in one embedded DuckDB file,
 * {@code <data>/ops/ops.duckdb}.
 *
 * <h2>Concurrency</h2>
 * DuckDB lets one process at a time open a database file. The service and the CLI
 * ({@code salescope token} while {@code salescope serve} runs) both write here, so nobody
 * keeps the file open: every operation opens a connection, runs in one transaction and
 * closes it (20-40 ms). A process that finds the file locked by another retries with backoff
 * for up to {@link #DEFAULT_LOCK_WAIT}. Inside a process a lock serialises operations, which
 * also makes each transaction see the previous one's writes.
 *
 * <h2>Tables and their owners</h2>
 * Each table belongs to one class, which alone reads and writes it; a new concern adds its
 * own migration (a new entry at the end of {@link OpsSchema#MIGRATIONS}) and its own class:
 * <ul>
 *   <li>{@code schema_version}: this class (migrations applied);</li>
 *   <li>{@code login_tokens}: {@link io.salescope.bot.auth.TokenStore};</li>
 *   <li>{@code notifications}: {@link NotificationStore} (filled by the reminders feature);</li>
 *   <li>{@code slack_events}: {@link SlackEventLedger} (retried events are answered once).</li>
 * </ul>
 */
public final class OpsStore {

    public static final String FILE_NAME = "ops.duckdb";
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(15);

    private final Path file;
    private final Duration lockWait;
    private final ReentrantLock lock = new ReentrantLock();

    private OpsStore(Path file, Duration lockWait) {
        this.file = requireNonNull(file, "file is null");
        this.lockWait = requireNonNull(lockWait, "lockWait is null");
    }

    /** Opens (creating and migrating as needed) the store under {@code <dataDir>/ops/}. */
    public static OpsStore open(Path dataDir) {
        return open(dataDir, DEFAULT_LOCK_WAIT);
    }

    public static OpsStore open(Path dataDir, Duration lockWait) {
        Path dir = dataDir.resolve(WarehouseLayout.OPS);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the operational store's directory " + dir
                    + "; check that the data directory is writable", e);
        }
        OpsStore store = new OpsStore(dir.resolve(FILE_NAME), lockWait);
        store.migrate();
        return store;
    }

    public Path file() {
        return file;
    }

    /**
     * What the store's files look like now (modification time and size of the database and its
     * write-ahead log), found without opening it: unchanged stamps mean nothing was written in
     * between, so a value read from the store then is still what it holds.
     */
    public String changeStamp() {
        StringBuilder b = new StringBuilder();
        for (Path p : List.of(file, file.resolveSibling(file.getFileName() + ".wal"))) {
            try {
                java.nio.file.attribute.BasicFileAttributes a =
                        Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class);
                b.append(a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS)).append('/').append(a.size());
            } catch (IOException e) {
                b.append('-'); // absent (no write-ahead log between checkpoints)
            }
            b.append(';');
        }
        return b.toString();
    }

    /** Work done inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction on a fresh connection: committed when it returns,
     * rolled back when it throws.
     */
    public <T> T transaction(Work<T> work) {
        lock.lock();
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new SalescopeException("operational store " + file + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** The schema version the store is at. */
    public int schemaVersion() {
        return transaction(c -> {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    private void migrate() {
        transaction(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
                        + " description VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp)");
            }
            int current;
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
                rs.next();
                current = rs.getInt(1);
            }
            List<OpsSchema.Migration> all = OpsSchema.MIGRATIONS;
            if (current > all.size()) {
                throw new SalescopeException("the operational store " + file + " is at schema version " + current
                        + " but this salescope knows versions up to " + all.size() + "; run a newer salescope");
            }
            for (int v = current + 1; v <= all.size(); v++) {
                OpsSchema.Migration m = all.get(v - 1);
                try (Statement st = c.createStatement()) {
                    for (String sql : m.statements()) {
                        st.execute(sql);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO schema_version (version, description) VALUES (?, ?)")) {
                    ps.setInt(1, v);
                    ps.setString(2, m.description());
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    /** A connection, waiting while another process holds the file. */
    private Connection connect() throws SQLException {
        long deadline = System.nanoTime() + lockWait.toNanos();
        long sleep = 10;
        while (true) {
            try {
                return DriverManager.getConnection("jdbc:duckdb:" + file);
            } catch (SQLException e) {
                if (!isLockConflict(e) || System.nanoTime() > deadline) {
                    if (isLockConflict(e)) {
                        throw new SQLException("another process has held the file for over " + lockWait.toSeconds()
                                + " s (" + e.getMessage() + "); stop it or try again", e);
                    }
                    throw e;
                }
                try {
                    Thread.sleep(sleep);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted while waiting for the operational store's lock", ie);
                }
                sleep = Math.min(sleep * 2, 200);
            }
        }
    }

    private static boolean isLockConflict(SQLException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return m.contains("lock") || m.contains("conflicting");
    }
}
