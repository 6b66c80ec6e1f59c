package org.vemseg.nn.data;

import org.vemseg.core.transform.GeometricVariant;

/** Applies an {@link Augmentation} to a {@link Patch} in place, drawing all choices from a SeededRandom. */
public final class Augmenter {

    /** Number of geometric variants: 8 dihedral in-plane × 2 z orders. */
    public static final int VARIANTS = 16;

    /** Table points of the gamma curve; linear interpolation between them is within 0.002 of the exact curve. */
    private static final int GAMMA_STEPS = 1024;

    private final Augmentation options;

    public Augmenter(Augmentation options) {
        this.options = options;
    }

    /**
     * Draws the next training patch from {@code sampler}, cut at a random angle and zoom when affine augmentation
     * is on, and augments it.
     */
    public Patch next(PatchSampler sampler, SeededRandom rng) {
        Patch p = options.affine() ? sampler.nextAffine(rng) : sampler.next(rng);
        apply(p, rng);
        return p;
    }

    public void apply(Patch p, SeededRandom rng) {
        if (options.geometric()) {
            geometric(p, rng.nextInt(VARIANTS));
        }
        float[] img = p.image();
        if (options.brightness() && rng.nextBoolean(0.5)) {
            float b = (float) rng.uniform(-0.2, 0.2);
            for (int i = 0; i < img.length; i++) {
                img[i] += b;
            }
        }
        if (options.contrast() && rng.nextBoolean(0.5)) {
            float c = (float) StrictMath.exp(rng.uniform(StrictMath.log(0.8), StrictMath.log(1.25)));
            for (int i = 0; i < img.length; i++) {
                img[i] *= c;
            }
        }
        if (options.gamma() && rng.nextBoolean(0.5)) {
            gamma(img, rng.uniform(0.7, 1.5));
        }
        if (options.noise() && rng.nextBoolean(0.5)) {
            rng.addNormalNoise(img, (float) rng.uniform(0, 0.1));
        }
        if (options.blur() && rng.nextBoolean(0.5)) {
            blur(p);
        }
    }

    /**
     * Variant {@code v} in [0, 16) ({@link GeometricVariant#fromFlags}): bit 0 flips x, bit 1 flips y, bit 2
     * transposes y/x (together the 8 symmetries of the square), bit 3 reverses the order of the frames (a z flip).
     */
    public static void geometric(Patch p, int v) {
        GeometricVariant variant = GeometricVariant.fromFlags(v);
        int s = p.size();
        float[] img = p.image();
        variant.applyToInput(img.clone(), 0, p.frames(), s, s, img, 0);
        byte[] lab = p.labels();
        variant.plane().apply(lab.clone(), 0, s, s, lab, 0);
    }

    /**
     * Gamma correction of the patch's min–max range, the curve tabulated once per patch ({@link #GAMMA_STEPS}
     * exact powers instead of one per voxel).
     */
    static void gamma(float[] img, double g) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : img) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (!(hi > lo)) {
            return;
        }
        float range = hi - lo;
        float[] curve = new float[GAMMA_STEPS + 2];
        for (int k = 0; k <= GAMMA_STEPS; k++) {
            curve[k] = (float) StrictMath.pow((double) k / GAMMA_STEPS, g);
        }
        curve[GAMMA_STEPS + 1] = curve[GAMMA_STEPS]; // so t = 1 may read one entry beyond
        float scale = GAMMA_STEPS / range;
        for (int i = 0; i < img.length; i++) {
            float t = (img[i] - lo) * scale;
            int k = Math.min((int) t, GAMMA_STEPS);
            float f = t - k;
            img[i] = lo + range * (curve[k] + f * (curve[k + 1] - curve[k]));
        }
    }

    /** Separable [1 2 1]/4 blur of every plane, edges replicated. */
    private static void blur(Patch p) {
        int s = p.size();
        int plane = s * s;
        float[] img = p.image();
        float[] tmp = new float[plane];
        for (int f = 0; f < p.frames(); f++) {
            int o = f * plane;
            for (int y = 0; y < s; y++) {
                for (int x = 0; x < s; x++) {
                    int xl = Math.max(0, x - 1);
                    int xr = Math.min(s - 1, x + 1);
                    tmp[y * s + x] = 0.25f * img[o + y * s + xl] + 0.5f * img[o + y * s + x]
                            + 0.25f * img[o + y * s + xr];
                }
            }
            for (int y = 0; y < s; y++) {
                int yu = Math.max(0, y - 1);
                int yd = Math.min(s - 1, y + 1);
                for (int x = 0; x < s; x++) {
                    img[o + y * s + x] = 0.25f * tmp[yu * s + x] + 0.5f * tmp[y * s + x] + 0.25f * tmp[yd * s + x];
                }
            }
        }
    }
}
