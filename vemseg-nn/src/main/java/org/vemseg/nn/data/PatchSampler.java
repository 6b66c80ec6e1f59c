package org.vemseg.nn.data;

import org.vemseg.nn.bundle.Normalisation;

/**
 * Draws random square patches with z context from a {@link LabelledVolume}: a random centre slice and
 * position, the {@code frames} slices around it (reflected at the volume's ends) as normalised planes, and the
 * centre slice's labels. All randomness comes from the {@link SeededRandom} passed in.
 */
public final class PatchSampler {

    private final LabelledVolume volume;
    private final Normalisation norm;
    private final int frames;
    private final int size;

    public PatchSampler(LabelledVolume volume, Normalisation norm, int frames, int size) {
        if (size > volume.height() || size > volume.width()) {
            throw new IllegalArgumentException("patch " + size + " is larger than the slices (" + volume.height()
                    + "×" + volume.width() + ")");
        }
        this.volume = volume;
        this.norm = norm;
        this.frames = frames;
        this.size = size;
    }

    public Patch next(SeededRandom rng) {
        int z = rng.nextInt(volume.depth());
        int y0 = rng.nextInt(volume.height() - size + 1);
        int x0 = rng.nextInt(volume.width() - size + 1);
        return extract(z, y0, x0);
    }

    /**
     * Like {@link #next}, but the patch is cut at a random angle and zoom: rotated by an angle in [0, 2π) and
     * scaled by a factor in [0.8, 1.25] (log-uniform) about a random centre; images are interpolated
     * bilinearly, labels take the nearest voxel's class. Positions beyond the slice take its edge values.
     */
    public Patch nextAffine(SeededRandom rng) {
        int z = rng.nextInt(volume.depth());
        double half = size / 2.0;
        double cy = half + rng.nextDouble() * (volume.height() - size);
        double cx = half + rng.nextDouble() * (volume.width() - size);
        double angle = rng.uniform(0, 2 * Math.PI);
        double zoom = StrictMath.exp(rng.uniform(StrictMath.log(0.8), StrictMath.log(1.25)));
        double cos = StrictMath.cos(angle) * zoom;
        double sin = StrictMath.sin(angle) * zoom;
        float[] img = new float[frames * size * size];
        byte[] lab = new byte[size * size];
        int h = volume.height();
        int w = volume.width();
        float[] src = volume.images();
        byte[] labels = volume.labels();
        int r = frames / 2;
        long[] planes = new long[frames];
        for (int f = 0; f < frames; f++) {
            planes[f] = (long) volume.reflectZ(z + f - r) * h * w;
        }
        long centre = (long) z * h * w;
        for (int y = 0; y < size; y++) {
            double dy = y + 0.5 - half;
            double rowY = cy + cos * dy - 0.5;
            double rowX = cx + sin * dy - 0.5;
            for (int x = 0; x < size; x++) {
                double dx = x + 0.5 - half;
                // source position in voxel-centre coordinates, clamped to the slice
                double sy = Math.min(h - 1, Math.max(0, rowY - sin * dx));
                double sx = Math.min(w - 1, Math.max(0, rowX + cos * dx));
                int y0 = Math.min(h - 2, (int) sy);
                int x0 = Math.min(w - 2, (int) sx);
                float fy = (float) (sy - y0);
                float fx = (float) (sx - x0);
                int i = y * size + x;
                for (int f = 0; f < frames; f++) {
                    int o = (int) (planes[f] + (long) y0 * w + x0);
                    float top = src[o] + fx * (src[o + 1] - src[o]);
                    float bottom = src[o + w] + fx * (src[o + w + 1] - src[o + w]);
                    img[f * size * size + i] = norm.apply(top + fy * (bottom - top));
                }
                // nearest voxel: sy, sx ≥ 0, so truncating x + 0.5 rounds as Math.round does, at a fraction of
                // its cost
                lab[i] = labels[(int) (centre + (long) (int) (sy + 0.5) * w + (int) (sx + 0.5))];
            }
        }
        return new Patch(img, lab, frames, size);
    }

    /** The patch whose centre slice is {@code z} and top-left corner {@code (y0, x0)}. */
    public Patch extract(int z, int y0, int x0) {
        float[] img = new float[frames * size * size];
        byte[] lab = new byte[size * size];
        int h = volume.height();
        int w = volume.width();
        float[] src = volume.images();
        int r = frames / 2;
        for (int f = 0; f < frames; f++) {
            long plane = (long) volume.reflectZ(z + f - r) * h * w;
            for (int y = 0; y < size; y++) {
                int from = (int) (plane + (long) (y0 + y) * w + x0);
                int to = (f * size + y) * size;
                for (int x = 0; x < size; x++) {
                    img[to + x] = norm.apply(src[from + x]);
                }
            }
        }
        long plane = (long) z * h * w;
        for (int y = 0; y < size; y++) {
            System.arraycopy(volume.labels(), (int) (plane + (long) (y0 + y) * w + x0), lab, y * size, size);
        }
        return new Patch(img, lab, frames, size);
    }
}
