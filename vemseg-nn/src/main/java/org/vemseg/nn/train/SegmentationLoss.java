package org.vemseg.nn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.vemseg.nn.data.LabelMapping;

/**
 * Class-weighted softmax cross-entropy over voxels, ignored voxels excluded, plus optionally the soft Dice
 * loss of the foreground classes: loss = Σ w·(−log p_y) / Σ w (+ mean over c ≥ 1 of 1 − Dice_c), where a voxel's
 * weight w is its class's weight, times its {@link BoundaryWeights boundary multiplier} if boundary weighting is
 * on. The Dice term is unweighted.
 *
 * <p>With {@link ClassWeights#strengthAt a class weighting strength} s below 1, the cross-entropy term is
 * s · (class-weighted term) + (1 − s) · (the same term with every class weighing 1), each normalised by its own
 * weight sum, so the loss keeps its scale while the weighting fades.
 */
public final class SegmentationLoss {

    private final float[] classWeights;
    private final boolean dice;
    private final BoundaryWeights boundary;

    public SegmentationLoss(float[] classWeights, boolean dice) {
        this(classWeights, dice, 0);
    }

    /** @param boundaryWeight extra cross-entropy weight W on label boundaries ({@link BoundaryWeights}); 0 = off */
    public SegmentationLoss(float[] classWeights, boolean dice, double boundaryWeight) {
        this.classWeights = classWeights.clone();
        this.dice = dice;
        this.boundary = boundaryWeight == 0 ? null : new BoundaryWeights(boundaryWeight);
    }

    /**
     * The per-voxel targets of a batch of labels, prepared on the Java side (one-hot classes, class weights,
     * validity), so that a background thread can build them while the engine computes the previous step.
     *
     * @param oneHot N×C×H×W
     * @param weight N×H×W weight of each voxel (class weight, times boundary multiplier), 0 where ignored
     * @param mask N×H×W 1 where counted, 0 where ignored
     * @param weightSum Σ weight
     * @param plain N×H×W weight of each voxel without its class weight (boundary multiplier, or the mask)
     * @param plainSum Σ plain
     */
    public record Targets(Shape shape, float[] oneHot, float[] weight, float[] mask, double weightSum, float[] plain,
            double plainSum) {

        /** The per-voxel weights at class weighting strength {@code s}, normalised to sum to 1. */
        float[] weightsAt(double s) {
            float[] w = new float[weight.length];
            double a = s / Math.max(weightSum, 1e-6);
            double b = (1 - s) / Math.max(plainSum, 1e-6);
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (a * weight[i] + b * plain[i]);
            }
            return w;
        }
    }

    /** Targets for labels of {@code n} patches of {@code h × w} voxels ({@link LabelMapping#IGNORE} excluded). */
    public Targets targets(byte[] labels, int n, int h, int w) {
        int c = classWeights.length;
        int hw = h * w;
        float[] oneHot = new float[n * c * hw];
        float[] weight = new float[n * hw];
        float[] mask = new float[n * hw];
        // without boundary weighting a voxel's weight without its class weight is its mask value
        float[] plain = boundary == null ? mask : new float[n * hw];
        double weightSum = 0;
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < hw; i++) {
                int k = labels[b * hw + i] & 0xFF;
                if (labels[b * hw + i] == LabelMapping.IGNORE || k >= c) {
                    continue;
                }
                oneHot[(b * c + k) * hw + i] = 1;
                weight[b * hw + i] = classWeights[k];
                mask[b * hw + i] = 1;
                weightSum += classWeights[k];
            }
            if (boundary != null) {
                // plain becomes each counted voxel's boundary multiplier; the class-weighted voxels take it too
                System.arraycopy(mask, b * hw, plain, b * hw, hw);
                boundary.apply(labels, b * hw, h, w, c, plain);
                for (int i = b * hw; i < (b + 1) * hw; i++) {
                    weight[i] *= plain[i];
                }
            }
        }
        if (boundary != null) {
            weightSum = sum(weight);
        }
        return new Targets(new Shape(n, c, h, w), oneHot, weight, mask, weightSum, plain, sum(plain));
    }

    private static double sum(float[] values) {
        double s = 0;
        for (float v : values) {
            s += v;
        }
        return s;
    }

    /**
     * @param logits N×C×H×W, C = the number of class weights
     * @param labels N·H·W class indices, {@link LabelMapping#IGNORE} for excluded voxels
     */
    public NDArray compute(NDManager m, NDArray logits, byte[] labels) {
        Shape s = logits.getShape();
        return compute(m, logits, targets(labels, (int) s.get(0), (int) s.get(2), (int) s.get(3)));
    }

    /** The loss of {@code logits} (N×C×H×W) against targets of the same shape, with the full class weights. */
    public NDArray compute(NDManager m, NDArray logits, Targets t) {
        return compute(m, logits, t, 1);
    }

    /**
     * The loss of {@code logits} (N×C×H×W) against targets of the same shape, at class weighting strength
     * {@code strength} (1 = the class weights, 0 = none).
     */
    public NDArray compute(NDManager m, NDArray logits, Targets t, double strength) {
        Shape s = logits.getShape();
        if (!s.equals(t.shape())) {
            throw new IllegalArgumentException("logits " + s + " do not match targets " + t.shape());
        }
        int c = (int) s.get(1);
        Shape pixels = new Shape(s.get(0), s.get(2), s.get(3));
        NDArray y = m.create(t.oneHot(), s);
        NDArray ce = logits.logSoftmax(1).mul(y).sum(new int[] {1}).neg();
        // at full strength, the arithmetic of the weighted loss alone: runs at a fixed seed repeat earlier results
        NDArray loss = strength == 1
                ? ce.mul(m.create(t.weight(), pixels)).sum().div((float) Math.max(t.weightSum(), 1e-6))
                : ce.mul(m.create(t.weightsAt(strength), pixels)).sum();
        if (dice) {
            NDArray p = logits.softmax(1);
            NDArray valid = m.create(t.mask(), pixels);
            NDArray d = null;
            for (int k = 1; k < c; k++) {
                NDIndex idx = new NDIndex(":, {}", k);
                NDArray pk = p.get(idx).mul(valid);
                NDArray yk = y.get(idx);
                NDArray term = pk.mul(yk).sum().mul(2).add(1).div(pk.sum().add(yk.sum()).add(1)).neg().add(1);
                d = d == null ? term : d.add(term);
            }
            loss = loss.add(d.div(c - 1));
        }
        return loss;
    }
}
