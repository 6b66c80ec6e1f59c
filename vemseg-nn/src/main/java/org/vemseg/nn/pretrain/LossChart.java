package org.vemseg.nn.pretrain;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.AtomicOutput;

/** PNG of a pre-training loss curve: the per-iteration loss and its moving average. */
public final class LossChart {

    private LossChart() {
    }

    /** @param window iterations in the moving average */
    public static void write(double[] iterations, double[] loss, int window, String title, Path png) {
        XYSeries raw = new XYSeries("loss");
        XYSeries avg = new XYSeries("moving average (" + window + " it)");
        double sum = 0;
        for (int i = 0; i < loss.length; i++) {
            raw.add(iterations[i], loss[i]);
            sum += loss[i];
            if (i >= window) {
                sum -= loss[i - window];
            }
            if (i >= window - 1) {
                avg.add(iterations[i], sum / window);
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(raw);
        data.addSeries(avg);
        JFreeChart chart = ChartFactory.createXYLineChart(title, "iteration", "InfoNCE loss", data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setSeriesPaint(0, new Color(0x9ecae1));
        r.setSeriesPaint(1, new Color(0xd62728));
        r.setSeriesStroke(1, new BasicStroke(2f));
        plot.setRenderer(r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        chart.setBackgroundPaint(Color.WHITE);
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        try (AtomicOutput out = AtomicOutput.begin(png, true, false)) {
            try {
                ChartUtils.saveChartAsPNG(out.temp().toFile(), chart, 900, 540);
            } catch (IOException e) {
                throw VemsegException.IO.of(png, "write chart", e);
            }
            out.commit();
        }
    }
}
