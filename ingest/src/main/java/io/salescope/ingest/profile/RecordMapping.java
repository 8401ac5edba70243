package io.salescope.ingest.profile;

import io.salescope.ingest.source.SourceRecord;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One bound mapping of a profile: turns each record of a foreign source into a crm-export-v1
 * record of {@link #header()} columns, keeping the foreign record's line and raw text so that
 * quarantine rows point into the file the user has. Records the mapping's {@code where}
 * rejects become {@link SourceRecord.Disposition#FILTERED}, those its {@code deleted_if}
 * matches {@link SourceRecord.Disposition#DELETED}. Not thread-safe: one per reader.
 */
public final class RecordMapping implements Serializable {

    private final List<String> header;
    private final ValueExpr[] exprs;
    private final Condition where;
    private final Condition deletedIf;
    private final int foreignWidth;
    private transient TextRecord out;
    private transient ForeignFields fields;
    private transient String[] values;

    /**
     * @param foreignWidth the foreign header's size, to catch records with another field count
     *     (-1: the source always yields that many)
     */
    RecordMapping(List<String> header, List<ValueExpr> exprs, Condition where, Condition deletedIf, int foreignWidth) {
        this.header = List.copyOf(header);
        this.exprs = exprs.toArray(ValueExpr[]::new);
        this.where = where;
        this.deletedIf = deletedIf;
        this.foreignWidth = foreignWidth;
        requireNonNull(header, "header is null");
    }

    /** The crm-export-v1 columns the mapped records hold, in order. */
    public List<String> header() {
        return header;
    }

    /** Maps a foreign record; the result is valid until the next call. */
    public SourceRecord map(SourceRecord in) {
        if (out == null) {
            out = new TextRecord();
            fields = new ForeignFields();
            values = new String[exprs.length];
        }
        java.util.Arrays.fill(values, null);
        String malformed = in.malformedReason();
        if (malformed == null && foreignWidth >= 0 && in.fieldCount() != foreignWidth) {
            malformed = "the record has " + in.fieldCount() + " field" + (in.fieldCount() == 1 ? "" : "s")
                    + " but the header has " + foreignWidth + " (a missing or extra comma, or a quote that is not closed?)";
        }
        if (malformed != null) {
            return out.set(values, in.line(), in.rawText(), malformed, SourceRecord.Disposition.DATA);
        }
        fields.reset(in);
        SourceRecord.Disposition disposition = SourceRecord.Disposition.DATA;
        if (where != null && !where.test(fields)) {
            disposition = SourceRecord.Disposition.FILTERED;
        } else {
            if (deletedIf != null && deletedIf.test(fields)) {
                disposition = SourceRecord.Disposition.DELETED;
            }
            for (int i = 0; i < exprs.length; i++) {
                values[i] = exprs[i].eval(fields);
            }
        }
        return out.set(values, in.line(), disposition == SourceRecord.Disposition.FILTERED ? "" : in.rawText(), null,
                disposition);
    }

    /** The foreign record's fields as trimmed text, decoded once per record. */
    private static final class ForeignFields implements Fields {
        private SourceRecord record;
        private String[] cache = new String[16];
        private boolean[] done = new boolean[16];

        void reset(SourceRecord r) {
            record = r;
            if (cache.length < r.fieldCount()) {
                cache = new String[r.fieldCount()];
                done = new boolean[r.fieldCount()];
            } else {
                java.util.Arrays.fill(done, false);
            }
        }

        @Override
        public String get(int i) {
            if (i >= record.fieldCount()) {
                return null;
            }
            if (!done[i]) {
                String text = new String(record.bytes(), record.start(i), record.end(i) - record.start(i),
                        StandardCharsets.UTF_8);
                if (record.escaped(i)) {
                    text = text.replace("\"\"", "\"");
                }
                text = text.strip();
                cache[i] = text.isEmpty() ? null : text;
                done[i] = true;
            }
            return cache[i];
        }
    }
}
