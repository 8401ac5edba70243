package io.salescope.ingest.crypto;

import io.salescope.core.SalescopeException;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Where the master keys are: the environment variable {@value #ENV_KEYS} (the key file's JSON
 * itself), else the file {@value #ENV_KEY_FILE} names, else {@value #DEFAULT_FILE_NAME} next to
 * a local data directory (its sibling, so the keys are never inside the warehouse and never
 * copied with it). A data directory on another file system needs one of the variables.
 *
 * @param file the key file, or null when the keys come from the environment
 * @param json the keys' JSON when they come from the environment
 */
public record KeySource(Path file, String json) {

    public static final String ENV_KEYS = "SALESCOPE_MASTER_KEYS";
    public static final String ENV_KEY_FILE = "SALESCOPE_KEY_FILE";
    public static final String DEFAULT_FILE_NAME = "salescope-keys.json";

    public KeySource {
        if ((file == null) == (json == null)) {
            throw new IllegalArgumentException("give exactly one of a key file and the keys' JSON");
        }
    }

    public static KeySource file(Path file) {
        return new KeySource(file.toAbsolutePath().normalize(), null);
    }

    /** The keys given in the environment as JSON. */
    public static KeySource inline(String json) {
        return new KeySource(null, json);
    }

    /** The key source for a data directory, from the environment (see the class comment). */
    public static KeySource resolve(Map<String, String> env, String dataDir) {
        requireNonNull(dataDir, "dataDir is null");
        String inline = env.get(ENV_KEYS);
        if (inline != null && !inline.isBlank()) {
            return inline(inline);
        }
        String file = env.get(ENV_KEY_FILE);
        if (file != null && !file.isBlank()) {
            return file(Path.of(file.strip()));
        }
        Optional<Path> local = localPath(dataDir);
        if (local.isEmpty()) {
            throw new SalescopeException("the data directory " + dataDir + " is not on the local disk, so salescope"
                    + " does not keep the master keys next to it: set " + ENV_KEY_FILE + " to a local key file"
                    + " (or " + ENV_KEYS + " to the keys' JSON)");
        }
        Path parent = local.get().toAbsolutePath().normalize().getParent();
        return file((parent == null ? local.get().toAbsolutePath() : parent).resolve(DEFAULT_FILE_NAME));
    }

    private static Optional<Path> localPath(String dataDir) {
        if (dataDir.startsWith("file:")) {
            return Optional.of(Path.of(URI.create(dataDir)));
        }
        if (dataDir.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            return Optional.empty();
        }
        return Optional.of(new File(dataDir).toPath());
    }

    public boolean fromEnvironment() {
        return file == null;
    }

    /** Where the keys are, for messages and the KMS client's configuration. */
    public String describe() {
        return file != null ? "the key file " + file : "the environment variable " + ENV_KEYS;
    }

    public boolean exists() {
        return file == null || Files.isRegularFile(file);
    }

    /**
     * The keys.
     *
     * @throws SalescopeException when they are missing or unreadable: what, where, what to do
     */
    public MasterKeys load() {
        if (file == null) {
            return MasterKeys.parse(json.getBytes(StandardCharsets.UTF_8), describe());
        }
        if (!Files.exists(file)) {
            throw new SalescopeException("the master key file " + file + " does not exist, so the warehouse's"
                    + " encrypted columns (contacts' and leads' names, e-mails and phones; quarantined records) cannot"
                    + " be read or written. Restore the file from its backup, or point " + ENV_KEY_FILE + " at it (or put"
                    + " the keys in " + ENV_KEYS + "). If the keys are lost, create new ones with 'salescope keys init'"
                    + " and re-ingest the whole export with 'salescope ingest --full'");
        }
        try {
            return MasterKeys.parse(Files.readAllBytes(file), describe());
        } catch (IOException e) {
            throw new SalescopeException("cannot read the master key file " + file + ": " + e.getMessage()
                    + " (check its permissions)", e);
        }
    }

    /**
     * Writes the keys to the key file, readable by its owner only, replacing it atomically.
     *
     * @param mustBeNew fail instead of replacing an existing file
     */
    public void write(MasterKeys keys, boolean mustBeNew) {
        if (file == null) {
            throw new SalescopeException("the master keys come from " + ENV_KEYS + ", which salescope cannot change;"
                    + " keep the keys in a key file (" + ENV_KEY_FILE + ") to create or rotate them");
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp-" + ProcessHandle.current().pid());
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the file gets its folder's default access, and we say so.
                Files.createFile(tmp);
                System.err.println("salescope: warning: cannot restrict " + file + " to its owner on this file system;"
                        + " protect it yourself");
            }
            Files.write(tmp, keys.toJson());
            if (mustBeNew) {
                try {
                    Files.createLink(file, tmp);
                } catch (FileAlreadyExistsException e) {
                    Files.deleteIfExists(tmp);
                    throw new SalescopeException("the master key file " + file + " already exists; salescope never"
                            + " overwrites keys (use 'salescope keys rotate' to replace them)");
                } catch (UnsupportedOperationException e) {
                    // No hard links here: check, then copy (not atomic against a concurrent creator).
                    if (Files.exists(file)) {
                        Files.deleteIfExists(tmp);
                        throw new SalescopeException("the master key file " + file + " already exists");
                    }
                    Files.copy(tmp, file);
                }
                Files.deleteIfExists(tmp);
            } else {
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the master key file " + file, e);
        }
    }

    /** The value the KMS client finds the keys by: a file URI, or the variable's name. */
    String kmsLocation() {
        return file != null ? file.toUri().toString() : "env:" + ENV_KEYS;
    }

    /** The source a KMS client configured with {@link #kmsLocation()} reads. */
    static KeySource fromKmsLocation(String location) {
        if (location.startsWith("env:")) {
            String json = System.getenv(location.substring(4));
            if (json == null || json.isBlank()) {
                throw new SalescopeException("the environment variable " + location.substring(4) + " holds no master"
                        + " keys in this process (a Spark executor needs it as well as the driver)");
            }
            return inline(json);
        }
        return file(Path.of(URI.create(location)));
    }

    @Override
    public String toString() {
        return describe();
    }
}
