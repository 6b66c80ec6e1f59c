package org.vemseg.nn.train;

import org.vemseg.nn.data.LabelMapping;

/** Confusion counts of predicted against true classes, giving IoU (Jaccard) and F1 (Dice) per class. */
public final class SegmentationMetrics {

    private final long[][] confusion;

    public SegmentationMetrics(int classes) {
        confusion = new long[classes][classes];
    }

    /** Adds voxels; ignored voxels are skipped. */
    public void add(byte[] truth, int[] predicted) {
        int c = confusion.length;
        for (int i = 0; i < truth.length; i++) {
            int t = truth[i] & 0xFF;
            if (truth[i] == LabelMapping.IGNORE || t >= c) {
                continue;
            }
            confusion[t][predicted[i]]++;
        }
    }

    /** TP / (TP + FP + FN) per class (1 when the class is absent from both). */
    public double[] iou() {
        return score(false);
    }

    /** 2TP / (2TP + FP + FN) per class. */
    public double[] f1() {
        return score(true);
    }

    /**
     * The mean of per-class scores over the foreground classes 1 .. N − 1: the score of class 1 in a binary
     * segmentation, and one number to rank multi-class networks by (background, usually the bulk of the voxels,
     * would flatter every network alike).
     */
    public static double foregroundMean(double[] perClass) {
        double sum = 0;
        for (int k = 1; k < perClass.length; k++) {
            sum += perClass[k];
        }
        return sum / (perClass.length - 1);
    }

    private double[] score(boolean dice) {
        int c = confusion.length;
        double[] out = new double[c];
        for (int k = 0; k < c; k++) {
            long tp = confusion[k][k];
            long fp = 0;
            long fn = 0;
            for (int j = 0; j < c; j++) {
                if (j != k) {
                    fp += confusion[j][k];
                    fn += confusion[k][j];
                }
            }
            long t = dice ? 2 * tp : tp;
            long denom = t + fp + fn;
            out[k] = denom == 0 ? 1 : (double) t / denom;
        }
        return out;
    }
}
