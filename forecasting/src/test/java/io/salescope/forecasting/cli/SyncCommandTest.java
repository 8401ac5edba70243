package io.salescope.forecasting.cli;

import io.salescope.core.cli.ConfigProvider;
import io.salescope.core.config.GlobalOptions;
import io.salescope.core.config.SalescopeConfig;
import io.salescope.core.store.LocalStorage;
import io.salescope.core.store.VersionManifest;
import io.salescope.core.store.VersionStore;
import io.salescope.core.store.WarehouseLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code salescope sync}: the published version of a warehouse (through a file:// Hadoop URI) mirrored locally. */
class SyncCommandTest {

    @Command(name = "salescope", subcommands = SyncCommand.class)
    static final class Root implements ConfigProvider {
        @Mixin
        GlobalOptions global;

        @Override
        public SalescopeConfig config() {
            return global.toConfig(Map.of());
        }
    }

    record Result(int exitCode, String out, String err) {
    }

    static Result sync(Path local, Path remote, String... globals) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new Root());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        cmd.setExecutionExceptionHandler((ex, c, p) -> {
            c.getErr().println("salescope " + c.getCommandName() + ": " + ex.getMessage());
            return 1;
        });
        List<String> args = new java.util.ArrayList<>(List.of(globals));
        args.addAll(List.of("--data", local.toString(), "sync", "--from", remote.toUri().toString()));
        return new Result(cmd.execute(args.toArray(String[]::new)), out.toString(), err.toString());
    }

    static VersionManifest.TableEntry table(LocalStorage s, String name, String run, String content) throws Exception {
        String dir = WarehouseLayout.tableDirectory(name, run);
        Files.createDirectories(s.resolve(dir));
        Files.writeString(s.resolve(dir).resolve("part-0.parquet"), content);
        return new VersionManifest.TableEntry(dir, 1, List.of());
    }

    static VersionManifest publish(VersionStore store, String run, Map<String, VersionManifest.TableEntry> changes) {
        VersionManifest draft = store.current()
                .map(m -> m.next(run, "test", Instant.now(), changes, null, Map.of()))
                .orElseGet(() -> new VersionManifest(VersionManifest.FORMAT, 0, 0, Instant.now(), run, "test", Map.of(),
                        changes, Map.of()));
        return store.publish(draft);
    }

    @Test
    void mirrors_the_current_version_copies_only_new_directories_and_keeps_the_local_retention(
            @TempDir Path remoteDir, @TempDir Path localDir) throws Exception {
        LocalStorage remote = new LocalStorage(remoteDir);
        VersionStore remoteStore = new VersionStore(remote);
        publish(remoteStore, "r1", Map.of("users", table(remote, "users", "r1", "users-1"),
                "teams", table(remote, "teams", "r1", "teams-1")));
        publish(remoteStore, "r2", Map.of("users", table(remote, "users", "r2", "users-2")));

        Result first = sync(localDir, remoteDir);
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("version 2", "2 table directories copied, 0 already there");
        assertThat(Files.readString(localDir.resolve(WarehouseLayout.CURRENT)).trim()).isEqualTo("2");
        LocalStorage local = new LocalStorage(localDir);
        assertThat(new VersionStore(local).current().orElseThrow().tables()).isEqualTo(remoteStore.current().orElseThrow().tables());
        assertThat(Files.readString(local.resolve(WarehouseLayout.tableDirectory("users", "r2")).resolve("part-0.parquet")))
                .isEqualTo("users-2");
        assertThat(Files.readString(local.resolve(WarehouseLayout.tableDirectory("teams", "r1")).resolve("part-0.parquet")))
                .isEqualTo("teams-1");
        // Only the current version's directories: users/r1 belongs to version 1 only.
        assertThat(Files.exists(local.resolve(WarehouseLayout.tableDirectory("users", "r1")))).isFalse();

        Result again = sync(localDir, remoteDir);
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("version 2 is already current");

        publish(remoteStore, "r3", Map.of("users", table(remote, "users", "r3", "users-3")));
        Result third = sync(localDir, remoteDir, "--keep-versions", "1");
        assertThat(third.exitCode()).as(third.err()).isZero();
        assertThat(third.out()).contains("version 3", "1 table directories copied, 1 already there");
        assertThat(new VersionStore(local).versions()).containsExactly(3L);
        assertThat(local.list(WarehouseLayout.TABLES + "/users")).containsExactly("r3");
        assertThat(Files.exists(localDir.resolve(WarehouseLayout.LOCK))).isFalse();
    }

    @Test
    void a_warehouse_without_a_published_version_is_an_error_naming_it(@TempDir Path remoteDir, @TempDir Path localDir) {
        Result r = sync(localDir, remoteDir);
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("no published version in", remoteDir.getFileName().toString());
        assertThat(Files.exists(localDir.resolve(WarehouseLayout.CURRENT))).isFalse();
    }
}
