package io.salescope.ingest.profile;

import io.salescope.ingest.source.RecordCursor;
import io.salescope.ingest.source.SourceRecord;
import io.salescope.ingest.source.SourceSplit;
import io.salescope.ingest.source.SplitOpener;

import java.io.IOException;

import static java.util.Objects.requireNonNull;

/** Opens a split of a foreign file with the file's own opener and maps each record as it is read. */
final class MappedSplitOpener implements SplitOpener {

    private final SplitOpener inner;
    private final RecordMapping mapping;

    MappedSplitOpener(SplitOpener inner, RecordMapping mapping) {
        this.inner = requireNonNull(inner, "inner is null");
        this.mapping = requireNonNull(mapping, "mapping is null");
    }

    @Override
    public RecordCursor open(SourceSplit split) throws IOException {
        RecordCursor cursor = inner.open(split);
        return new RecordCursor() {
            private SourceRecord current;

            @Override
            public boolean next() throws IOException {
                if (!cursor.next()) {
                    return false;
                }
                current = mapping.map(cursor.record());
                return true;
            }

            @Override
            public SourceRecord record() {
                return current;
            }

            @Override
            public void close() throws IOException {
                cursor.close();
            }
        };
    }
}
