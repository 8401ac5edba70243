package io.salescope.ingest.source;

import io.salescope.core.SalescopeException;
import io.salescope.core.contract.TableContract;
import io.salescope.core.contract.Tables;
import io.salescope.core.progress.Progress;
import io.salescope.ingest.csv.CsvRecordReader;
import io.salescope.ingest.csv.CsvSplitOpener;
import io.salescope.ingest.csv.CsvSplitter;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A folder of crm-export-v1 CSV files (one per entity, names matched ignoring case) on any
 * Hadoop file system. Planning scans each file once to find record boundaries.
 */
public final class CsvFolderSource implements ExportSource {

    public static final long DEFAULT_SPLIT_BYTES = 64L << 20;
    /** Files are cut into at least this many splits where that keeps splits above {@link #MIN_SPLIT_BYTES}. */
    private static final long MIN_SPLIT_BYTES = 4L << 20;

    private final String location;
    private final Configuration conf;
    private final long splitBytes;
    private final int maxRecordBytes;
    private final int minSplits;
    private final Path dir;
    private final FileSystem fs;
    private Map<TableContract, FileStatus> files;
    private final List<String> ignored = new ArrayList<>();

    public CsvFolderSource(String location, Configuration conf) {
        this(location, conf, DEFAULT_SPLIT_BYTES, CsvRecordReader.DEFAULT_MAX_RECORD_BYTES, 1);
    }

    /**
     * @param splitBytes the largest split
     * @param minSplits cut a file into at least this many splits (the cluster's parallelism),
     *     as long as splits stay above 4 MiB
     */
    public CsvFolderSource(String location, Configuration conf, long splitBytes, int maxRecordBytes, int minSplits) {
        this.location = requireNonNull(location, "location is null");
        this.conf = requireNonNull(conf, "conf is null");
        this.splitBytes = splitBytes;
        this.maxRecordBytes = maxRecordBytes;
        this.minSplits = Math.max(1, minSplits);
        this.dir = folder(location, conf);
        try {
            this.fs = dir.getFileSystem(conf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the export folder " + location, e);
        }
    }

    /** An export folder given as a local path or any Hadoop file system URI, fully qualified. */
    public static Path folder(String location, Configuration conf) {
        URI uri = location.contains("://") || location.startsWith("file:") ? URI.create(location)
                : new File(location).getAbsoluteFile().toURI();
        try {
            Path p = new Path(uri);
            return p.getFileSystem(conf).makeQualified(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the export folder " + location, e);
        }
    }

    @Override
    public String location() {
        return dir.toString();
    }

    @Override
    public Map<TableContract, String> discover() {
        if (files == null) {
            files = new LinkedHashMap<>();
            FileStatus[] entries;
            try {
                if (!fs.getFileStatus(dir).isDirectory()) {
                    throw new SalescopeException(location + " is not a folder: give the folder that holds the export's"
                            + " CSV files (users.csv, accounts.csv, opportunities.csv, ...)");
                }
                entries = fs.listStatus(dir);
            } catch (FileNotFoundException e) {
                throw new SalescopeException("the export folder " + location + " does not exist", e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the export folder " + location, e);
            }
            List<FileStatus> sorted = new ArrayList<>(List.of(entries));
            sorted.sort((a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
            for (FileStatus entry : sorted) {
                String name = entry.getPath().getName();
                if (name.startsWith(".") || name.startsWith("_")) {
                    continue;
                }
                Optional<TableContract> table = entry.isFile() ? Tables.byFileName(name) : Optional.empty();
                if (table.isEmpty()) {
                    ignored.add(name);
                    continue;
                }
                FileStatus previous = files.putIfAbsent(table.get(), entry);
                if (previous != null) {
                    throw new SalescopeException(location + " holds both " + previous.getPath().getName() + " and " + name
                            + " for table " + table.get().name() + " (file names match ignoring case); keep one");
                }
            }
        }
        Map<TableContract, String> out = new LinkedHashMap<>();
        files.forEach((t, s) -> out.put(t, s.getPath().getName()));
        return out;
    }

    @Override
    public List<String> ignored() {
        discover();
        return List.copyOf(ignored);
    }

    @Override
    public SourceEntity plan(TableContract table, Progress.Step step) {
        FileStatus status = discover().containsKey(table) ? files.get(table) : null;
        if (status == null) {
            throw new IllegalArgumentException("the export has no file for " + table.name());
        }
        String name = status.getPath().getName();
        try (FSDataInputStream in = fs.open(status.getPath())) {
            long size = Math.min(splitBytes, Math.max(MIN_SPLIT_BYTES, status.getLen() / minSplits + 1));
            CsvSplitter.Plan plan = CsvSplitter.plan(name, in, size, maxRecordBytes, step::advance);
            List<io.salescope.ingest.csv.CsvSplit> splits = plan.splits().stream()
                    .map(s -> new io.salescope.ingest.csv.CsvSplit(status.getPath().toString(), s.index(), s.start(),
                            s.end(), s.firstLine(), s.records()))
                    .toList();
            return new SourceEntity(table, name, plan.header(), plan.records(), status.getLen(), splits,
                    new CsvSplitOpener(new SerializableConfiguration(conf), maxRecordBytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + status.getPath(), e);
        }
    }
}
