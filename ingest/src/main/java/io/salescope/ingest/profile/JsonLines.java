package io.salescope.ingest.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salescope.ingest.source.RecordCursor;
import io.salescope.ingest.source.SerializableConfiguration;
import io.salescope.ingest.source.SourceRecord;
import io.salescope.ingest.source.SourceSplit;
import io.salescope.ingest.source.SplitOpener;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Files of JSON lines (one JSON object per line, appended to over time): a driver-side scan
 * from a checkpoint to the last complete line, cut into splits of whole lines, and a reader
 * that turns each line's fields (dotted paths reach into nested objects) into a record. A
 * last line without its line feed is still being written: it is left for the next run. Blank
 * lines are no records.
 */
final class JsonLines {

    private JsonLines() {
    }

    /** Lines that start in {@code [start, end)}; {@code firstLine} is the line at {@code start}. */
    record Split(String path, int index, long start, long end, long firstLine, long records) implements SourceSplit {
    }

    /**
     * @param end offset just past the last complete line (the next checkpoint)
     * @param endLine the line number after the last complete line
     */
    record Plan(long records, long end, long endLine, List<Split> splits) {
    }

    static Plan plan(String path, InputStream in, long start, long startLine, long splitBytes) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        List<Split> splits = new ArrayList<>();
        long offset = start;
        long line = startLine;
        long lineStart = start;
        boolean blank = true;
        long records = 0;
        long splitStart = -1;
        long splitLine = 0;
        long splitRecords = 0;
        long end = start;
        long endLine = startLine;
        int b;
        while ((b = buffered.read()) >= 0) {
            offset++;
            if (b == '\n') {
                if (!blank) {
                    if (splitStart < 0 || lineStart - splitStart >= splitBytes) {
                        if (splitStart >= 0) {
                            splits.add(new Split(path, splits.size(), splitStart, lineStart, splitLine, splitRecords));
                        }
                        splitStart = lineStart;
                        splitLine = line;
                        splitRecords = 0;
                    }
                    splitRecords++;
                    records++;
                }
                line++;
                lineStart = offset;
                end = offset;
                endLine = line;
                blank = true;
            } else if (b != '\r' && b != ' ' && b != '\t') {
                blank = false;
            }
        }
        if (splitStart >= 0) {
            splits.add(new Split(path, splits.size(), splitStart, end, splitLine, splitRecords));
        }
        return new Plan(records, end, endLine, splits);
    }

    /** Reads a split's lines into records of the named fields. */
    static final class Opener implements SplitOpener {
        private static final ObjectMapper JSON = new ObjectMapper();

        private final SerializableConfiguration conf;
        private final List<String> fields;
        private final int maxRecordBytes;

        Opener(SerializableConfiguration conf, List<String> fields, int maxRecordBytes) {
            this.conf = conf;
            this.fields = List.copyOf(fields);
            this.maxRecordBytes = maxRecordBytes;
        }

        @Override
        public RecordCursor open(SourceSplit split) throws IOException {
            Split s = (Split) split;
            Path path = new Path(s.path());
            FileSystem fs = path.getFileSystem(conf.value());
            FSDataInputStream raw = fs.open(path);
            raw.seek(s.start());
            InputStream in = new BufferedInputStream(raw, 1 << 16);
            TextRecord record = new TextRecord();
            String[] values = new String[fields.size()];
            return new RecordCursor() {
                private long offset = s.start();
                private long line = s.firstLine();

                @Override
                public boolean next() throws IOException {
                    while (offset < s.end()) {
                        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
                        boolean cut = false;
                        int b;
                        while ((b = in.read()) >= 0) {
                            offset++;
                            if (b == '\n') {
                                break;
                            }
                            if (bytes.size() < maxRecordBytes) {
                                bytes.write(b);
                            } else {
                                cut = true;
                            }
                        }
                        long at = line++;
                        String text = bytes.toString(StandardCharsets.UTF_8);
                        if (text.endsWith("\r")) {
                            text = text.substring(0, text.length() - 1);
                        }
                        if (text.isBlank()) {
                            continue;
                        }
                        java.util.Arrays.fill(values, null);
                        String malformed = cut ? "the line is longer than " + maxRecordBytes + " bytes" : read(text, values);
                        record.set(values, at, text, malformed, SourceRecord.Disposition.DATA);
                        return true;
                    }
                    return false;
                }

                @Override
                public SourceRecord record() {
                    return record;
                }

                @Override
                public void close() throws IOException {
                    in.close();
                }
            };
        }

        /** Fills {@code values} from the line's JSON object; returns why it cannot, or null. */
        private String read(String text, String[] values) {
            JsonNode root;
            try {
                root = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                return "the line is not JSON: " + e.getOriginalMessage();
            }
            if (root == null || !root.isObject()) {
                return "the line is not a JSON object";
            }
            for (int i = 0; i < fields.size(); i++) {
                JsonNode node = root;
                for (String key : fields.get(i).split("\\.")) {
                    node = node == null ? null : node.get(key);
                }
                if (node == null || node.isNull()) {
                    continue;
                }
                values[i] = node.isValueNode() ? node.asText() : node.toString();
            }
            return null;
        }
    }
}
