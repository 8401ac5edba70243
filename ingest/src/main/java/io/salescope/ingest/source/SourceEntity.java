package io.salescope.ingest.source;

import io.salescope.core.contract.TableContract;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One entity of an export, planned for reading: the table it loads, where it came from (a file
 * name, for reports and quarantine rows), its header as found, and its splits. A table may be
 * loaded from several entities (a mapping profile that fills activities from two files).
 *
 * @param header the field names the records hold; for a mapped source, the contract columns
 *     its mapping fills
 * @param records the records the source counted while planning, or -1 when only reading tells
 *     (a database table)
 * @param bytes the size of the source, for progress and Spark's statistics
 * @param loader reads and types the records itself instead of the splits and opener (a Spark
 *     JDBC read); null for split-based sources
 * @param notes warnings found while planning (an optional column the source lacks), reported
 *     as warnings of the file
 */
public record SourceEntity(TableContract table, String sourceName, List<String> header, long records, long bytes,
                           List<? extends SourceSplit> splits, SplitOpener opener, TypedLoader loader,
                           List<PlanNote> notes) {

    /** A warning found while planning, reported against the entity's source. */
    public record PlanNote(String kind, String column, String rawValue, String message) {
        public PlanNote {
            requireNonNull(kind, "kind is null");
            requireNonNull(message, "message is null");
        }
    }

    public SourceEntity {
        requireNonNull(table, "table is null");
        requireNonNull(sourceName, "sourceName is null");
        header = List.copyOf(header);
        splits = List.copyOf(splits);
        if (opener == null && loader == null) {
            throw new IllegalArgumentException(sourceName + ": a source entity needs splits and an opener, or a loader");
        }
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    public SourceEntity(TableContract table, String sourceName, List<String> header, long records, long bytes,
                        List<? extends SourceSplit> splits, SplitOpener opener) {
        this(table, sourceName, header, records, bytes, splits, opener, null, List.of());
    }

    public boolean recordsKnown() {
        return records >= 0;
    }
}
