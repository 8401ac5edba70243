package io.salescope.ingest.source;

import java.io.IOException;
import java.io.Serializable;

/** Opens a split where a Spark task runs; shipped to the executors with the read plan. */
public interface SplitOpener extends Serializable {

    RecordCursor open(SourceSplit split) throws IOException;
}
