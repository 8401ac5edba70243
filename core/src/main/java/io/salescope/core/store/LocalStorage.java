package io.salescope.core.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/** {@link Storage} on a local directory, with atomic renames for pointer files. */
public final class LocalStorage implements Storage {

    private final Path root;

    public LocalStorage(Path root) {
        this.root = requireNonNull(root, "root is null").toAbsolutePath().normalize();
    }

    /** A local storage for a data-dir string that is a plain path or a {@code file:} URI. */
    public static LocalStorage forDataDir(String dataDir) {
        String path = dataDir.startsWith("file://") ? dataDir.substring("file://".length())
                : dataDir.startsWith("file:") ? dataDir.substring("file:".length()) : dataDir;
        if (path.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            throw new IllegalArgumentException("'" + dataDir + "' is not a local path: the service reads a local copy"
                    + " of the published warehouse (see docs/operations.md, 'Remote warehouses')");
        }
        return new LocalStorage(Path.of(path));
    }

    public Path root() {
        return root;
    }

    public Path resolve(String relativePath) {
        Path p = root.resolve(relativePath).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException("path escapes the data directory: " + relativePath);
        }
        return p;
    }

    @Override
    public String location(String relativePath) {
        return resolve(relativePath).toString();
    }

    @Override
    public boolean exists(String relativePath) {
        return Files.exists(resolve(relativePath));
    }

    @Override
    public byte[] read(String relativePath) throws IOException {
        return Files.readAllBytes(resolve(relativePath));
    }

    @Override
    public void writeAtomically(String relativePath, byte[] content) throws IOException {
        Path target = resolve(relativePath);
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        Files.write(tmp, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.SYNC);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(tmp);
            throw new IOException("the file system of " + target + " cannot replace files atomically", e);
        }
    }

    @Override
    public boolean createExclusively(String relativePath, byte[] content) throws IOException {
        Path target = resolve(relativePath);
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        Files.write(tmp, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.SYNC);
        try {
            // A hard link fails when the target exists, so the complete file appears at once or not at all.
            Files.createLink(target, tmp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException e) {
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                return true;
            } catch (FileAlreadyExistsException exists) {
                return false;
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public List<String> list(String relativeDirectory) throws IOException {
        Path dir = resolve(relativeDirectory);
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                names.add(p.getFileName().toString());
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        names.sort(null);
        return names;
    }

    @Override
    public void delete(String relativePath) throws IOException {
        Path p = resolve(relativePath);
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            walk.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
