package org.vemseg.core.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.AtomicOutput;
import org.vemseg.core.metrics.ConfusionCounts;
import org.vemseg.core.metrics.ThresholdCurve;
import org.vemseg.core.objects.ObjectMeasurement;
import org.vemseg.core.objects.ObjectTable;

/**
 * PNG charts of an analysis, drawn with JFreeChart in headless mode: density profiles along the axes and a
 * histogram of object sizes. Files are written to a temporary name and renamed when complete.
 */
public final class Charts {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 540;
    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c)};

    private Charts() {
    }

    /** One line per axis: density against position. */
    public static void densityProfiles(List<DensityProfile> profiles, String title, Path png, boolean overwrite) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (DensityProfile p : profiles) {
            XYSeries s = new XYSeries("along " + p.axisName());
            for (int i = 0; i < p.position().length; i++) {
                s.add(p.position()[i], p.density()[i]);
            }
            data.addSeries(s);
        }
        boolean physical = profiles.isEmpty() || profiles.get(0).physical();
        String unit = physical ? "µm" : "voxels";
        String window = profiles.isEmpty() ? "" : String.format(java.util.Locale.ROOT, " (sliding window %.3g %s)",
                profiles.get(0).window(), unit);
        JFreeChart chart = ChartFactory.createXYLineChart(title + window, "position (" + unit + ")",
                "density (" + (profiles.isEmpty() ? "" : profiles.get(0).densityUnit()) + ")", data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < profiles.size(); i++) {
            r.setSeriesPaint(i, COLOURS[i % COLOURS.length]);
            r.setSeriesStroke(i, new BasicStroke(2f));
        }
        plot.setRenderer(r);
        style(plot);
        save(chart, png, overwrite);
    }

    /** Histogram of equivalent diameters. */
    public static void sizeHistogram(ObjectTable table, String title, Path png, boolean overwrite) {
        HistogramDataset data = new HistogramDataset();
        double[] v = table.objects().stream().mapToDouble(ObjectMeasurement::equivalentDiameter).toArray();
        if (v.length > 0) {
            int bins = Math.max(5, Math.min(60, (int) Math.ceil(Math.sqrt(v.length))));
            double min = java.util.Arrays.stream(v).min().orElse(0);
            double max = java.util.Arrays.stream(v).max().orElse(1);
            if (max <= min) {
                max = min + 1;
            }
            data.addSeries("objects", v, bins, min, max);
        }
        String unit = table.physical() ? "µm" : "voxels";
        JFreeChart chart = ChartFactory.createHistogram(title + " (" + table.count() + " objects)",
                "equivalent diameter (" + unit + ")", "objects", data, PlotOrientation.VERTICAL, false, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.getRenderer().setSeriesPaint(0, COLOURS[0]);
        style(plot);
        save(chart, png, overwrite);
    }

    /**
     * Precision, recall and the calibration criterion against the mask threshold, with the chosen threshold
     * marked: what a model's calibration did, at a glance.
     */
    public static void thresholdCurve(ThresholdCurve curve, ThresholdCurve.Choice choice, String title, Path png,
            boolean overwrite) {
        XYSeries precision = new XYSeries("precision");
        XYSeries recall = new XYSeries("recall");
        XYSeries score = new XYSeries(choice.criterion() == ThresholdCurve.Criterion.IOU ? "IoU" : "F1");
        for (int k = 0; k < ThresholdCurve.LEVELS - 1; k++) {
            ConfusionCounts c = curve.at(k);
            double t = ThresholdCurve.threshold(k);
            precision.add(t, c.precision());
            recall.add(t, c.recall());
            score.add(t, choice.criterion() == ThresholdCurve.Criterion.IOU ? c.jaccard() : c.f1());
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(score);
        data.addSeries(precision);
        data.addSeries(recall);
        JFreeChart chart = ChartFactory.createXYLineChart(String.format(java.util.Locale.ROOT,
                "%s: threshold %.3f (%s %.4f; %.4f at 0.5)", title, choice.threshold(), score.getKey(),
                choice.score(), choice.atHalf()), "threshold on the foreground probability", "score", data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < 3; i++) {
            r.setSeriesPaint(i, COLOURS[i]);
            r.setSeriesStroke(i, new BasicStroke(i == 0 ? 3f : 1.5f));
        }
        plot.setRenderer(r);
        plot.addDomainMarker(new ValueMarker(choice.threshold(), Color.DARK_GRAY, new BasicStroke(1f)));
        style(plot);
        save(chart, png, overwrite);
    }

    private static void style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    }

    private static void save(JFreeChart chart, Path png, boolean overwrite) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        chart.setBackgroundPaint(Color.WHITE);
        try (AtomicOutput out = AtomicOutput.begin(png, overwrite, false)) {
            try {
                ChartUtils.saveChartAsPNG(out.temp().toFile(), chart, WIDTH, HEIGHT);
            } catch (IOException e) {
                throw VemsegException.IO.of(png, "write chart", e);
            }
            out.commit();
        }
    }
}
