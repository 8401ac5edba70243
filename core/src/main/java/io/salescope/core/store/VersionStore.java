package io.salescope.core.store;

import io.salescope.core.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Versioned, atomic publishing of the warehouse.
 *
 * <p>A version is an immutable manifest ({@code warehouse/versions/00000003.json}) naming a
 * directory per table. {@code warehouse/CURRENT} holds the current version's number and is
 * only ever replaced by an atomic rename, after the version's files and manifest are
 * complete; so a reader sees a whole version, and a writer killed at any point leaves the
 * current version current. Table directories no kept manifest names are removed by
 * {@link #retain(int)}.
 *
 * <p>One writer at a time: {@link #lock(String)} takes {@code warehouse/LOCK}; a lock left
 * by a dead process on this host is taken over.
 */
public final class VersionStore {

    private final Storage storage;

    public VersionStore(Storage storage) {
        this.storage = requireNonNull(storage, "storage is null");
    }

    public Storage storage() {
        return storage;
    }

    public Optional<Long> currentVersion() {
        try {
            if (!storage.exists(WarehouseLayout.CURRENT)) {
                return Optional.empty();
            }
            String text = new String(storage.read(WarehouseLayout.CURRENT), StandardCharsets.UTF_8).trim();
            return Optional.of(Long.parseLong(text));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + storage.location(WarehouseLayout.CURRENT), e);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(storage.location(WarehouseLayout.CURRENT)
                    + " does not hold a version number; restore it with 'salescope rollback' or by writing a version number into it", e);
        }
    }

    public Optional<VersionManifest> current() {
        return currentVersion().map(this::manifest);
    }

    public VersionManifest manifest(long version) {
        String path = WarehouseLayout.manifest(version);
        try {
            return Json.read(storage.read(path), VersionManifest.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read manifest " + storage.location(path), e);
        }
    }

    /** Published versions, oldest first. */
    public List<Long> versions() {
        try {
            List<Long> out = new ArrayList<>();
            for (String name : storage.list(WarehouseLayout.VERSIONS)) {
                if (name.matches("\\d{8}\\.json")) {
                    out.add(Long.parseLong(name.substring(0, 8)));
                }
            }
            out.sort(null);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Publishes {@code draft} as the next version and makes it current. Every table directory
     * it names must be complete before this is called.
     */
    public VersionManifest publish(VersionManifest draft) {
        try {
            long next = versions().stream().mapToLong(Long::longValue).max().orElse(0) + 1;
            while (true) {
                VersionManifest published = draft.withVersion(next);
                if (storage.createExclusively(WarehouseLayout.manifest(next), Json.write(published))) {
                    storage.writeAtomically(WarehouseLayout.CURRENT,
                            (next + "\n").getBytes(StandardCharsets.UTF_8));
                    return published;
                }
                next++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish a new warehouse version under "
                    + storage.location(WarehouseLayout.WAREHOUSE), e);
        }
    }

    /** Makes the version before the current one current again; returns it. */
    public long rollback() {
        long current = currentVersion().orElseThrow(() ->
                new IllegalStateException("nothing to roll back: no version has been published in "
                        + storage.location(WarehouseLayout.WAREHOUSE)));
        long previous = versions().stream().filter(v -> v < current).mapToLong(Long::longValue).max()
                .orElseThrow(() -> new IllegalStateException("version " + current
                        + " is the oldest one kept; there is no previous version to roll back to"));
        try {
            storage.writeAtomically(WarehouseLayout.CURRENT, (previous + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return previous;
    }

    /**
     * Keeps the {@code keep} newest versions and the current one; deletes older manifests and
     * every table directory no remaining manifest names (including those of killed runs).
     *
     * @return the versions deleted
     */
    public List<Long> retain(int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be at least 1");
        }
        long current = currentVersion().orElse(-1L);
        List<Long> all = versions();
        List<Long> deleted = new ArrayList<>();
        try {
            for (int i = 0; i < all.size() - keep; i++) {
                long v = all.get(i);
                if (v != current) {
                    storage.delete(WarehouseLayout.manifest(v));
                    deleted.add(v);
                }
            }
            Set<String> referenced = new HashSet<>();
            for (long v : versions()) {
                manifest(v).tables().values().forEach(t -> referenced.add(t.path()));
            }
            for (String table : storage.list(WarehouseLayout.TABLES)) {
                for (String run : storage.list(WarehouseLayout.TABLES + "/" + table)) {
                    String dir = WarehouseLayout.TABLES + "/" + table + "/" + run;
                    if (!referenced.contains(dir)) {
                        storage.delete(dir);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return deleted;
    }

    /** Takes the single-writer lock for a run; close the returned lock to release it. */
    public WriterLock lock(String runId) {
        String host = hostName();
        long pid = ProcessHandle.current().pid();
        LockInfo mine = new LockInfo(host, pid, runId, Instant.now());
        try {
            if (storage.createExclusively(WarehouseLayout.LOCK, Json.write(mine))) {
                return new WriterLock(storage);
            }
            LockInfo held = Json.read(storage.read(WarehouseLayout.LOCK), LockInfo.class);
            boolean dead = host.equals(held.host()) && ProcessHandle.of(held.pid()).map(p -> !p.isAlive()).orElse(true);
            if (dead) {
                storage.delete(WarehouseLayout.LOCK);
                if (storage.createExclusively(WarehouseLayout.LOCK, Json.write(mine))) {
                    return new WriterLock(storage);
                }
            }
            throw new IllegalStateException("another salescope run (" + held.runId() + ", pid " + held.pid() + " on "
                    + held.host() + ", since " + held.startedAt() + ") is writing to this warehouse; wait for it,"
                    + " or delete " + storage.location(WarehouseLayout.LOCK) + " if that process is gone");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }

    record LockInfo(String host, long pid, String runId, Instant startedAt) {
    }

    /** The held writer lock. */
    public static final class WriterLock implements AutoCloseable {
        private final Storage storage;

        WriterLock(Storage storage) {
            this.storage = storage;
        }

        @Override
        public void close() {
            try {
                storage.delete(WarehouseLayout.LOCK);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
