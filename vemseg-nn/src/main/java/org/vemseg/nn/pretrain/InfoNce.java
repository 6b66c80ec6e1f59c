package org.vemseg.nn.pretrain;

import ai.djl.ndarray.NDArray;

/**
 * The InfoNCE loss of MoCo: for each query, logits are its similarity with its positive key followed by its
 * similarities with every queued negative, divided by the temperature; the loss is the cross-entropy with the
 * positive (index 0) as the target, averaged over the batch.
 */
public final class InfoNce {

    private InfoNce() {
    }

    /**
     * @param q queries, n × d, L2-normalised (gradient flows through these)
     * @param k positive keys, n × d, L2-normalised (no gradient)
     * @param negatives queue, K × d, L2-normalised
     * @return the mean loss, a scalar
     */
    public static NDArray loss(NDArray q, NDArray k, NDArray negatives, double temperature) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0 but was " + temperature);
        }
        NDArray positive = q.mul(k).sum(new int[] {1}, true);
        NDArray negative = q.matMul(negatives.transpose());
        NDArray logits = positive.concat(negative, 1).div((float) temperature);
        return logits.logSoftmax(1).get(":, 0").neg().mean();
    }

    /** Rows scaled to unit length (zero rows stay zero). */
    public static NDArray normalise(NDArray x) {
        return x.div(x.pow(2).sum(new int[] {1}, true).sqrt().maximum(1e-12f));
    }
}
