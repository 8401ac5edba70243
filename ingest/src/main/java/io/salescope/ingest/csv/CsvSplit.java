package io.salescope.ingest.csv;

import io.salescope.ingest.source.SourceSplit;

/**
 * A run of whole records of one CSV file: the records that start in {@code [start, end)}.
 *
 * @param index 0-based position among the file's splits
 * @param start byte offset where the split's first record starts
 * @param end byte offset just past the split's last record
 * @param firstLine the line on which the first record starts
 * @param records how many records the driver's scan found in the split; the reader checks it
 */
public record CsvSplit(String path, int index, long start, long end, long firstLine, long records)
        implements SourceSplit {

    public CsvSplit {
        if (start > end || firstLine < 1 || records < 0) {
            throw new IllegalArgumentException("invalid split " + index + " of " + path + ": [" + start + ", " + end
                    + "), line " + firstLine + ", " + records + " records");
        }
    }
}
