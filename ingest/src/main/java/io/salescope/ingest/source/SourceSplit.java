package io.salescope.ingest.source;

import java.io.Serializable;

/** A part of an export entity that one Spark task reads; sources define what it holds. */
public interface SourceSplit extends Serializable {

    int index();

    /** Records the source planned for this split; the reader fails the run when it reads another number. */
    long records();
}
