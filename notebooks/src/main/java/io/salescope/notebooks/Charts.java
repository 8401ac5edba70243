package io.salescope.notebooks;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Charts for notebooks, drawn with JFreeChart and shown as PNG. The helpers cover what the
 * notebooks need (bars by category, grouped bars, lines); for anything else build a
 * {@link JFreeChart} and pass it to {@link #png(JFreeChart, int, int)}.
 */
public final class Charts {

    public static final int WIDTH = 720;
    public static final int HEIGHT = 360;
    private static final Color[] PALETTE = {new Color(0x2F6FDE), new Color(0xE07B39), new Color(0x3A9A5B),
            new Color(0x8E5CC4), new Color(0x999999)};

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /** Vertical bars, one per entry, in the map's order; {@code percent} formats the axis as %. */
    public static Png bar(String title, Map<String, ? extends Number> values, boolean percent) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        values.forEach((k, v) -> data.addValue(v, title, k));
        JFreeChart chart = ChartFactory.createBarChart(title, null, null, data, PlotOrientation.VERTICAL,
                false, false, false);
        styleBars(chart, percent);
        return png(chart, WIDTH, HEIGHT);
    }

    /** Grouped bars: for each series (outer map, e.g. model / baseline), a value per category. */
    public static Png groupedBar(String title, Map<String, ? extends Map<String, ? extends Number>> series, boolean percent) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        series.forEach((s, values) -> values.forEach((k, v) -> data.addValue(v, s, k)));
        JFreeChart chart = ChartFactory.createBarChart(title, null, null, data, PlotOrientation.VERTICAL,
                true, false, false);
        styleBars(chart, percent);
        return png(chart, WIDTH, HEIGHT);
    }

    /**
     * Lines through points: each series is a list of {x, y} pairs. {@code diagonal} adds the
     * y = x reference line (for calibration plots).
     */
    public static Png lines(String title, String xLabel, String yLabel, Map<String, List<double[]>> series,
                            boolean diagonal) {
        XYSeriesCollection data = new XYSeriesCollection();
        series.forEach((name, points) -> {
            XYSeries s = new XYSeries(name, false);
            points.forEach(p -> s.add(p[0], p[1]));
            data.addSeries(s);
        });
        if (diagonal) {
            XYSeries d = new XYSeries("perfect calibration", false);
            d.add(0.0, 0.0);
            d.add(1.0, 1.0);
            data.addSeries(d);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL,
                true, false, false);
        style(chart);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            boolean reference = diagonal && i == data.getSeriesCount() - 1;
            renderer.setSeriesPaint(i, reference ? new Color(0xAAAAAA) : PALETTE[i % PALETTE.length]);
            renderer.setSeriesShapesVisible(i, !reference);
            renderer.setSeriesStroke(i, reference
                    ? new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f)
                    : new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        return png(chart, WIDTH, HEIGHT);
    }

    public static Png png(JFreeChart chart, int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, width, height);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw the chart '" + chart.getTitle().getText() + "'", e);
        }
        return new Png(out.toByteArray(), "chart: " + (chart.getTitle() == null ? "" : chart.getTitle().getText()));
    }

    private static void styleBars(JFreeChart chart, boolean percent) {
        style(chart);
        CategoryPlot plot = chart.getCategoryPlot();
        BarRenderer bars = (BarRenderer) plot.getRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setMaximumBarWidth(0.12);
        for (int i = 0; i < PALETTE.length; i++) {
            bars.setSeriesPaint(i, PALETTE[i]);
        }
        NumberAxis axis = (NumberAxis) plot.getRangeAxis();
        axis.setNumberFormatOverride(percent ? NumberFormat.getPercentInstance(Locale.ROOT) : new DecimalFormat("#,##0.##"));
    }

    private static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        }
        chart.getPlot().setBackgroundPaint(Color.WHITE);
        if (chart.getPlot() instanceof CategoryPlot p) {
            p.setRangeGridlinePaint(new Color(0xDDDDDD));
        } else if (chart.getPlot() instanceof XYPlot p) {
            p.setRangeGridlinePaint(new Color(0xDDDDDD));
        }
    }
}
