package io.salescope.forecasting.cli;

import io.salescope.core.SalescopeException;
import io.salescope.core.cli.ConfigProvider;
import io.salescope.core.config.SalescopeConfig;
import io.salescope.core.store.VersionManifest;
import io.salescope.core.store.VersionStore;
import io.salescope.core.store.WarehouseLayout;
import io.salescope.ingest.store.HadoopStorage;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code salescope sync --from URI}: mirrors the current published version of a warehouse on
 * any Hadoop file system into the local data directory, for the service, whose DuckDB reads
 * local files only. Table directories are immutable once published (each is named by the run
 * that wrote it), so a directory already mirrored is not copied again; a new one is copied
 * under a temporary name and renamed. The manifest follows, and {@code CURRENT} is replaced
 * last and atomically: the service sees the old version or the new one, never a mix.
 */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "Copy the current version of a remote warehouse (any Hadoop URI: hdfs://, s3a://, file://) into"
                + " the local data directory (--data), CURRENT last, so the service can read it.")
public final class SyncCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "URI",
            description = "The data directory the Spark jobs publish to (their --data).")
    String from;

    @Override
    public Integer call() {
        SalescopeConfig config = ConfigProvider.of(spec);
        PrintWriter out = spec.commandLine().getOut();
        Configuration conf = new Configuration();
        HadoopStorage source = new HadoopStorage(from, conf);
        HadoopStorage target = new HadoopStorage(config.dataDir(), conf);
        if (source.root().equals(target.root())) {
            throw new SalescopeException("--from " + from + " is the local data directory itself; nothing to copy");
        }
        VersionStore remote = new VersionStore(source);
        long version = remote.currentVersion().orElseThrow(() -> new SalescopeException(
                "no published version in " + source.location(WarehouseLayout.WAREHOUSE) + " to copy"));
        VersionManifest manifest = remote.manifest(version);
        VersionStore local = new VersionStore(target);
        if (local.currentVersion().filter(v -> v == version).isPresent()
                && sameManifest(local.manifest(version), manifest)) {
            out.printf(Locale.ROOT, "version %d is already current in %s%n", version, target.root());
            out.flush();
            return 0;
        }
        long copied = 0;
        // The mirror's own writer lock: two syncs never interleave their renames.
        try (var lock = local.lock(WarehouseLayout.newRunId(Instant.now()))) {
            for (VersionManifest.TableEntry table : manifest.tables().values()) {
                if (!target.exists(table.path())) {
                    copyDirectory(source, target, table.path(), conf);
                    copied++;
                }
            }
            target.writeAtomically(WarehouseLayout.manifest(version), source.read(WarehouseLayout.manifest(version)));
            target.writeAtomically(WarehouseLayout.CURRENT, (version + "\n").getBytes(StandardCharsets.UTF_8));
            // Still under the lock, as the jobs do: a second sync must not copy into a directory
            // this one is deleting. The version is current already, so a failure here is a warning.
            try {
                local.retain(config.keepVersions());
            } catch (RuntimeException e) {
                spec.commandLine().getErr().printf(Locale.ROOT, "salescope sync: version %d is current in %s, but"
                        + " removing old versions failed: %s; the next sync retries%n", version, target.root(), e.getMessage());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy version " + version + " from " + source.root() + " to "
                    + target.root() + ": " + e.getMessage(), e);
        }
        out.printf(Locale.ROOT, "version %d of %s is current in %s (%d table directories copied, %d already there)%n",
                version, source.root(), target.root(), copied, manifest.tables().size() - copied);
        out.flush();
        return 0;
    }

    private static boolean sameManifest(VersionManifest a, VersionManifest b) {
        return a.runId().equals(b.runId()) && a.tables().equals(b.tables());
    }

    private static void copyDirectory(HadoopStorage source, HadoopStorage target, String relativePath,
                                      Configuration conf) throws IOException {
        Path from = new Path(source.location(relativePath));
        Path to = new Path(target.location(relativePath));
        Path tmp = new Path(to.getParent(), "." + to.getName() + ".sync-tmp");
        target.fileSystem().delete(tmp, true);
        target.fileSystem().mkdirs(to.getParent());
        if (!FileUtil.copy(source.fileSystem(), from, target.fileSystem(), tmp, false, conf)) {
            throw new IOException("could not copy " + from);
        }
        if (!target.fileSystem().rename(tmp, to)) {
            throw new IOException("could not rename " + tmp + " to " + to);
        }
    }
}
