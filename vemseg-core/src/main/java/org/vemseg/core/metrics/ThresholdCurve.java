package org.vemseg.core.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vemseg.core.predict.OutputType;

/**
 * Scores of a binary segmentation at every probability threshold, from one pass over the data: the foreground
 * probabilities of labelled voxels are counted in 256 levels, the resolution of the {@code prob8} maps vemseg
 * writes, so a threshold chosen here means the same on a saved map as on the network's output.
 *
 * <p>Threshold {@code k} of the curve is {@link #threshold(int) (k + 0.5) / 255}: a voxel is foreground when its
 * probability is above it, which on a {@code prob8} map is level {@code k + 1} or more, whichever of the
 * {@code >} (analyze) or {@code >=} (predict) rules is applied.
 */
public final class ThresholdCurve {

    /** Probability levels counted (those of a {@code prob8} map). */
    public static final int LEVELS = 256;

    /** What a calibrated threshold maximises. */
    public enum Criterion {
        /** Jaccard index of the foreground: objects such as mitochondria, nuclei, vesicles. */
        IOU,
        /** F1 (Dice) of the foreground: thin structures such as membranes, where IoU punishes width errors. */
        F1;

        double of(ConfusionCounts c) {
            return this == IOU ? c.jaccard() : c.f1();
        }
    }

    /** The chosen threshold with its scores on the calibration data. */
    public record Choice(double threshold, ConfusionCounts counts, Criterion criterion, double atHalf) {

        /** The score the threshold reaches. */
        public double score() {
            return criterion.of(counts);
        }
    }

    private final long[] foreground = new long[LEVELS];
    private final long[] background = new long[LEVELS];

    /** Counts one labelled voxel of foreground probability {@code p} (clamped to [0, 1]). */
    public void add(float p, boolean isForeground) {
        int level = level(p);
        if (isForeground) {
            foreground[level]++;
        } else {
            background[level]++;
        }
    }

    /** Adds another curve's counts (e.g. of another slice or block). */
    public void addAll(ThresholdCurve other) {
        for (int k = 0; k < LEVELS; k++) {
            foreground[k] += other.foreground[k];
            background[k] += other.background[k];
        }
    }

    /** Labelled voxels counted. */
    public long voxels() {
        long n = 0;
        for (int k = 0; k < LEVELS; k++) {
            n += foreground[k] + background[k];
        }
        return n;
    }

    /** The level of {@code p} on a {@code prob8} map ({@link OutputType#prob8}). */
    public static int level(float p) {
        return OutputType.prob8(p);
    }

    /** The probability threshold of curve point {@code k}, 0 ≤ k < 255. */
    public static double threshold(int k) {
        return (k + 0.5) / (LEVELS - 1);
    }

    /** Confusion counts when voxels above {@link #threshold(int) threshold k} are foreground. */
    public ConfusionCounts at(int k) {
        long tp = 0;
        long fp = 0;
        for (int level = k + 1; level < LEVELS; level++) {
            tp += foreground[level];
            fp += background[level];
        }
        long fn = 0;
        long tn = 0;
        for (int level = 0; level <= k; level++) {
            fn += foreground[level];
            tn += background[level];
        }
        return new ConfusionCounts(tp, fp, fn, tn);
    }

    /**
     * The threshold that maximises {@code criterion}; among equal scores the one closest to 0.5, so a curve
     * with a flat top (e.g. a network whose probabilities are all near 0 or 1) keeps the usual threshold.
     *
     * @throws IllegalStateException when no voxel was counted or none is foreground
     */
    public Choice best(Criterion criterion) {
        long positives = 0;
        for (long f : foreground) {
            positives += f;
        }
        if (positives == 0) {
            throw new IllegalStateException("no foreground voxel to calibrate a threshold on");
        }
        int best = -1;
        double bestScore = -1;
        for (int k = 0; k < LEVELS - 1; k++) {
            double s = criterion.of(at(k));
            boolean better = s > bestScore
                    || s == bestScore && Math.abs(threshold(k) - 0.5) < Math.abs(threshold(best) - 0.5);
            if (better) {
                best = k;
                bestScore = s;
            }
        }
        // 0.5 itself lies between levels 127 and 128: point 127 (threshold 127.5 / 255) is the plain rule
        return new Choice(threshold(best), at(best), criterion, criterion.of(at(LEVELS / 2 - 1)));
    }

    /** Every point of the curve as CSV rows: threshold, precision, recall, iou, f1 (header first). */
    public List<String> csv() {
        List<String> rows = new ArrayList<>();
        rows.add("threshold,precision,recall,iou,f1");
        for (int k = 0; k < LEVELS - 1; k++) {
            ConfusionCounts c = at(k);
            rows.add(String.format(Locale.ROOT, "%.4f,%.5f,%.5f,%.5f,%.5f", threshold(k), c.precision(), c.recall(),
                    c.jaccard(), c.f1()));
        }
        return rows;
    }
}
