package io.salescope.ingest.cli;

import io.salescope.core.SalescopeException;
import io.salescope.core.cli.ConfigProvider;
import io.salescope.core.config.SalescopeConfig;
import io.salescope.core.progress.Progress;
import io.salescope.core.store.VersionManifest;
import io.salescope.core.store.VersionStore;
import io.salescope.ingest.crypto.KeyRotation;
import io.salescope.ingest.crypto.KeySource;
import io.salescope.ingest.crypto.MasterKeys;
import io.salescope.ingest.crypto.PiiCrypto;
import io.salescope.ingest.store.HadoopStorage;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code salescope keys init|rotate|status}: the master keys that encrypt personal data in the
 * warehouse (contacts' and leads' names, e-mails and phones; quarantined records).
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = {"Manage the master keys that encrypt personal data in the warehouse.",
                "Keys are read from SALESCOPE_MASTER_KEYS (the key file's JSON), else the file SALESCOPE_KEY_FILE names,",
                "else salescope-keys.json next to the data directory. Back the key file up apart from the data."},
        subcommands = {KeysCommand.Init.class, KeysCommand.Rotate.class, KeysCommand.Status.class})
public final class KeysCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 2;
    }

    static KeySource source(SalescopeConfig config) {
        return KeySource.resolve(System.getenv(), config.dataDir());
    }

    /** {@code salescope keys init}: create master keys where there are none. */
    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Create new master keys (never replaces existing ones). Ingest also creates them on first use.")
    public static final class Init implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            KeySource source = source(ConfigProvider.of(spec));
            if (source.fromEnvironment()) {
                throw new SalescopeException("the master keys come from " + KeySource.ENV_KEYS + "; nothing to create");
            }
            MasterKeys keys = MasterKeys.generate(Instant.now());
            source.write(keys, true);
            PrintWriter out = spec.commandLine().getOut();
            out.println("created master keys " + keys.fingerprint() + " in " + source.file());
            out.println("keep the file secret (mode 600) and back it up apart from the data: without it the warehouse's"
                    + " personal data cannot be read");
            return 0;
        }
    }

    /** {@code salescope keys rotate}: new master-key versions; every encrypted file's keys re-wrapped. */
    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = {"Create a new version of each master key and re-wrap the keys of every encrypted file under",
                    "the data directory with it (data files are not rewritten), then drop the old versions."})
    public static final class Rotate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            SalescopeConfig config = ConfigProvider.of(spec);
            Configuration conf = new Configuration();
            HadoopStorage storage = new HadoopStorage(config.dataDir(), conf);
            VersionStore store = new VersionStore(storage);
            KeyRotation.Result result;
            try (VersionStore.WriterLock lock = store.lock("keys-rotate")) {
                result = new KeyRotation(source(config), conf, Progress.console())
                        .rotate(new Path(storage.location("")));
            } catch (IllegalStateException e) {
                throw new SalescopeException(e.getMessage(), e);
            }
            spec.commandLine().getOut().println("rotated the master keys from version " + result.oldVersion() + " to "
                    + result.newVersion() + " (" + result.fingerprint() + "); re-wrapped " + result.directories()
                    + " encrypted director" + (result.directories() == 1 ? "y" : "ies"));
            return 0;
        }
    }

    /** {@code salescope keys status}: where the keys are, their versions, and whether they open the warehouse. */
    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show where the master keys are, their versions (never the keys), and check they decrypt the"
                    + " current warehouse version's encrypted tables.")
    public static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            SalescopeConfig config = ConfigProvider.of(spec);
            PrintWriter out = spec.commandLine().getOut();
            KeySource source = source(config);
            out.println("master keys: " + source.describe() + (source.exists() ? "" : " (missing)"));
            MasterKeys keys = null;
            if (source.exists()) {
                keys = source.load();
                out.println("fingerprint: " + keys.fingerprint());
                for (Map.Entry<String, java.util.List<MasterKeys.KeyVersion>> e : keys.keys().entrySet()) {
                    for (MasterKeys.KeyVersion v : e.getValue()) {
                        out.println("  " + e.getKey() + " version " + v.version() + " created " + v.createdAt());
                    }
                }
            }
            Configuration conf = new Configuration();
            HadoopStorage storage = new HadoopStorage(config.dataDir(), conf);
            VersionManifest current = new VersionStore(storage).current().orElse(null);
            if (current == null) {
                out.println("warehouse: no version yet in " + storage.location(""));
                return 0;
            }
            int problems = 0;
            PiiCrypto crypto = new PiiCrypto(source, false, Progress.none());
            for (Map.Entry<String, VersionManifest.TableEntry> e : current.tables().entrySet()) {
                if (!e.getValue().encrypted()) {
                    continue;
                }
                String state;
                try {
                    crypto.checkReadable(storage.fileSystem(), new Path(storage.location(e.getValue().path())), e.getKey());
                    state = "readable with these keys";
                } catch (SalescopeException ex) {
                    state = "NOT READABLE: " + ex.getMessage();
                    problems++;
                }
                out.println("  " + e.getKey() + " (version " + current.version() + "): encrypted "
                        + e.getValue().encryptedColumns() + "; " + state);
            }
            return problems == 0 ? 0 : 1;
        }
    }
}
