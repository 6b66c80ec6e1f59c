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
 *
 * <p>{@code fade} = the {@code auto} weights for the first {@value #FADE_FROM} iterations, then fading linearly to
 * none by iteration {@value #FADE_TO}. Measured on Lucchi++ and ISBI 2012 (bench/RESULTS.md, issue 17): weights let a
 * short run leave the all-background solution of a sparse class at all, but kept for thousands of iterations they
 * push every boundary outwards and cost IoU; unweighted training is better once the class has been found.
 */
public record ClassWeights(Mode mode, float[] explicit) {

    public enum Mode { AUTO, FADE, NONE, EXPLICIT }

    /** The iteration at which {@code fade} starts to fade the weights. */
    public static final long FADE_FROM = 1000;
    /** The iteration from which {@code fade} trains unweighted. */
    public static final long FADE_TO = 2000;

    public ClassWeights {
        explicit = explicit == null ? null : explicit.clone();
    }

    public static ClassWeights auto() {
        return new ClassWeights(Mode.AUTO, null);
    }

    public static ClassWeights fade() {
        return new ClassWeights(Mode.FADE, null);
    }

    public static ClassWeights none() {
        return new ClassWeights(Mode.NONE, null);
    }

    /** Parses {@code auto}, {@code fade}, {@code none} or a comma-separated list {@code w0,w1,...}. */
    public static ClassWeights parse(String s) {
        switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "auto":
                return auto();
            case "fade":
                return fade();
            case "none":
                return none();
            default:
                String[] parts = s.split(",");
                float[] w = new float[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    try {
                        w[i] = Float.parseFloat(parts[i].trim());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("class weights must be auto, fade, none or w0,w1,... "
                                + "but was '" + s + "'");
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

    /**
     * How much of the class weighting applies at {@code iteration} (0-based): 1 = the resolved weights, 0 = every
     * class weighs 1, in between a mix of the two normalised losses ({@link SegmentationLoss}).
     */
    public double strengthAt(long iteration) {
        if (mode != Mode.FADE || iteration < FADE_FROM) {
            return 1;
        }
        return Math.max(0, 1 - (iteration - FADE_FROM) / (double) (FADE_TO - FADE_FROM));
    }

    @Override
    public String toString() {
        return mode == Mode.EXPLICIT ? Arrays.toString(explicit) : mode.name().toLowerCase(java.util.Locale.ROOT);
    }
}
