package io.salescope.ingest.crypto;

import io.salescope.core.SalescopeException;
import io.salescope.core.progress.Progress;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.crypto.keytools.KeyToolkit;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Master-key rotation: a new version of every master key, then every encrypted directory under
 * the data directory (warehouse tables of every kept version, run quarantines) gets its key
 * material re-wrapped with it ({@link KeyToolkit#rotateMasterKeys}); only when all are done are
 * the old versions dropped from the key file. Data files are not rewritten. Interrupted, it
 * leaves the old versions in place, so everything stays readable and it can simply run again.
 */
public final class KeyRotation {

    /** What a rotation did. */
    public record Result(int directories, int oldVersion, int newVersion, String fingerprint) {
    }

    private final KeySource source;
    private final Configuration conf;
    private final Progress progress;

    public KeyRotation(KeySource source, Configuration conf, Progress progress) {
        this.source = requireNonNull(source, "source is null");
        this.conf = requireNonNull(conf, "conf is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    /** Rotates the keys of everything under {@code dataRoot}; the caller holds the warehouse's writer lock. */
    public Result rotate(Path dataRoot) {
        if (source.fromEnvironment()) {
            throw new SalescopeException("the master keys come from " + KeySource.ENV_KEYS + ", which salescope cannot"
                    + " change; put them in a key file (" + KeySource.ENV_KEY_FILE + ") to rotate them");
        }
        MasterKeys before = source.load();
        List<Path> dirs;
        FileSystem fs;
        try {
            fs = dataRoot.getFileSystem(conf);
            dirs = PiiCrypto.encryptedDirectories(fs, dataRoot);
        } catch (IOException e) {
            throw new SalescopeException("cannot list " + dataRoot + ": " + e.getMessage(), e);
        }
        // Every directory must be readable with the current keys before anything changes.
        PiiCrypto check = new PiiCrypto(source, false, progress);
        for (Path dir : dirs) {
            check.checkReadable(fs, dir, dir.getName());
        }
        MasterKeys rotated = before.rotated(Instant.now());
        source.write(rotated, false);
        Configuration rotation = new PiiCrypto(source, false, progress).configure(conf);
        for (Path dir : dirs) {
            try {
                KeyToolkit.rotateMasterKeys(dir.toString(), rotation);
            } catch (IOException | RuntimeException e) {
                throw new SalescopeException("re-wrapping the keys of " + dir + " failed (" + e.getMessage() + "); the key"
                        + " file keeps the old and the new key versions, so all data stays readable: run"
                        + " 'salescope keys rotate' again", e);
            }
        }
        MasterKeys after = rotated.currentOnly();
        source.write(after, false);
        KeyToolkit.removeCacheEntriesForAllTokens();
        progress.message("  re-wrapped the keys of " + dirs.size() + " encrypted director" + (dirs.size() == 1 ? "y" : "ies"));
        return new Result(dirs.size(), before.current(MasterKeys.PII_KEY).version(),
                after.current(MasterKeys.PII_KEY).version(), after.fingerprint());
    }
}
