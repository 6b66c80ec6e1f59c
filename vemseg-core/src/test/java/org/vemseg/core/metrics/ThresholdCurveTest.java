package org.vemseg.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ThresholdCurveTest {

    /** Brute force: the IoU of "p above t" over the raw voxels, with p quantised as a prob8 map stores it. */
    private static double iou(float[] p, boolean[] fg, double t) {
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (int i = 0; i < p.length; i++) {
            boolean on = ThresholdCurve.level(p[i]) / 255.0 > t;
            tp += on && fg[i] ? 1 : 0;
            fp += on && !fg[i] ? 1 : 0;
            fn += !on && fg[i] ? 1 : 0;
        }
        return tp / (double) (tp + fp + fn);
    }

    @Test
    void theChosenThresholdIsTheBestOfEveryCandidateAndBeatsOneHalfOnAnOverconfidentNetwork() {
        // an over-segmenting network: background often gets 0.5-0.7, foreground mostly 0.6-1
        SplittableRandom r = new SplittableRandom(3);
        int n = 50_000;
        float[] p = new float[n];
        boolean[] fg = new boolean[n];
        for (int i = 0; i < n; i++) {
            fg[i] = r.nextDouble() < 0.2;
            p[i] = (float) (fg[i] ? 0.6 + 0.4 * r.nextDouble() : (r.nextDouble() < 0.3 ? 0.5 + 0.2 * r.nextDouble()
                    : 0.4 * r.nextDouble()));
        }
        ThresholdCurve c = new ThresholdCurve();
        for (int i = 0; i < n; i++) {
            c.add(p[i], fg[i]);
        }
        ThresholdCurve.Choice best = c.best(ThresholdCurve.Criterion.IOU);
        double bruteBest = -1;
        for (int k = 0; k < 255; k++) {
            bruteBest = Math.max(bruteBest, iou(p, fg, ThresholdCurve.threshold(k)));
        }
        assertEquals(bruteBest, best.score(), 1e-12);
        assertEquals(iou(p, fg, best.threshold()), best.score(), 1e-12);
        assertEquals(iou(p, fg, 0.5), best.atHalf(), 1e-12);
        assertTrue(best.threshold() > 0.6 && best.threshold() < 0.71, "threshold " + best.threshold());
        assertTrue(best.score() > best.atHalf() + 0.1, best.score() + " vs " + best.atHalf());
        assertEquals(n, c.voxels());
    }

    @Test
    void aFlatTopKeepsTheThresholdNearestOneHalf() {
        ThresholdCurve c = new ThresholdCurve();
        for (int i = 0; i < 100; i++) {
            c.add(0f, false);
            c.add(1f, true);
        }
        ThresholdCurve.Choice best = c.best(ThresholdCurve.Criterion.F1);
        assertEquals(1.0, best.score());
        assertEquals(127.5 / 255, best.threshold(), 1e-12);
    }

    @Test
    void curvesAddUpAndPrintOneRowPerThreshold() {
        ThresholdCurve a = new ThresholdCurve();
        ThresholdCurve b = new ThresholdCurve();
        a.add(0.9f, true);
        b.add(0.2f, false);
        b.add(Float.NaN, true);
        a.addAll(b);
        assertEquals(3, a.voxels());
        assertEquals(new ConfusionCounts(1, 0, 1, 1), a.at(127));
        List<String> csv = a.csv();
        assertEquals(256, csv.size());
        assertEquals("threshold,precision,recall,iou,f1", csv.get(0));
    }

    @Test
    void withoutForegroundThereIsNothingToCalibrate() {
        ThresholdCurve c = new ThresholdCurve();
        c.add(0.3f, false);
        assertThrows(IllegalStateException.class, () -> c.best(ThresholdCurve.Criterion.IOU));
    }
}
