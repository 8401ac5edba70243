package io.salescope.notebooks;

import org.dflib.jjava.jupyter.kernel.display.DisplayDataRenderable;
import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A small table for the notebook: shown as an HTML table, or as aligned text where HTML is not
 * available (and by {@link #toString()}). Holds at most the rows it shows; {@code totalRows}
 * says how many there were.
 *
 * @param totalRows rows in the source, or -1 when unknown (more than shown)
 */
public record Table(List<String> columns, List<List<Object>> rows, long totalRows) implements DisplayDataRenderable {

    public Table {
        requireNonNull(columns, "columns is null");
        requireNonNull(rows, "rows is null");
        columns = List.copyOf(columns);
        List<List<Object>> copy = new ArrayList<>();
        for (List<Object> r : rows) {
            copy.add(Collections.unmodifiableList(new ArrayList<>(r)));
        }
        rows = List.copyOf(copy);
    }

    public static Table of(List<String> columns, List<List<Object>> rows) {
        return new Table(columns, rows, rows.size());
    }

    /** Reads up to {@code maxRows} rows of the result set (and closes it). */
    public static Table of(ResultSet rs, int maxRows) throws SQLException {
        try (rs) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnLabel(i));
            }
            List<List<Object>> rows = new ArrayList<>();
            long total = 0;
            while (rs.next()) {
                total++;
                if (rows.size() < maxRows) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= columns.size(); i++) {
                        row.add(rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return new Table(columns, rows, total);
        }
    }

    public int size() {
        return rows.size();
    }

    /** The value in row {@code row} (0-based) of the named column. */
    public Object get(int row, String column) {
        int i = columns.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException("no column '" + column + "' in " + columns);
        }
        return rows.get(row).get(i);
    }

    /** One column's values, in row order. */
    public List<Object> column(String column) {
        int i = columns.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException("no column '" + column + "' in " + columns);
        }
        return rows.stream().map(r -> r.get(i)).toList();
    }

    @Override
    public Set<MIMEType> getSupportedRenderTypes() {
        return Set.of(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN);
    }

    @Override
    public void render(RenderContext context) {
        context.renderIfRequested(MIMEType.TEXT_PLAIN, this::toString);
        context.renderIfRequested(MIMEType.TEXT_HTML, this::html);
    }

    /** The table as HTML, values escaped. */
    public String html() {
        StringBuilder sb = new StringBuilder("<table>\n<thead><tr>");
        for (String c : columns) {
            sb.append("<th>").append(escape(c)).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (List<Object> row : rows) {
            sb.append("<tr>");
            for (Object v : row) {
                boolean number = v instanceof Number;
                sb.append(number ? "<td style=\"text-align:right\">" : "<td style=\"text-align:left\">")
                        .append(escape(format(v))).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
        if (footer() != null) {
            sb.append("<p><small>").append(escape(footer())).append("</small></p>\n");
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        int[] width = new int[columns.size()];
        List<List<String>> cells = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            width[i] = columns.get(i).length();
        }
        for (List<Object> row : rows) {
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                String t = format(row.get(i));
                texts.add(t);
                width[i] = Math.max(width[i], t.length());
            }
            cells.add(texts);
        }
        StringBuilder sb = new StringBuilder();
        line(sb, columns, width, null);
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            rule.append(i == 0 ? "" : "  ").append("-".repeat(width[i]));
        }
        sb.append(rule).append('\n');
        for (int r = 0; r < cells.size(); r++) {
            line(sb, cells.get(r), width, rows.get(r));
        }
        if (footer() != null) {
            sb.append(footer()).append('\n');
        }
        return sb.toString();
    }

    private String footer() {
        if (totalRows > rows.size()) {
            return String.format(Locale.ROOT, "%,d of %,d rows shown", rows.size(), totalRows);
        }
        if (totalRows < 0) {
            return String.format(Locale.ROOT, "first %,d rows shown", rows.size());
        }
        return null;
    }

    private static void line(StringBuilder sb, List<String> texts, int[] width, List<Object> values) {
        for (int i = 0; i < texts.size(); i++) {
            String t = texts.get(i);
            boolean right = values != null && values.get(i) instanceof Number;
            String pad = " ".repeat(width[i] - t.length());
            sb.append(i == 0 ? "" : "  ").append(right ? pad + t : t + (i == texts.size() - 1 ? "" : pad));
        }
        sb.append('\n');
    }

    /** How a value reads in a table: numbers rounded for reading, nulls as "null". */
    static String format(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return String.valueOf(d);
            }
            if (Math.abs(d) >= 1000) {
                return String.format(Locale.ROOT, "%,.2f", d);
            }
            String s = BigDecimal.valueOf(d).setScale(4, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
            return s.equals("-0") ? "0" : s;
        }
        return String.valueOf(v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
