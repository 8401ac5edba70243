package io.salescope.ingest.generate;

import io.salescope.core.contract.Column;
import io.salescope.core.contract.TableContract;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One CSV file being written: UTF-8, LF line ends, RFC 4180 quoting exactly where a field
 * needs it (a comma, a quote or a line break). Hand-written rather than commons-csv's
 * printer because that printer quotes an empty first field ({@code ""}), which the export
 * spells as nothing, and because rows here are assembled in one reused buffer.
 */
final class CsvSink implements Closeable {

    private final Path path;
    private final int width;
    private final Writer out;
    private final StringBuilder row = new StringBuilder(512);
    private char[] chars = new char[1024];
    private int fields;
    private long rows;

    private CsvSink(Path path, List<String> header) {
        this.path = requireNonNull(path, "path is null");
        this.width = header.size();
        try {
            this.out = new OutputStreamWriter(new BufferedOutputStream(Files.newOutputStream(path), 1 << 17),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + path + ": " + e.getMessage(), e);
        }
        header.forEach(this::text);
        end();
        rows = 0;
    }

    /** A file with the contract's source columns as its header, in contract order. */
    static CsvSink open(Path dir, TableContract table) {
        return new CsvSink(dir.resolve(table.fileName()),
                table.baseColumns().stream().map(Column::name).toList());
    }

    static CsvSink open(Path file, List<String> header) {
        return new CsvSink(file, header);
    }

    Path path() {
        return path;
    }

    long rows() {
        return rows;
    }

    /** A text field, quoted when it holds a comma, a quote or a line break; null and "" are empty. */
    CsvSink text(String value) {
        separator();
        if (value != null && !value.isEmpty()) {
            if (needsQuotes(value)) {
                row.append('"');
                for (int i = 0; i < value.length(); i++) {
                    char c = value.charAt(i);
                    if (c == '"') {
                        row.append('"');
                    }
                    row.append(c);
                }
                row.append('"');
            } else {
                row.append(value);
            }
        }
        return this;
    }

    CsvSink empty() {
        separator();
        return this;
    }

    CsvSink number(long value) {
        separator();
        row.append(value);
        return this;
    }

    /** An amount held in cents: whole amounts without decimals, others with two. */
    CsvSink money(long cents) {
        separator();
        appendMoney(row, cents);
        return this;
    }

    /** A fixed-point number: {@code units} in millionths, written with six decimals. */
    CsvSink micros(long units) {
        separator();
        if (units < 0) {
            row.append('-');
            units = -units;
        }
        row.append(units / 1_000_000).append('.');
        String frac = Long.toString(units % 1_000_000);
        for (int i = frac.length(); i < 6; i++) {
            row.append('0');
        }
        row.append(frac);
        return this;
    }

    /**
     * The row buffer, positioned at a new field, for callers that append text known to need
     * no quoting (ids, dates, timestamps).
     */
    StringBuilder raw() {
        separator();
        return row;
    }

    CsvSink date(long epochDay) {
        Stamps.date(raw(), epochDay);
        return this;
    }

    void end() {
        if (fields != width) {
            throw new IllegalStateException(path.getFileName() + ": row has " + fields + " fields, header has " + width);
        }
        row.append('\n');
        int length = row.length();
        if (chars.length < length) {
            chars = new char[Math.max(length, chars.length * 2)];
        }
        row.getChars(0, length, chars, 0);
        try {
            out.write(chars, 0, length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
        row.setLength(0);
        fields = 0;
        rows++;
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + path + ": " + e.getMessage(), e);
        }
    }

    static void appendMoney(StringBuilder sb, long cents) {
        if (cents < 0) {
            sb.append('-');
            cents = -cents;
        }
        sb.append(cents / 100);
        long rest = cents % 100;
        if (rest != 0) {
            sb.append('.').append((char) ('0' + rest / 10)).append((char) ('0' + rest % 10));
        }
    }

    static boolean needsQuotes(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    private void separator() {
        if (fields > 0) {
            row.append(',');
        }
        fields++;
    }
}
