package io.salescope.forecasting.report;

import io.salescope.forecasting.backtest.BacktestResult;
import io.salescope.forecasting.model.Metrics;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;

/** The report's charts, drawn headless with JFreeChart. */
final class Charts {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    static byte[] calibration(List<Metrics.CalibrationBin> bins) {
        XYSeries model = new XYSeries("model");
        for (Metrics.CalibrationBin b : bins) {
            model.add(b.meanPredicted(), b.observedRate());
        }
        XYSeries ideal = new XYSeries("perfectly calibrated");
        ideal.add(0, 0);
        ideal.add(1, 1);
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(model);
        data.addSeries(ideal);
        JFreeChart chart = ChartFactory.createXYLineChart("Calibration (backtest, pooled)", "mean predicted win probability",
                "observed win rate", data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.getDomainAxis().setRange(0, 1);
        plot.getRangeAxis().setRange(0, 1);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        r.setSeriesPaint(0, new Color(0x1f77b4));
        r.setSeriesPaint(1, Color.GRAY);
        r.setSeriesShapesVisible(1, false);
        r.setSeriesStroke(1, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f));
        plot.setRenderer(r);
        return ForecastReportWriter.png(chart, 640, 560);
    }

    static byte[] bookings(String title, List<BacktestResult.OriginResult> origins, String currency) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (BacktestResult.OriginResult o : origins) {
            data.addValue(o.actual(), "actual", o.periodLabel());
            data.addValue(o.forecast(), "forecast", o.periodLabel());
            data.addValue(o.low(), "80% interval low", o.periodLabel());
            data.addValue(o.high(), "80% interval high", o.periodLabel());
            data.addValue(o.baselines().get("stage_weighted"), "stage-weighted pipeline", o.periodLabel());
            data.addValue(o.baselines().get("seasonal_naive"), "seasonal naive", o.periodLabel());
        }
        JFreeChart chart = ChartFactory.createLineChart(title, "period", "bookings (" + currency + ")", data,
                PlotOrientation.VERTICAL, true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        LineAndShapeRenderer r = new LineAndShapeRenderer(true, true);
        Color blue = new Color(0x1f77b4);
        BasicStroke dashed = new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f);
        r.setSeriesPaint(0, Color.BLACK);
        r.setSeriesStroke(0, new BasicStroke(2.5f));
        r.setSeriesPaint(1, blue);
        r.setSeriesStroke(1, new BasicStroke(2f));
        r.setSeriesPaint(2, blue);
        r.setSeriesStroke(2, dashed);
        r.setSeriesShapesVisible(2, false);
        r.setSeriesPaint(3, blue);
        r.setSeriesStroke(3, dashed);
        r.setSeriesShapesVisible(3, false);
        r.setSeriesPaint(4, new Color(0xff7f0e));
        r.setSeriesPaint(5, new Color(0x2ca02c));
        plot.setRenderer(r);
        return ForecastReportWriter.png(chart, 900, 480);
    }
}
