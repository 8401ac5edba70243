package io.salescope.ingest.csv;

import io.salescope.core.SalescopeException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Scans a CSV file once on the driver: reads its header, counts its records and cuts it into
 * splits of about {@code splitBytes} at record boundaries, noting the line at each cut, so that
 * Spark tasks can read the splits in parallel and still report exact lines.
 */
public final class CsvSplitter {

    /** UTF-8 byte-order mark. */
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private CsvSplitter() {
    }

    /**
     * The outcome of a scan.
     *
     * @param header the header's fields as written (not trimmed)
     * @param records data records (a quoted multi-line record counts once)
     * @param dataEnd offset just past the last record
     */
    public record Plan(String path, List<String> header, boolean bom, long records, long dataEnd, List<CsvSplit> splits) {
        public Plan {
            header = List.copyOf(header);
            splits = List.copyOf(splits);
        }
    }

    /**
     * Scans {@code in}, the whole file from offset 0.
     *
     * @param onRecords told every so often how many records were scanned since the last call
     */
    public static Plan plan(String path, InputStream in, long splitBytes, int maxRecordBytes, LongConsumer onRecords)
            throws IOException {
        if (splitBytes < 1) {
            throw new IllegalArgumentException("splitBytes must be positive");
        }
        BufferedInputStream buffered = new BufferedInputStream(in, 8);
        buffered.mark(BOM.length);
        byte[] head = buffered.readNBytes(BOM.length);
        boolean bom = head.length == BOM.length && head[0] == BOM[0] && head[1] == BOM[1] && head[2] == BOM[2];
        if (!bom) {
            buffered.reset();
        }
        long dataStart = bom ? BOM.length : 0;
        CsvRecordReader reader = new CsvRecordReader(buffered, dataStart, 1, maxRecordBytes);
        if (!reader.next()) {
            throw new SalescopeException(path + " is empty: a CSV export file needs a header row naming its columns"
                    + " (see crm-export-v1.md)");
        }
        if (reader.malformedReason() != null) {
            throw new SalescopeException(path + ": the header row (line 1) cannot be read: " + reader.malformedReason()
                    + "; fix the header row");
        }
        List<String> header = new ArrayList<>(reader.fieldCount());
        for (int i = 0; i < reader.fieldCount(); i++) {
            header.add(reader.field(i));
        }
        List<CsvSplit> splits = new ArrayList<>();
        long records = 0;
        long splitStart = -1;
        long splitLine = 0;
        long splitRecords = 0;
        long pending = 0;
        long end = reader.nextOffset();
        while (reader.next()) {
            long offset = reader.recordOffset();
            if (splitStart < 0 || offset - splitStart >= splitBytes) {
                if (splitStart >= 0) {
                    splits.add(new CsvSplit(path, splits.size(), splitStart, offset, splitLine, splitRecords));
                }
                splitStart = offset;
                splitLine = reader.line();
                splitRecords = 0;
            }
            splitRecords++;
            records++;
            end = reader.nextOffset();
            if (++pending == 65_536) {
                onRecords.accept(pending);
                pending = 0;
            }
        }
        onRecords.accept(pending);
        if (splitStart >= 0) {
            splits.add(new CsvSplit(path, splits.size(), splitStart, end, splitLine, splitRecords));
        }
        return new Plan(path, header, bom, records, end, splits);
    }
}
