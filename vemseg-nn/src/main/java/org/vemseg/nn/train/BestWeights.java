package org.vemseg.nn.train;

import ai.djl.nn.Block;
import org.vemseg.nn.bundle.ModelBundle;

/**
 * The best-scoring weights of a member so far, by validation foreground IoU (the mean over classes 1 .. N − 1,
 * class 1's in a binary run): what the model keeps, and what a checkpoint carries over to a resumed run.
 */
final class BestWeights {

    /** Foreground IoU of the kept weights, or −1 before any validation. */
    double score = -1;
    long iteration;
    double[] iou;
    double[] f1;
    /** The kept weights, or null before any validation. */
    byte[] params;

    void restore(Checkpoint k) {
        Checkpoint.State s = k.state();
        score = s.bestScore();
        iteration = s.bestIteration();
        iou = s.bestIoU();
        f1 = s.bestF1();
        params = k.bestParams();
    }

    /** Keeps {@code net}'s weights if {@code scores} beat the best so far; returns their foreground IoU. */
    double offer(long at, SegmentationMetrics scores, Block net) {
        double[] perClass = scores.iou();
        double value = SegmentationMetrics.foregroundMean(perClass);
        if (value > score) {
            score = value;
            iteration = at;
            iou = perClass;
            f1 = scores.f1();
            params = ModelBundle.parameters(net);
        }
        return value;
    }
}
