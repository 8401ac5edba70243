package io.salescope.ingest.source;

import io.salescope.core.contract.TableContract;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One entity of an export, planned for reading: the table it loads, where it came from (a file
 * name, for reports and quarantine rows), its header as found, and its splits.
 *
 * @param records the records the source counted while planning
 * @param bytes the size of the source, for progress and Spark's statistics
 */
public record SourceEntity(TableContract table, String sourceName, List<String> header, long records, long bytes,
                           List<? extends SourceSplit> splits, SplitOpener opener) {

    public SourceEntity {
        requireNonNull(table, "table is null");
        requireNonNull(sourceName, "sourceName is null");
        header = List.copyOf(header);
        splits = List.copyOf(splits);
        requireNonNull(opener, "opener is null");
    }
}
