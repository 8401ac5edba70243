package io.salescope.ingest;

import io.salescope.core.contract.Tables;
import io.salescope.core.progress.Progress;
import io.salescope.core.store.VersionManifest;
import io.salescope.core.store.WarehouseLayout;
import io.salescope.ingest.spark.Sparks;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An ingest killed with SIGKILL at any point leaves the previous version current and readable,
 * and the next ingest succeeds (taking over the dead run's lock and removing its leftovers).
 * Each kill runs in a real child JVM on its own copy of a warehouse holding version 1.
 */
class KillIngestIT {

    static SparkSession spark;
    @TempDir
    static Path tmp;
    static Path baseline;
    static Path export;

    @BeforeAll
    static void publishVersionOne() {
        spark = Sparks.forTests("kill-it");
        baseline = tmp.resolve("baseline");
        Path v1 = tmp.resolve("v1");
        Exports.write(v1, "users.csv", "user_id,name,email\nU1,Ann,ann@x.io\n");
        Exports.write(v1, "accounts.csv", "account_id,name,owner_id\nA1,Acme,U1\n");
        Exports.write(v1, "opportunities.csv", """
                opportunity_id,account_id,owner_id,amount,currency,stage,created_at,close_date,modified_at
                O1,A1,U1,100,USD,Prospecting,2026-01-01,2026-02-01,2026-01-01
                """);
        IngestReport r = IngestJob.run(spark, Exports.config(baseline), IngestOptions.of(v1.toString()), Progress.none());
        assertThat(r.version()).isEqualTo(1);
        export = tmp.resolve("v2");
        Exports.write(export, "users.csv", "user_id,name,email\nU1,Ann,ann@x.io\nU2,Bob,bob@x.io\n");
        Exports.write(export, "accounts.csv", "account_id,name,owner_id\nA1,Acme,U1\nA2,Beta,U2\n");
        Exports.write(export, "opportunities.csv", """
                opportunity_id,account_id,owner_id,amount,currency,stage,created_at,close_date,modified_at
                O1,A1,U1,150,USD,Proposal,2026-01-01,2026-02-01,2026-01-05
                O2,A2,U2,50,USD,Prospecting,2026-01-02,2026-03-01,2026-01-02
                """);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** A child JVM running {@code salescope ingest}, its stderr collected. */
    static final class Child {
        final Process process;
        final StringBuffer err = new StringBuffer();
        final CompletableFuture<Void> drained;

        Child(Path data, String pauseAt) throws IOException {
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if (arg.startsWith("--add-opens") || arg.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
                        || arg.startsWith("-Djdk.reflect") || arg.startsWith("-Dio.netty")) {
                    cmd.add(arg);
                }
            }
            // Short-lived children: C1 and the serial collector start faster and use less CPU.
            cmd.addAll(List.of("-Xmx1g", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Duser.timezone=UTC", "-cp", System.getProperty("java.class.path"),
                    TestCli.class.getName(), "--data", data.toString(), "ingest", export.toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd);
            Map<String, String> env = pb.environment();
            env.put("SPARK_LOCAL_IP", "127.0.0.1");
            env.put("SALESCOPE_SPARK_MASTER", "local[2]");
            env.put("SALESCOPE_SHUFFLE_PARTITIONS", "2");
            env.put("SALESCOPE_PROGRESS", "plain");
            env.remove("SALESCOPE_INGEST_PAUSE_AT");
            if (pauseAt != null) {
                env.put("SALESCOPE_INGEST_PAUSE_AT", pauseAt);
            }
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            process = pb.start();
            drained = CompletableFuture.runAsync(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        err.append(line).append('\n');
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }

        boolean waitFor(String text, Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < end) {
                if (err.indexOf(text) >= 0) {
                    return true;
                }
                if (!process.isAlive()) {
                    return err.indexOf(text) >= 0;
                }
                Thread.sleep(100);
            }
            return false;
        }

        String runId() {
            Matcher m = Pattern.compile("\\(run (\\S+)\\)").matcher(err);
            return m.find() ? m.group(1) : null;
        }

        /** Kills the child with SIGKILL; true if it was still running. */
        boolean kill() throws InterruptedException {
            boolean alive = process.isAlive();
            process.destroyForcibly();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            drained.join();
            return alive && process.exitValue() == 137;
        }
    }

    static Path copyOfBaseline(String name) throws IOException {
        Path target = tmp.resolve(name);
        try (Stream<Path> walk = Files.walk(baseline)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path to = target.resolve(baseline.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return target;
    }

    /** Every table of the current version reads with the row count its manifest promises. */
    static long assertReadable(Path data) {
        VersionManifest m = Exports.current(data).orElseThrow();
        for (var e : m.tables().entrySet()) {
            assertThat(Exports.table(spark, data, m, Tables.byName(e.getKey()).orElseThrow()).count())
                    .as("%s of version %d", e.getKey(), m.version()).isEqualTo(e.getValue().rows());
        }
        return m.version();
    }

    @Test
    void a_run_killed_at_any_point_leaves_the_previous_version_current_and_the_next_run_succeeds() throws Exception {
        // A timed kill below lands mid-run; these points pin the moments around writing and publishing.
        List<String> points = List.of("after_tables_written", "before_publish", "after_publish");
        Map<String, Path> dirs = new LinkedHashMap<>();
        Map<String, Child> children = new LinkedHashMap<>();
        Map<String, Boolean> killed = new LinkedHashMap<>();
        for (String point : points) {
            dirs.put(point, copyOfBaseline(point));
        }
        dirs.put("timed", copyOfBaseline("timed"));
        // Two children at a time keep the machine responsive.
        List<String> order = new ArrayList<>(dirs.keySet());
        for (int i = 0; i < order.size(); i += 2) {
            List<String> batch = order.subList(i, Math.min(i + 2, order.size()));
            for (String point : batch) {
                children.put(point, new Child(dirs.get(point), point.equals("timed") ? null : point));
            }
            for (String point : batch) {
                Child child = children.get(point);
                if (point.equals("timed")) {
                    // Kill while the run is under way: after it scanned its files, a little later.
                    assertThat(child.waitFor("scan opportunities.csv", Duration.ofMinutes(3))).as(child.err.toString()).isTrue();
                    Thread.sleep(500);
                } else {
                    assertThat(child.waitFor("paused at " + point, Duration.ofMinutes(3)))
                            .as("child paused at %s; its stderr:%n%s", point, child.err).isTrue();
                }
                killed.put(point, child.kill());
            }
        }

        for (String point : order) {
            Path data = dirs.get(point);
            long current = Exports.current(data).orElseThrow().version();
            if (point.equals("after_publish")) {
                assertThat(current).as(point).isEqualTo(2);
            } else if (point.equals("timed")) {
                assertThat(current).as(point).isIn(1L, 2L);
            } else {
                assertThat(current).as("the version current after a kill at %s", point).isEqualTo(1);
            }
            assertReadable(data);
            if (killed.get(point) && !(point.equals("timed") && current == 2)) {
                // A timed kill may land after the run published and released its lock, while the JVM shuts down.
                assertThat(Files.exists(data.resolve(WarehouseLayout.LOCK))).as("the dead run's lock is left at %s", point).isTrue();
            } else {
                assertThat(point).as("only the timed child may finish before its kill").isEqualTo("timed");
            }
        }

        assertThat(killed).containsEntry("before_publish", true).containsEntry("after_publish", true);
        for (String point : List.of("after_tables_written", "timed")) {
            Path data = dirs.get(point);
            String killedRun = children.get(point).runId();
            long before = Exports.current(data).orElseThrow().version();
            IngestReport next = IngestJob.run(spark, Exports.config(data), IngestOptions.of(export.toString()), Progress.none());

            assertThat(next.status()).isEqualTo(IngestReport.PUBLISHED);
            assertThat(next.version()).isGreaterThan(before);
            assertThat(assertReadable(data)).isEqualTo(next.version());
            assertThat(values(data)).containsExactly("O1:150.0", "O2:50.0");
            assertThat(Files.exists(data.resolve(WarehouseLayout.LOCK))).isFalse();
            if (killedRun != null && point.equals("after_tables_written")) {
                assertThat(Files.exists(data.resolve(WarehouseLayout.tableDirectory("accounts", killedRun))))
                        .as("the killed run's table directories are removed").isFalse();
            }
        }
    }

    static List<String> values(Path data) {
        return Exports.table(spark, data, Tables.OPPORTUNITIES).orderBy("opportunity_id").collectAsList().stream()
                .map(r -> r.getString(0) + ":" + r.getDouble(r.fieldIndex("amount"))).toList();
    }
}
