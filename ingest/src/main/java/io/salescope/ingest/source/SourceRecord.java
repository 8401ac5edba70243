package io.salescope.ingest.source;

/**
 * One record of an export entity as its source read it, before typing: the fields as UTF-8
 * bytes, where the record starts and its raw text. A view valid until the source moves to the
 * next record; {@link io.salescope.ingest.parse.RowParser} turns it into a typed row or a
 * quarantine entry.
 */
public interface SourceRecord {

    /** What a record means to ingest. */
    enum Disposition {
        /** A row of the entity. */
        DATA,
        /** Read but left out by the source (a mapping profile's {@code where}); counted as filtered. */
        FILTERED,
        /** A deletion: the row with this record's key leaves the warehouse (a soft-deleted database row). */
        DELETED
    }

    /** How ingest treats the record; plain export files hold data only. */
    default Disposition disposition() {
        return Disposition.DATA;
    }

    /** The 1-based line where the record starts (the header is line 1). */
    long line();

    /** Why the record could not be split into fields, or null when it could. */
    String malformedReason();

    int fieldCount();

    /** The buffer holding the fields' bytes. */
    byte[] bytes();

    /** Start index of field {@code i} in {@link #bytes()}, quotes excluded. */
    int start(int i);

    /** End index (exclusive) of field {@code i} in {@link #bytes()}, quotes excluded. */
    int end(int i);

    /** True when the field holds doubled quotes ({@code ""}) that stand for one quote each. */
    boolean escaped(int i);

    /** The record as it stood in the source, without its line terminator. */
    String rawText();
}
