package org.vemseg.core.metrics;

/**
 * Voxel counts of one class against the truth: true/false positives and negatives, and the scores derived
 * from them. A score whose denominator is zero is NaN, except that F1 and Jaccard are 1 when the class is
 * absent from both prediction and truth (nothing to find, nothing wrongly found).
 */
public record ConfusionCounts(long tp, long fp, long fn, long tn) {

    public static final ConfusionCounts ZERO = new ConfusionCounts(0, 0, 0, 0);

    public ConfusionCounts plus(ConfusionCounts o) {
        return new ConfusionCounts(tp + o.tp, fp + o.fp, fn + o.fn, tn + o.tn);
    }

    /** The same counts seen from the other class (positives and negatives swapped). */
    public ConfusionCounts complement() {
        return new ConfusionCounts(tn, fn, fp, tp);
    }

    public long total() {
        return tp + fp + fn + tn;
    }

    public double precision() {
        return ratio(tp, tp + fp);
    }

    public double recall() {
        return ratio(tp, tp + fn);
    }

    /** F1 = Dice = 2 TP / (2 TP + FP + FN). */
    public double f1() {
        return tp + fp + fn == 0 ? 1 : ratio(2 * tp, 2 * tp + fp + fn);
    }

    /** Jaccard = IoU = TP / (TP + FP + FN). */
    public double jaccard() {
        return tp + fp + fn == 0 ? 1 : ratio(tp, tp + fp + fn);
    }

    public double accuracy() {
        return ratio(tp + tn, total());
    }

    private static double ratio(long a, long b) {
        return b == 0 ? Double.NaN : a / (double) b;
    }
}
