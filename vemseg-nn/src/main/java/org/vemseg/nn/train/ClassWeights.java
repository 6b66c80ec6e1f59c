package org.vemseg.nn.train;

import java.util.Arrays;

/**
 * Per-class weights of the cross-entropy loss.
 *
 * <p>{@code auto} = inverse square root of the class frequency in the training labels, scaled so the average
 * weight per voxel is 1 (the loss keeps the scale of unweighted cross-entropy, so default learning rates
 * stay valid). Inverse frequency itself (×10 for 10 % mitochondria) over-corrects and makes the network paint
 * foreground generously; the square root (×3) lifts the rare class without that bias, a common compromise
 * (e.g. the "log/sqrt" weighting of ENet and of DeepLab variants).
 */
public record ClassWeights(Mode mode, float[] explicit) {

    public enum Mode { AUTO, NONE, EXPLICIT }

    public ClassWeights {
        explicit = explicit == null ? null : explicit.clone();
    }

    public static ClassWeights auto() {
        return new ClassWeights(Mode.AUTO, null);
    }

    public static ClassWeights none() {
        return new ClassWeights(Mode.NONE, null);
    }

    /** Parses {@code auto}, {@code none} or a comma-separated list {@code w0,w1,...}. */
    public static ClassWeights parse(String s) {
        switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "auto":
                return auto();
            case "none":
                return none();
            default:
                String[] parts = s.split(",");
                float[] w = new float[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    try {
                        w[i] = Float.parseFloat(parts[i].trim());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("class weights must be auto, none or w0,w1,... but was '"
                                + s + "'");
                    }
                    if (!(w[i] >= 0)) {
                        throw new IllegalArgumentException("class weights must be ≥ 0 but got " + parts[i]);
                    }
                }
                return new ClassWeights(Mode.EXPLICIT, w);
        }
    }

    /** The weight of each class given the voxel count of each class in the training labels. */
    public float[] resolve(long[] counts) {
        int classes = counts.length;
        switch (mode) {
            case NONE:
                float[] ones = new float[classes];
                Arrays.fill(ones, 1f);
                return ones;
            case EXPLICIT:
                if (explicit.length != classes) {
                    throw new IllegalArgumentException(explicit.length + " class weights given for " + classes
                            + " classes");
                }
                return explicit.clone();
            default:
                long total = Arrays.stream(counts).sum();
                float[] w = new float[classes];
                double mean = 0;
                for (int c = 0; c < classes; c++) {
                    double f = Math.max(counts[c], 1) / (double) Math.max(total, 1);
                    w[c] = (float) (1 / Math.sqrt(f));
                    mean += f * w[c];
                }
                for (int c = 0; c < classes; c++) {
                    w[c] /= (float) mean;
                }
                return w;
        }
    }

    @Override
    public String toString() {
        return mode == Mode.EXPLICIT ? Arrays.toString(explicit) : mode.name().toLowerCase(java.util.Locale.ROOT);
    }
}
