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
    /** Whether the kept weights are a {@link WeightAveraging weight average} rather than the trained weights. */
    boolean averaged;

    void restore(Checkpoint k) {
        Checkpoint.State s = k.state();
        score = s.bestScore();
        iteration = s.bestIteration();
        iou = s.bestIoU();
        f1 = s.bestF1();
        params = k.bestParams();
        averaged = s.bestAveraged();
    }

    /**
     * Keeps {@code net}'s weights if {@code scores} beat the best so far (a tie keeps the earlier); returns their
     * foreground IoU. {@code isAverage} says whether {@code net} holds a weight average.
     */
    double offer(long at, SegmentationMetrics scores, Block net, boolean isAverage) {
        double[] perClass = scores.iou();
        double value = SegmentationMetrics.foregroundMean(perClass);
        if (value > score) {
            score = value;
            iteration = at;
            iou = perClass;
            f1 = scores.f1();
            params = ModelBundle.parameters(net);
            averaged = isAverage;
        }
        return value;
    }
}
