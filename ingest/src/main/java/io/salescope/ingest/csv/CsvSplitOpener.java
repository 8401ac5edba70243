package io.salescope.ingest.csv;

import io.salescope.ingest.source.RecordCursor;
import io.salescope.ingest.source.SerializableConfiguration;
import io.salescope.ingest.source.SourceRecord;
import io.salescope.ingest.source.SourceSplit;
import io.salescope.ingest.source.SplitOpener;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;

import static java.util.Objects.requireNonNull;

/** Opens a {@link CsvSplit} on any Hadoop file system, positioned at its first record. */
public final class CsvSplitOpener implements SplitOpener {

    private final SerializableConfiguration conf;
    private final int maxRecordBytes;

    public CsvSplitOpener(SerializableConfiguration conf, int maxRecordBytes) {
        this.conf = requireNonNull(conf, "conf is null");
        this.maxRecordBytes = maxRecordBytes;
    }

    @Override
    public RecordCursor open(SourceSplit split) throws IOException {
        CsvSplit csv = (CsvSplit) split;
        Path path = new Path(csv.path());
        FileSystem fs = path.getFileSystem(conf.value());
        FSDataInputStream in = fs.open(path);
        try {
            in.seek(csv.start());
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        CsvRecordReader reader = new CsvRecordReader(in, csv.start(), csv.firstLine(), maxRecordBytes);
        return new RecordCursor() {
            @Override
            public boolean next() throws IOException {
                return reader.next() && reader.recordOffset() < csv.end();
            }

            @Override
            public SourceRecord record() {
                return reader;
            }

            @Override
            public void close() throws IOException {
                reader.close();
            }
        };
    }
}
