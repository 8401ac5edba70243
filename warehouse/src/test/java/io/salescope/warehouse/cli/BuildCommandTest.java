package io.salescope.warehouse.cli;

import io.salescope.core.cli.Cli;
import io.salescope.core.cli.ConfigProvider;
import io.salescope.core.config.GlobalOptions;
import io.salescope.core.config.SalescopeConfig;
import io.salescope.core.contract.Tables;
import io.salescope.core.store.LocalStorage;
import io.salescope.core.store.VersionManifest;
import io.salescope.core.store.VersionStore;
import io.salescope.core.store.WarehouseLayout;
import io.salescope.ingest.spark.Sparks;
import io.salescope.warehouse.marts.SparkSchemas;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BuildCommandTest {

    /** A stand-in for the top-level salescope command, which lives in a module that depends on this one. */
    @Command(name = "salescope", subcommands = BuildCommand.class)
    static final class Root implements ConfigProvider {
        @Mixin
        GlobalOptions global;

        @Override
        public SalescopeConfig config() {
            return global.toConfig(Map.of());
        }
    }

    private record Result(int exitCode, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new Root());
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        // Cli.execute's error handling, with captured streams.
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("salescope " + commandLine.getCommandName() + ": " + ex.getMessage());
            return ex instanceof io.salescope.core.SalescopeException se ? se.exitCode() : Cli.USAGE;
        });
        int code = cmd.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void build_without_a_warehouse_version_says_to_run_ingest_first_without_starting_spark(@TempDir Path data) {
        Result r = run("--data", data.toString(), "build");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("salescope build: no warehouse version in").contains("run salescope ingest first");
        assertThat(SparkSession.getActiveSession().isDefined()).isFalse();
    }

    @Test
    void build_help_names_the_master_option() {
        Result r = run("build", "--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--master=URL");
    }

    @Test
    void build_publishes_a_new_version_and_stops_its_spark_session(@TempDir Path data) {
        SparkSession spark = Sparks.forTests("build-command-test");
        try {
            // The smallest warehouse ingest could publish: one team, one user, one won deal.
            Map<String, Dataset<Row>> tables = Map.of(
                    "teams", spark.createDataFrame(List.of(RowFactory.create("t1", "Team", "EU", null)),
                            SparkSchemas.of(Tables.TEAMS)),
                    "users", spark.createDataFrame(List.of(RowFactory.create("u1", "U", "u@example.com", "t1", null,
                            "rep", null, null, true, null)), SparkSchemas.of(Tables.USERS)),
                    "opportunities", spark.createDataFrame(List.of(RowFactory.create("o1", "a1", "u1", null, null,
                            100.0, "USD", "Closed Won", 100.0, "closed", null, null,
                            Instant.parse("2026-01-01T00:00:00Z"), java.time.LocalDate.parse("2026-02-01"), null, null,
                            Instant.parse("2026-02-01T00:00:00Z"), null, "won", 6, 100.0, 100.0, 1.0, null,
                            java.time.LocalDate.parse("2026-01-01"))), SparkSchemas.of(Tables.OPPORTUNITIES)));
            String runId = WarehouseLayout.newRunId(Instant.now());
            Map<String, VersionManifest.TableEntry> entries = new java.util.LinkedHashMap<>();
            tables.forEach((name, df) -> {
                String dir = WarehouseLayout.tableDirectory(name, runId);
                df.write().parquet(data.resolve(dir).toString());
                entries.put(name, new VersionManifest.TableEntry(dir, 1, List.of()));
            });
            VersionStore store = new VersionStore(new LocalStorage(data));
            store.publish(new VersionManifest(VersionManifest.FORMAT, 0, 0, Instant.now(), runId, "ingest",
                    Map.of(), entries, Map.of()));

            Result r = run("--data", data.toString(), "--today", "2026-03-01", "build", "--master", "local[2]");

            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).contains("published warehouse version 2 (marts from version 1)");
            VersionManifest built = store.current().orElseThrow();
            assertThat(built.kind()).isEqualTo("build");
            assertThat(built.table("mart_bookings").orElseThrow().rows()).isEqualTo(1);
            // Tables the version does not have read as empty.
            assertThat(built.table("mart_activity_counts").orElseThrow().rows()).isZero();
            // An empty mart is still a Parquet file with the schema, so any reader can open it.
            assertThat(data.resolve(built.table("mart_activity_counts").orElseThrow().path()).toFile()
                    .list((dir, name) -> name.endsWith(".parquet"))).isNotEmpty();
            assertThat(spark.sparkContext().isStopped()).isTrue();
        } finally {
            spark.stop();
        }
    }
}
