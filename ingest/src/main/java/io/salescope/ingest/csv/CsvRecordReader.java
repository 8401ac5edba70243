package io.salescope.ingest.csv;

import io.salescope.ingest.source.SourceRecord;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * Reads RFC 4180 records from UTF-8 bytes and knows where each one starts: its byte offset
 * and its line. The same state machine finds split points on the driver ({@link CsvSplitter})
 * and reads the splits in Spark tasks, so both always agree on where records begin.
 *
 * <p>Rules beyond RFC 4180, all decided by the bytes alone so that a reader started at any
 * record boundary reads exactly what a reader from the file start would:
 * <ul>
 *   <li>LF or CRLF end a record; an empty line is skipped (it is no record).</li>
 *   <li>Spaces or tabs may stand before an opening quote and between a closing quote and the
 *       next delimiter; a quote inside an unquoted field is an ordinary character.</li>
 *   <li>Text after a closing quote makes the record malformed; it runs on to the next
 *       unquoted comma or line end.</li>
 *   <li>A record never grows beyond {@code maxRecordBytes}, and a quote left open at the end
 *       of the input ends no later than the input: a record that would, and spans several
 *       lines, is cut at the end of its first line (so an unterminated quote costs one line,
 *       not the rest of the file); a single line that long keeps its first
 *       {@code maxRecordBytes} bytes as raw text and the rest of the line is skipped.</li>
 * </ul>
 * Not thread-safe; the record accessors are valid until the next call to {@link #next()}.
 */
public final class CsvRecordReader implements SourceRecord, Closeable {

    public static final int DEFAULT_MAX_RECORD_BYTES = 8 << 20;

    private static final byte QUOTE = '"';
    private static final byte COMMA = ',';
    private static final byte LF = '\n';
    private static final byte CR = '\r';

    private static final int MORE = 1;
    private static final int EOF = 0;
    private static final int OVERFLOW = -1;

    // Outcomes of reading a record; distinct from the buffer states above.
    private static final int NONE = 10;
    private static final int RECORD = 11;
    private static final int BLANK = 12;

    private final InputStream in;
    private final int maxRecordBytes;
    private byte[] buf;
    private int pos;
    private int limit;
    private long bufOffset;
    private long line;
    private boolean eof;

    private int recStart;
    private long recOffset;
    private long recLine;
    private int recEnd;
    private long nextOffset;
    private int firstNewline;
    private String malformed;
    private byte[] truncated;
    private int fieldCount;
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private boolean[] escapes = new boolean[16];

    /**
     * @param in the bytes from {@code startOffset} on, which must be the start of a record
     * @param startOffset byte offset of the first byte of {@code in} in its file
     * @param startLine the line number at {@code startOffset}
     */
    public CsvRecordReader(InputStream in, long startOffset, long startLine, int maxRecordBytes) {
        this(in, startOffset, startLine, maxRecordBytes, 1 << 20);
    }

    CsvRecordReader(InputStream in, long startOffset, long startLine, int maxRecordBytes, int bufferSize) {
        this.in = requireNonNull(in, "in is null");
        if (maxRecordBytes < 16) {
            throw new IllegalArgumentException("maxRecordBytes must be at least 16, got " + maxRecordBytes);
        }
        this.maxRecordBytes = maxRecordBytes;
        this.buf = new byte[Math.max(16, Math.min(bufferSize, maxRecordBytes))];
        this.bufOffset = startOffset;
        this.line = startLine;
        this.nextOffset = startOffset;
    }

    /** Advances to the next record; false at the end of the input. */
    public boolean next() throws IOException {
        while (true) {
            int outcome = readRecord();
            if (outcome == NONE) {
                return false;
            }
            if (outcome == RECORD) {
                return true;
            }
        }
    }

    /** Byte offset of the current record's first byte. */
    public long recordOffset() {
        return recOffset;
    }

    /** Byte offset just past the current record's line terminator: where the next one may start. */
    public long nextOffset() {
        return nextOffset;
    }

    @Override
    public long line() {
        return recLine;
    }

    @Override
    public String malformedReason() {
        return malformed;
    }

    @Override
    public int fieldCount() {
        return fieldCount;
    }

    @Override
    public byte[] bytes() {
        return buf;
    }

    @Override
    public int start(int i) {
        return recStart + starts[i];
    }

    @Override
    public int end(int i) {
        return recStart + ends[i];
    }

    @Override
    public boolean escaped(int i) {
        return escapes[i];
    }

    @Override
    public String rawText() {
        if (truncated != null) {
            return new String(truncated, StandardCharsets.UTF_8);
        }
        return new String(buf, recStart, recEnd, StandardCharsets.UTF_8);
    }

    /** Field {@code i} decoded, quotes unescaped, not trimmed. */
    public String field(int i) {
        String s = new String(buf, start(i), end(i) - start(i), StandardCharsets.UTF_8);
        return escapes[i] ? s.replace("\"\"", "\"") : s;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private int readRecord() throws IOException {
        recStart = pos;
        recOffset = bufOffset + pos;
        recLine = line;
        fieldCount = 0;
        malformed = null;
        truncated = null;
        firstNewline = -1;
        if (pos == limit && more() == EOF) {
            return NONE;
        }
        while (true) {
            int fieldStart = pos - recStart;
            int status = skip(false);
            if (status != MORE) {
                addField(fieldStart, pos - recStart, false);
                return status == EOF ? endAtEof() : overflow();
            }
            int outcome;
            if (buf[pos] == QUOTE) {
                outcome = quotedField();
            } else {
                outcome = unquotedField(fieldStart, true);
            }
            if (outcome != MORE) {
                return outcome;
            }
        }
    }

    /**
     * Moves over spaces and tabs (and carriage returns when {@code afterQuote}); MORE when
     * {@code buf[pos]} is the first other byte.
     */
    private int skip(boolean afterQuote) throws IOException {
        while (true) {
            int end = scanEnd();
            while (pos < end) {
                byte b = buf[pos];
                if (b != ' ' && b != '\t' && !(afterQuote && b == CR)) {
                    return MORE;
                }
                pos++;
            }
            int m = more();
            if (m != MORE) {
                return m;
            }
        }
    }

    /** Scans an unquoted field (or the junk after a closing quote); MORE when another field follows. */
    private int unquotedField(int fieldStart, boolean add) throws IOException {
        while (true) {
            int end = scanEnd();
            while (pos < end) {
                byte b = buf[pos];
                if (b == COMMA || b == LF) {
                    break;
                }
                pos++;
            }
            if (pos < end) {
                break;
            }
            int m = more();
            if (m == EOF) {
                if (add) {
                    addField(fieldStart, stripCr(fieldStart, pos - recStart), false);
                }
                return endAtEof();
            }
            if (m == OVERFLOW) {
                if (add) {
                    addField(fieldStart, pos - recStart, false);
                }
                return overflow();
            }
        }
        int fieldEnd = pos - recStart;
        if (buf[pos] == COMMA) {
            if (add) {
                addField(fieldStart, fieldEnd, false);
            }
            pos++;
            return MORE;
        }
        fieldEnd = stripCr(fieldStart, fieldEnd);
        if (add) {
            addField(fieldStart, fieldEnd, false);
        }
        return endAtNewline();
    }

    private int quotedField() throws IOException {
        pos++;
        int contentStart = pos - recStart;
        boolean escaped = false;
        while (true) {
            int end = scanEnd();
            while (pos < end) {
                byte b = buf[pos];
                if (b == QUOTE) {
                    break;
                }
                if (b == LF) {
                    line++;
                    if (firstNewline < 0) {
                        firstNewline = pos - recStart;
                    }
                }
                pos++;
            }
            if (pos < end) {
                int contentEnd = pos - recStart;
                pos++;
                int m = pos < scanEnd() ? MORE : more();
                if (m == MORE && buf[pos] == QUOTE) {
                    escaped = true;
                    pos++;
                    continue;
                }
                if (m == OVERFLOW) {
                    addField(contentStart, contentEnd, escaped);
                    return overflow();
                }
                addField(contentStart, contentEnd, escaped);
                if (m == EOF) {
                    return endAtEof();
                }
                return afterClosingQuote();
            }
            int m = more();
            if (m == EOF) {
                addField(contentStart, pos - recStart, escaped);
                return unterminatedAtEof();
            }
            if (m == OVERFLOW) {
                addField(contentStart, pos - recStart, escaped);
                return overflow();
            }
        }
    }

    private int afterClosingQuote() throws IOException {
        int status = skip(true);
        if (status == EOF) {
            return endAtEof();
        }
        if (status == OVERFLOW) {
            return overflow();
        }
        byte b = buf[pos];
        if (b == COMMA) {
            pos++;
            return MORE;
        }
        if (b == LF) {
            return endAtNewline();
        }
        if (malformed == null) {
            malformed = "field " + fieldCount + " has text after its closing quote"
                    + " (a quote inside a quoted field must be doubled: \"\")";
        }
        return unquotedField(pos - recStart, false);
    }

    private int stripCr(int fieldStart, int fieldEnd) {
        return fieldEnd > fieldStart && buf[recStart + fieldEnd - 1] == CR ? fieldEnd - 1 : fieldEnd;
    }

    /** At the LF that ends the record. */
    private int endAtNewline() {
        int end = pos - recStart;
        if (end > 0 && buf[pos - 1] == CR) {
            end--;
        }
        recEnd = end;
        pos++;
        line++;
        nextOffset = bufOffset + pos;
        return recEnd == 0 && fieldCount == 1 ? BLANK : RECORD;
    }

    private int endAtEof() {
        int end = pos - recStart;
        if (end > 0 && buf[pos - 1] == CR && malformed == null) {
            end--;
        }
        recEnd = end;
        nextOffset = bufOffset + pos;
        return recEnd == 0 && fieldCount <= 1 ? BLANK : RECORD;
    }

    private int unterminatedAtEof() {
        if (firstNewline >= 0) {
            return cutAtFirstLine("field " + fieldCount + " opens a quote that is never closed;"
                    + " the record is cut at the end of its first line and reading goes on with the next line");
        }
        malformed = "field " + fieldCount + " opens a quote that is never closed";
        recEnd = pos - recStart;
        nextOffset = bufOffset + pos;
        return RECORD;
    }

    private int overflow() throws IOException {
        if (firstNewline >= 0) {
            return cutAtFirstLine("the record runs on for more than " + maxRecordBytes
                    + " bytes (a quote that is never closed?); it is cut at the end of its first line"
                    + " and reading goes on with the next line");
        }
        truncated = Arrays.copyOfRange(buf, recStart, recStart + maxRecordBytes);
        malformed = "the line is longer than " + maxRecordBytes + " bytes; the raw record keeps its first "
                + maxRecordBytes + " bytes";
        fieldCount = 0;
        while (true) {
            while (pos < limit && buf[pos] != LF) {
                pos++;
            }
            if (pos < limit) {
                pos++;
                line++;
                break;
            }
            recStart = pos;
            if (more() == EOF) {
                break;
            }
        }
        recStart = pos;
        recEnd = 0;
        nextOffset = bufOffset + pos;
        return RECORD;
    }

    private int cutAtFirstLine(String reason) {
        malformed = reason;
        int end = firstNewline;
        if (end > 0 && buf[recStart + end - 1] == CR) {
            end--;
        }
        recEnd = end;
        pos = recStart + firstNewline + 1;
        line = recLine + 1;
        nextOffset = bufOffset + pos;
        return RECORD;
    }

    private void addField(int start, int end, boolean escaped) {
        if (fieldCount == starts.length) {
            int n = fieldCount * 2;
            starts = Arrays.copyOf(starts, n);
            ends = Arrays.copyOf(ends, n);
            escapes = Arrays.copyOf(escapes, n);
        }
        starts[fieldCount] = start;
        ends[fieldCount] = end;
        escapes[fieldCount] = escaped;
        fieldCount++;
    }

    /** End (exclusive) of the bytes the current record may use now. */
    private int scanEnd() {
        long cap = (long) recStart + maxRecordBytes;
        return cap < limit ? (int) cap : limit;
    }

    /** Called at {@code pos == scanEnd()}: reads more input, or reports the end or an overlong record. */
    private int more() throws IOException {
        if (pos - recStart >= maxRecordBytes) {
            return OVERFLOW;
        }
        if (eof) {
            return EOF;
        }
        if (recStart > 0) {
            int keep = limit - recStart;
            System.arraycopy(buf, recStart, buf, 0, keep);
            bufOffset += recStart;
            pos -= recStart;
            limit = keep;
            recStart = 0;
        }
        if (limit == buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.min(2L * buf.length, maxRecordBytes));
        }
        while (true) {
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                eof = true;
                return EOF;
            }
            if (n > 0) {
                limit += n;
                return MORE;
            }
        }
    }
}
