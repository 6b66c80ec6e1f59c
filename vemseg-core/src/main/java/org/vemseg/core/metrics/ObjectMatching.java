package org.vemseg.core.metrics;

import java.util.Arrays;
import org.vemseg.core.objects.LabelSource;

/**
 * One-to-one matching of predicted and true objects by overlap: a pair matches when their intersection over
 * union is at least {@code minIou} (0.5 in CDeep3M's vesicle comparison). Above 0.5 a match is necessarily
 * unique; at exactly 0.5 ties are broken greedily by decreasing IoU. Overlaps are counted in one pass, slice by
 * slice, with a primitive hash table keyed by the label pair.
 */
public final class ObjectMatching {

    /**
     * @param matched matched pairs (true positives)
     * @param meanIou mean IoU of the matched pairs (NaN if none)
     */
    public record Result(int predicted, int truth, int matched, double meanIou) {

        public int falsePositives() {
            return predicted - matched;
        }

        public int falseNegatives() {
            return truth - matched;
        }

        public double precision() {
            return predicted == 0 ? Double.NaN : matched / (double) predicted;
        }

        public double recall() {
            return truth == 0 ? Double.NaN : matched / (double) truth;
        }

        public double f1() {
            return predicted + truth == 0 ? 1 : 2.0 * matched / (predicted + truth);
        }

        /** Predicted count minus true count. */
        public int countError() {
            return predicted - truth;
        }

        /** Count error relative to the true count (NaN if there are no true objects). */
        public double relativeCountError() {
            return truth == 0 ? Double.NaN : countError() / (double) truth;
        }
    }

    private ObjectMatching() {
    }

    /** Matches two label volumes of the same shape, reading them slice by slice. */
    public static Result match(LabelSource predicted, LabelSource truth, double minIou) {
        int d = predicted.depth();
        int h = predicted.height();
        int w = predicted.width();
        if (truth.depth() != d || truth.height() != h || truth.width() != w) {
            throw new IllegalArgumentException("label volumes differ in shape");
        }
        long[] ps = predicted.sizes();
        long[] ts = truth.sizes();
        PairCounter overlaps = new PairCounter();
        int[] p = new int[h * w];
        int[] t = new int[h * w];
        for (int z = 0; z < d; z++) {
            predicted.read(z, 0, 0, 1, h, w, p);
            truth.read(z, 0, 0, 1, h, w, t);
            for (int i = 0; i < p.length; i++) {
                if (p[i] != 0 && t[i] != 0) {
                    overlaps.add(((long) p[i] << 32) | t[i]);
                }
            }
        }
        // Candidate pairs with IoU >= minIou, as (IoU, key) sorted by decreasing IoU.
        long[] keys = overlaps.keys();
        long[] counts = overlaps.counts();
        int n = 0;
        double[] iou = new double[keys.length];
        long[] cand = new long[keys.length];
        for (int k = 0; k < keys.length; k++) {
            int a = (int) (keys[k] >>> 32);
            int b = (int) keys[k];
            double v = counts[k] / (double) (ps[a] + ts[b] - counts[k]);
            if (v >= minIou) {
                iou[n] = v;
                cand[n] = keys[k];
                n++;
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[] iouF = iou;
        Arrays.sort(order, (x, y) -> Double.compare(iouF[y], iouF[x]));
        boolean[] usedP = new boolean[ps.length];
        boolean[] usedT = new boolean[ts.length];
        int matched = 0;
        double sum = 0;
        for (int o : order) {
            int a = (int) (cand[o] >>> 32);
            int b = (int) cand[o];
            if (!usedP[a] && !usedT[b]) {
                usedP[a] = true;
                usedT[b] = true;
                matched++;
                sum += iou[o];
            }
        }
        return new Result(predicted.count(), truth.count(), matched, matched == 0 ? Double.NaN : sum / matched);
    }
}
