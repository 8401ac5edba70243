package io.salescope.ingest.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server on loopback for integration tests, with a fresh database.
 *
 * <p>When {@code SALESCOPE_TEST_PG_URL} is set (a JDBC URL of a server CI started, whose user
 * may create databases) a new database is created there and dropped afterwards. Otherwise a
 * throwaway cluster is created in a temporary directory with the PostgreSQL binaries
 * ({@code SALESCOPE_PG_BIN}, else the newest {@code /usr/lib/postgresql/N/bin}, else
 * {@code pg_config --bindir}) on a free port, its socket in that directory, and stopped and
 * removed on {@link #close()}. PostgreSQL refuses to run as root: as root, the cluster runs as
 * the {@code postgres} OS user. Either way a missing PostgreSQL fails the test: the JDBC source
 * is tested against a real server or not at all.
 */
final class PostgresServer implements AutoCloseable {

    static final String ENV_URL = "SALESCOPE_TEST_PG_URL";
    static final String ENV_BIN = "SALESCOPE_PG_BIN";

    private final String adminUrl;
    private final String url;
    private final String database;
    private final Path dir;
    private final Path bin;
    private final boolean asPostgres;
    private final Thread hook;

    private PostgresServer(String adminUrl, String url, String database, Path dir, Path bin, boolean asPostgres) {
        this.adminUrl = adminUrl;
        this.url = url;
        this.database = database;
        this.dir = dir;
        this.bin = bin;
        this.asPostgres = asPostgres;
        this.hook = new Thread(this::stopQuietly, "stop-test-postgres");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The fresh database's JDBC URL (no credentials needed: trust on loopback, or those of the CI URL). */
    String url() {
        return url;
    }

    static PostgresServer start() {
        String database = "salescope_it_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
        String ci = System.getenv(ENV_URL);
        if (ci != null && !ci.isBlank()) {
            execute(ci, "CREATE DATABASE " + database);
            return new PostgresServer(ci, withDatabase(ci, database), database, null, null, false);
        }
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path dir = Files.createTempDirectory("salescope-pg-");
            if (root) {
                UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
                Files.setOwner(dir, postgres);
            }
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            run(root, bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "salescope",
                    "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync");
            run(root, bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
                    dir.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                    "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                            + " -c full_page_writes=off -c synchronous_commit=off", "start");
            String admin = "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=salescope";
            PostgresServer server = new PostgresServer(admin, "jdbc:postgresql://127.0.0.1:" + port + "/" + database
                    + "?user=salescope", database, dir, bin, root);
            execute(admin, "CREATE DATABASE " + database);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL for the test", e);
        }
    }

    private static Path binaries() {
        String env = System.getenv(ENV_BIN);
        if (env != null && Files.isExecutable(Path.of(env, "pg_ctl"))) {
            return Path.of(env);
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                var newest = versions.filter(v -> Files.isExecutable(v.resolve("bin/pg_ctl")))
                        .max(Comparator.comparing(v -> v.getFileName().toString().matches("\\d+")
                                ? Integer.parseInt(v.getFileName().toString()) : 0));
                if (newest.isPresent()) {
                    return newest.get().resolve("bin");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            Process p = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor() == 0 && Files.isExecutable(Path.of(out, "pg_ctl"))) {
                return Path.of(out);
            }
        } catch (IOException | InterruptedException e) {
            // not installed: reported below
        }
        throw new IllegalStateException("PostgreSQL is needed for this test and was not found: install it (Debian:"
                + " apt-get install -y postgresql), or set " + ENV_BIN + " to its bin directory, or " + ENV_URL
                + " to the JDBC URL of a running server whose user may create databases");
    }

    private static void run(boolean asPostgres, String... command) {
        List<String> cmd = new ArrayList<>();
        if (asPostgres) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.addAll(List.of(command));
        Path log = null;
        try {
            log = Files.createTempFile("salescope-pg-cmd", ".log");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean done = p.waitFor(120, TimeUnit.SECONDS);
            if (!done || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("failed: " + String.join(" ", cmd) + "\n" + Files.readString(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", cmd), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException e) {
                    // a temporary file
                }
            }
        }
    }

    static void execute(String url, String... statements) {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run SQL on " + url + ": " + e.getMessage(), e);
        }
    }

    private static String withDatabase(String url, String database) {
        int slash = url.indexOf('/', "jdbc:postgresql://".length());
        int query = url.indexOf('?');
        return url.substring(0, slash + 1) + database + (query >= 0 ? url.substring(query) : "");
    }

    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down already
        }
    }

    private synchronized void stopQuietly() {
        if (dir == null) {
            try {
                execute(adminUrl, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            } catch (RuntimeException e) {
                // best effort
            }
            return;
        }
        if (!Files.exists(dir.resolve("data"))) {
            return;
        }
        try {
            run(asPostgres, bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate",
                    "-w", "stop");
        } catch (RuntimeException e) {
            // already stopped
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // the temporary directory is removed by the OS eventually
        }
    }
}
