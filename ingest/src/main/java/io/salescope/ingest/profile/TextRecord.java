package io.salescope.ingest.profile;

import io.salescope.ingest.source.SourceRecord;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A {@link SourceRecord} built from text values (a mapped record, a JSON line, a database row,
 * a row written in a profile). Reused: {@link #set} replaces its content.
 */
public final class TextRecord implements SourceRecord {

    private byte[] bytes = new byte[256];
    private int[] starts = new int[0];
    private int[] ends = new int[0];
    private int count;
    private long line;
    private String malformed;
    private String raw;
    private Disposition disposition = Disposition.DATA;

    /** Replaces the record's content; null values are empty fields. */
    public TextRecord set(String[] values, long line, String rawText, String malformedReason, Disposition disposition) {
        this.line = line;
        this.raw = rawText;
        this.malformed = malformedReason;
        this.disposition = disposition;
        this.count = values.length;
        if (starts.length < count) {
            starts = new int[count];
            ends = new int[count];
        }
        int at = 0;
        for (int i = 0; i < count; i++) {
            starts[i] = at;
            if (values[i] != null) {
                byte[] b = values[i].getBytes(StandardCharsets.UTF_8);
                if (at + b.length > bytes.length) {
                    bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, at + b.length));
                }
                System.arraycopy(b, 0, bytes, at, b.length);
                at += b.length;
            }
            ends[i] = at;
        }
        return this;
    }

    @Override
    public long line() {
        return line;
    }

    @Override
    public String malformedReason() {
        return malformed;
    }

    @Override
    public int fieldCount() {
        return count;
    }

    @Override
    public byte[] bytes() {
        return bytes;
    }

    @Override
    public int start(int i) {
        return starts[i];
    }

    @Override
    public int end(int i) {
        return ends[i];
    }

    @Override
    public boolean escaped(int i) {
        return false;
    }

    @Override
    public String rawText() {
        return raw;
    }

    @Override
    public Disposition disposition() {
        return disposition;
    }

    /** The text of field {@code i}, or null when empty. */
    public String text(int i) {
        return starts[i] == ends[i] ? null : new String(bytes, starts[i], ends[i] - starts[i], StandardCharsets.UTF_8);
    }
}
