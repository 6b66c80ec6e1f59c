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
