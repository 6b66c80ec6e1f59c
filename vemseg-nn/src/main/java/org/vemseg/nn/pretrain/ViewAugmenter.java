package org.vemseg.nn.pretrain;

import org.vemseg.core.transform.Dihedral;
import org.vemseg.nn.data.SeededRandom;

/**
 * Makes one augmented view of an EM patch for contrastive learning (MoCo v2's recipe adapted to grayscale EM,
 * as in CEM500K): random resized crop, one of the 8 flips/90° rotations, brightness and contrast, Gaussian blur
 * and Gaussian noise; no colour jitter or grayscale conversion, EM has one channel. All choices come from a
 * {@link SeededRandom}, so a resumed run draws the same views.
 *
 * <p>Output values are normalised grey levels, {@code (v − mean) / std} of the patch set, before the
 * intensity changes (which are in those units).
 */
public final class ViewAugmenter {

    /** Smallest and largest crop area, as a fraction of the patch (MoCo v2: 0.2–1). */
    static final double MIN_AREA = 0.2;
    static final double MAX_AREA = 1.0;
    /** Probabilities of each intensity change (brightness/contrast as MoCo's colour jitter: 0.8). */
    static final double P_INTENSITY = 0.8;
    static final double P_BLUR = 0.5;
    static final double P_NOISE = 0.5;

    private final int size;
    private final float mean;
    private final float std;

    /** @param size side of the output view in pixels */
    public ViewAugmenter(int size, double mean, double std) {
        if (size < 8) {
            throw new IllegalArgumentException("view size must be ≥ 8 but was " + size);
        }
        if (!(std > 0)) {
            throw new IllegalArgumentException("standard deviation must be > 0 but was " + std);
        }
        this.size = size;
        this.mean = (float) mean;
        this.std = (float) std;
    }

    public int size() {
        return size;
    }

    /** Writes a size × size view of the h × w patch {@code pixels} into {@code out} at {@code offset}. */
    public void view(byte[] pixels, int h, int w, SeededRandom rng, float[] out, int offset) {
        float[] v = crop(pixels, h, w, rng);
        float[] turned = new float[v.length];
        Dihedral.fromFlags(rng.nextInt(8)).apply(v, 0, size, size, turned, 0);
        v = turned;
        if (rng.nextBoolean(P_INTENSITY)) {
            float brightness = (float) rng.uniform(-0.4, 0.4);
            float contrast = (float) rng.uniform(0.6, 1.4);
            float m = 0;
            for (float x : v) {
                m += x;
            }
            m /= v.length;
            for (int i = 0; i < v.length; i++) {
                v[i] = (v[i] - m) * contrast + m + brightness;
            }
        }
        if (rng.nextBoolean(P_BLUR)) {
            // MoCo v2 blurs 224 px crops with σ in [0.1, 2]; the same relative blur at this size
            double scale = size / 224.0;
            gaussianBlur(v, size, rng.uniform(0.1, 2.0) * scale);
        }
        if (rng.nextBoolean(P_NOISE)) {
            rng.addNormalNoise(v, (float) rng.uniform(0.0, 0.2));
        }
        System.arraycopy(v, 0, out, offset, v.length);
    }

    /** Random resized crop: area and log-uniform aspect ratio (3/4 – 4/3) as torchvision, bilinear resampling. */
    private float[] crop(byte[] pixels, int h, int w, SeededRandom rng) {
        double ch = h;
        double cw = w;
        double y0 = 0;
        double x0 = 0;
        for (int attempt = 0; attempt < 10; attempt++) {
            double area = h * (double) w * rng.uniform(MIN_AREA, MAX_AREA);
            double aspect = StrictMath.exp(rng.uniform(StrictMath.log(3.0 / 4), StrictMath.log(4.0 / 3)));
            double tw = StrictMath.sqrt(area * aspect);
            double th = StrictMath.sqrt(area / aspect);
            if (tw <= w && th <= h) {
                cw = tw;
                ch = th;
                y0 = rng.uniform(0, h - th);
                x0 = rng.uniform(0, w - tw);
                break;
            }
        }
        float[] v = new float[size * size];
        double sy = ch / size;
        double sx = cw / size;
        for (int y = 0; y < size; y++) {
            double fy = Math.min(h - 1.0, Math.max(0, y0 + (y + 0.5) * sy - 0.5));
            int iy = Math.min(h - 2, (int) fy);
            iy = Math.max(0, iy);
            double ty = h == 1 ? 0 : fy - iy;
            for (int x = 0; x < size; x++) {
                double fx = Math.min(w - 1.0, Math.max(0, x0 + (x + 0.5) * sx - 0.5));
                int ix = Math.max(0, Math.min(w - 2, (int) fx));
                double tx = w == 1 ? 0 : fx - ix;
                int iy1 = Math.min(h - 1, iy + 1);
                int ix1 = Math.min(w - 1, ix + 1);
                double a = (pixels[iy * w + ix] & 0xFF) * (1 - tx) + (pixels[iy * w + ix1] & 0xFF) * tx;
                double b = (pixels[iy1 * w + ix] & 0xFF) * (1 - tx) + (pixels[iy1 * w + ix1] & 0xFF) * tx;
                v[y * size + x] = ((float) (a * (1 - ty) + b * ty) - mean) / std;
            }
        }
        return v;
    }

    /** Separable Gaussian blur with edge replication; kernel radius ⌈3σ⌉. */
    static void gaussianBlur(float[] v, int s, double sigma) {
        int r = (int) Math.ceil(3 * sigma);
        if (r < 1) {
            return;
        }
        float[] k = new float[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = (float) StrictMath.exp(-i * i / (2 * sigma * sigma));
            sum += k[i + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= (float) sum;
        }
        float[] tmp = new float[v.length];
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                float a = 0;
                for (int i = -r; i <= r; i++) {
                    a += k[i + r] * v[y * s + Math.max(0, Math.min(s - 1, x + i))];
                }
                tmp[y * s + x] = a;
            }
        }
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                float a = 0;
                for (int i = -r; i <= r; i++) {
                    a += k[i + r] * tmp[Math.max(0, Math.min(s - 1, y + i)) * s + x];
                }
                v[y * s + x] = a;
            }
        }
    }
}
