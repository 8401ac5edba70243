package io.salescope.ingest.profile;

/** The fields of one foreign record, by position in its header: trimmed text, or null when empty. */
public interface Fields {

    String get(int index);
}
