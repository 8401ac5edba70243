package io.salescope.bot.slack;

import io.salescope.bot.service.AskResponse;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ChartFactory;
import org.jfree.data.category.DefaultCategoryDataset;

import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.util.Locale;

/** Horizontal bar charts (PNG) for Slack: breakdown answers, the weekly report. */
public final class ChartRenderer {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private ChartRenderer() {
    }

    /** The PNG of {@code r}'s rows; rows without a value are left out. */
    public static byte[] png(AskResponse r, int width) {
        java.util.List<String> labels = new java.util.ArrayList<>();
        java.util.List<Double> values = new java.util.ArrayList<>();
        for (AskResponse.RowJson row : r.rows()) {
            labels.add(row.label() == null ? "(none)" : row.label());
            values.add(row.value());
        }
        String series = r.metricLabel() == null ? r.metric() : r.metricLabel();
        String title = series + (r.period() == null ? "" : " — " + r.period().name());
        return bars(title, series, labels, values, r.unit(), width);
    }

    /**
     * A horizontal bar chart (PNG) of labelled values in the given order; null values are
     * left out. {@code unit} is the API's unit (ratio as percent, anything else as a whole number).
     */
    public static byte[] bars(String title, String series, java.util.List<String> labels, java.util.List<Double> values,
                              String unit, int width) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        int n = 0;
        for (int i = 0; i < labels.size(); i++) {
            if (values.get(i) != null) {
                data.addValue(values.get(i), series, labels.get(i));
                n++;
            }
        }
        JFreeChart chart = ChartFactory.createBarChart(title, null, null, data, PlotOrientation.HORIZONTAL,
                false, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        BarRenderer bars = (BarRenderer) plot.getRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setSeriesPaint(0, new Color(0x2F6FDE));
        bars.setShadowVisible(false);
        bars.setMaximumBarWidth(0.12);
        NumberAxis axis = (NumberAxis) plot.getRangeAxis();
        axis.setNumberFormatOverride(format(unit));
        int height = Math.max(240, 80 + 36 * n);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, width, height);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static NumberFormat format(String unit) {
        if ("ratio".equals(unit)) {
            return NumberFormat.getPercentInstance(Locale.ROOT);
        }
        DecimalFormat f = new DecimalFormat("#,##0");
        return f;
    }
}
