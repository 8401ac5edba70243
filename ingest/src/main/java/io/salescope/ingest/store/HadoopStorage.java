package io.salescope.ingest.store;

import io.salescope.core.store.Storage;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * {@link Storage} on any Hadoop file system (file://, hdfs://, s3a://...), so the Spark jobs
 * can publish a warehouse wherever their cluster keeps data. Pointer files are replaced with
 * {@code FileContext.rename(..., OVERWRITE)}, atomic on local disks and HDFS.
 */
public final class HadoopStorage implements Storage {

    private final Path root;
    private final FileSystem fs;
    private final FileContext fc;

    public HadoopStorage(String dataDir, Configuration conf) {
        requireNonNull(dataDir, "dataDir is null");
        try {
            URI uri = URI.create(dataDir.contains("://") || dataDir.startsWith("file:") ? dataDir
                    : new java.io.File(dataDir).getAbsoluteFile().toURI().toString());
            Path p = new Path(uri);
            this.fs = p.getFileSystem(conf);
            this.root = fs.makeQualified(p);
            this.fc = FileContext.getFileContext(root.toUri(), conf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the data directory " + dataDir, e);
        }
    }

    public Path root() {
        return root;
    }

    public FileSystem fileSystem() {
        return fs;
    }

    private Path path(String relativePath) {
        if (relativePath.contains("..")) {
            throw new IllegalArgumentException("path escapes the data directory: " + relativePath);
        }
        return relativePath.isEmpty() ? root : new Path(root, relativePath);
    }

    @Override
    public String location(String relativePath) {
        return path(relativePath).toString();
    }

    @Override
    public boolean exists(String relativePath) throws IOException {
        return fs.exists(path(relativePath));
    }

    @Override
    public byte[] read(String relativePath) throws IOException {
        Path p = path(relativePath);
        long len = fs.getFileStatus(p).getLen();
        byte[] buf = new byte[Math.toIntExact(len)];
        try (var in = fs.open(p)) {
            in.readFully(0, buf);
        }
        return buf;
    }

    @Override
    public void writeAtomically(String relativePath, byte[] content) throws IOException {
        Path target = path(relativePath);
        Path tmp = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
        fs.mkdirs(target.getParent());
        try (FSDataOutputStream out = fs.create(tmp, false)) {
            out.write(content);
            out.hsync();
        }
        fc.rename(tmp, target, Options.Rename.OVERWRITE);
    }

    @Override
    public boolean createExclusively(String relativePath, byte[] content) throws IOException {
        Path target = path(relativePath);
        if (fs.exists(target)) {
            return false;
        }
        Path tmp = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
        fs.mkdirs(target.getParent());
        try (FSDataOutputStream out = fs.create(tmp, false)) {
            out.write(content);
            out.hsync();
        }
        try {
            // Rename without OVERWRITE fails if the target appeared meanwhile.
            fc.rename(tmp, target, Options.Rename.NONE);
            return true;
        } catch (FileAlreadyExistsException e) {
            fs.delete(tmp, false);
            return false;
        }
    }

    @Override
    public List<String> list(String relativeDirectory) throws IOException {
        List<String> names = new ArrayList<>();
        try {
            for (FileStatus s : fs.listStatus(path(relativeDirectory))) {
                names.add(s.getPath().getName());
            }
        } catch (FileNotFoundException e) {
            return List.of();
        }
        names.sort(null);
        return names;
    }

    @Override
    public void delete(String relativePath) throws IOException {
        fs.delete(path(relativePath), true);
    }
}
