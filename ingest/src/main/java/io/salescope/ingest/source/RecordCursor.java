package io.salescope.ingest.source;

import java.io.Closeable;
import java.io.IOException;

/** Iterates the records of one split. */
public interface RecordCursor extends Closeable {

    /** Advances to the next record; false when the split has no more. */
    boolean next() throws IOException;

    /** The current record, valid until the next call to {@link #next()}. */
    SourceRecord record();
}
