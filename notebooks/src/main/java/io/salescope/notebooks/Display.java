package io.salescope.notebooks;

import io.salescope.notebooks.kernel.JavaKernel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.jfree.chart.JFreeChart;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rich output for notebook cells. A cell's last expression is shown as what it is: return
 * {@code Display.table(...)}, {@code Display.html(...)} or {@code Display.png(...)} to get a
 * table, HTML or an image instead of {@code toString()}; {@link #show(Object)} shows
 * something in the middle of a cell. Outside a notebook (tests, jshell) {@code show} prints
 * the text form.
 */
public final class Display {

    /** Rows of a Spark DataFrame or a query result shown unless asked for more. */
    public static final int DEFAULT_ROWS = 20;
    /** Rows a result set is read to at most. */
    public static final int MAX_ROWS = 1000;

    private Display() {
    }

    /** Shows {@code value} now, below what the cell printed so far. */
    public static void show(Object value) {
        System.out.flush();
        System.err.flush();
        Optional<BaseKernel> kernel = JavaKernel.running();
        if (kernel.isEmpty()) {
            System.out.println(value);
            return;
        }
        kernel.get().display(kernel.get().getRenderer().render(value));
    }

    public static Table table(ResultSet rs) throws SQLException {
        return Table.of(rs, MAX_ROWS);
    }

    public static Table table(Dataset<Row> df) {
        return table(df, DEFAULT_ROWS);
    }

    /** The first {@code rows} rows of the DataFrame (runs a Spark job for them, and one to count). */
    public static Table table(Dataset<Row> df, int rows) {
        List<Row> taken = df.limit(rows + 1).collectAsList();
        List<List<Object>> values = new ArrayList<>();
        for (Row r : taken.subList(0, Math.min(rows, taken.size()))) {
            List<Object> v = new ArrayList<>();
            for (int i = 0; i < r.size(); i++) {
                v.add(r.get(i));
            }
            values.add(v);
        }
        long total = taken.size() > rows ? df.count() : taken.size();
        return new Table(Arrays.asList(df.columns()), values, total);
    }

    /** A two-column table of a map's entries. */
    public static Table table(Map<?, ?> map, String keyHeader, String valueHeader) {
        List<List<Object>> rows = new ArrayList<>();
        map.forEach((k, v) -> rows.add(Arrays.asList(k, v)));
        return Table.of(List.of(keyHeader, valueHeader), rows);
    }

    public static Html html(String html) {
        return new Html(html, html.replaceAll("<[^>]+>", ""), false);
    }

    public static Html markdown(String markdown) {
        return new Html(markdown, markdown, true);
    }

    public static Png png(byte[] bytes) {
        return Png.of(bytes);
    }

    /** The chart as a PNG of {@code width} × {@code height} pixels. */
    public static Png png(JFreeChart chart, int width, int height) {
        return Charts.png(chart, width, height);
    }
}
