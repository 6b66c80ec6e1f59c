package org.vemseg.nn.data;

import java.util.List;
import org.vemseg.core.volume.Plane;
import org.vemseg.nn.bundle.Normalisation;

/**
 * Draws random square patches with z context from a {@link LabelledVolume}: a random plane (when there are
 * several), centre slice and position, the {@code frames} slices around it (reflected at the volume's ends) as
 * normalised planes, and the centre slice's labels. All randomness comes from the {@link SeededRandom} passed in.
 *
 * <p>Planes other than xy ({@link Plane}) are cut from the same arrays through a {@link PlaneView}: an xz patch
 * is a patch of the volume transposed so that y is its z, and its frames are neighbouring xz slices (along y), as
 * orthoplane prediction feeds the network. Their slices are as tall (xz) or wide (yz) as the stack is deep; where
 * that is less than the patch, the patch continues by reflection about the first and last slice.
 */
public final class PatchSampler {

    private final LabelledVolume volume;
    private final PlaneView[] views;
    private final Normalisation norm;
    private final int frames;
    private final int size;

    /** A sampler of xy patches. */
    public PatchSampler(LabelledVolume volume, Normalisation norm, int frames, int size) {
        this(volume, List.of(Plane.XY), norm, frames, size);
    }

    /**
     * A sampler of patches from each of {@code planes}, drawn with equal probability (one plane: no draw, so an
     * xy-only sampler draws exactly as before planes existed).
     *
     * @throws IllegalArgumentException if a plane's slices are smaller than the patch along y or x of the volume
     *     (along z they may be smaller), or a plane other than xy is asked of a one-slice volume
     */
    public PatchSampler(LabelledVolume volume, List<Plane> planes, Normalisation norm, int frames, int size) {
        if (planes.isEmpty() || volume.depth() < 2 && !planes.equals(List.of(Plane.XY))) {
            throw new IllegalArgumentException("cannot sample planes " + planes + " from " + volume.depth()
                    + " slice(s)");
        }
        for (Plane p : planes) {
            int[] axes = p.axes();
            long[] shape = volume.shape();
            if (axes[1] != 0 && size > shape[axes[1]] || axes[2] != 0 && size > shape[axes[2]]) {
                throw new IllegalArgumentException("patch " + size + " is larger than the " + p + " slices ("
                        + shape[axes[1]] + "×" + shape[axes[2]] + ")");
            }
        }
        this.volume = volume;
        this.views = planes.stream().map(p -> new PlaneView(volume, p)).toArray(PlaneView[]::new);
        this.norm = norm;
        this.frames = frames;
        this.size = size;
    }

    private PlaneView nextView(SeededRandom rng) {
        return views.length == 1 ? views[0] : views[rng.nextInt(views.length)];
    }

    public Patch next(SeededRandom rng) {
        PlaneView v = nextView(rng);
        int z = rng.nextInt(v.depth);
        int y0 = corner(v.height, rng);
        int x0 = corner(v.width, rng);
        return extract(v, z, y0, x0);
    }

    /** A random first row (column) of a patch along a side of {@code n}; negative where the patch overhangs it. */
    private int corner(int n, SeededRandom rng) {
        return n >= size ? rng.nextInt(n - size + 1) : n - size + rng.nextInt(size - n + 1);
    }

    /**
     * Like {@link #next}, but the patch is cut at a random angle and zoom: rotated by an angle in [0, 2π) and
     * scaled by a factor in [0.8, 1.25] (log-uniform) about a random centre; images are interpolated
     * bilinearly, labels take the nearest voxel's class. Positions beyond the slice take its edge values, or, on a
     * side shorter than the patch (xz and yz slices of a shallow stack), are reflected into it.
     */
    public Patch nextAffine(SeededRandom rng) {
        PlaneView v = nextView(rng);
        int z = rng.nextInt(v.depth);
        double half = size / 2.0;
        double cy = half + rng.nextDouble() * (v.height - size);
        double cx = half + rng.nextDouble() * (v.width - size);
        double angle = rng.uniform(0, 2 * Math.PI);
        double zoom = StrictMath.exp(rng.uniform(StrictMath.log(0.8), StrictMath.log(1.25)));
        double cos = StrictMath.cos(angle) * zoom;
        double sin = StrictMath.sin(angle) * zoom;
        float[] img = new float[frames * size * size];
        byte[] lab = new byte[size * size];
        int h = v.height;
        int w = v.width;
        boolean reflectY = h < size;
        boolean reflectX = w < size;
        float[] src = v.images;
        byte[] labels = v.labels;
        int r = frames / 2;
        long[] planes = new long[frames];
        for (int f = 0; f < frames; f++) {
            planes[f] = (long) PlaneView.reflect(z + f - r, v.depth) * v.strideZ;
        }
        long centre = (long) z * v.strideZ;
        int sY = v.strideY;
        int sX = v.strideX;
        for (int y = 0; y < size; y++) {
            double dy = y + 0.5 - half;
            double rowY = cy + cos * dy - 0.5;
            double rowX = cx + sin * dy - 0.5;
            for (int x = 0; x < size; x++) {
                double dx = x + 0.5 - half;
                // source position in voxel-centre coordinates, inside the slice
                double sy = inside(rowY - sin * dx, h, reflectY);
                double sx = inside(rowX + cos * dx, w, reflectX);
                int y0 = Math.min(h - 2, (int) sy);
                int x0 = Math.min(w - 2, (int) sx);
                float fy = (float) (sy - y0);
                float fx = (float) (sx - x0);
                int i = y * size + x;
                for (int f = 0; f < frames; f++) {
                    int o = (int) (planes[f] + (long) y0 * sY + (long) x0 * sX);
                    float top = src[o] + fx * (src[o + sX] - src[o]);
                    float bottom = src[o + sY] + fx * (src[o + sY + sX] - src[o + sY]);
                    img[f * size * size + i] = norm.apply(top + fy * (bottom - top));
                }
                // nearest voxel: sy, sx ≥ 0, so truncating x + 0.5 rounds as Math.round does, at a fraction of
                // its cost
                lab[i] = labels[(int) (centre + (long) (int) (sy + 0.5) * sY + (long) (int) (sx + 0.5) * sX)];
            }
        }
        return new Patch(img, lab, frames, size);
    }

    /** Position {@code s} of a side of {@code n} voxels brought inside it: clamped, or reflected. */
    private static double inside(double s, int n, boolean reflect) {
        return reflect ? PlaneView.reflect(s, n) : Math.min(n - 1, Math.max(0, s));
    }

    /** The xy patch whose centre slice is {@code z} and top-left corner {@code (y0, x0)}. */
    public Patch extract(int z, int y0, int x0) {
        return extract(Plane.XY, z, y0, x0);
    }

    /**
     * The patch of {@code plane} whose centre slice is {@code z} and top-left corner {@code (y0, x0)}, in the
     * coordinates of the plane's view ({@link Plane#axes()}); rows and columns outside the slice are reflected.
     */
    public Patch extract(Plane plane, int z, int y0, int x0) {
        return extract(new PlaneView(volume, plane), z, y0, x0);
    }

    private Patch extract(PlaneView v, int z, int y0, int x0) {
        float[] img = new float[frames * size * size];
        byte[] lab = new byte[size * size];
        int[] rows = new int[size];
        int[] columns = new int[size];
        for (int k = 0; k < size; k++) {
            rows[k] = PlaneView.reflect(y0 + k, v.height) * v.strideY;
            columns[k] = PlaneView.reflect(x0 + k, v.width) * v.strideX;
        }
        float[] src = v.images;
        int r = frames / 2;
        for (int f = 0; f < frames; f++) {
            int plane = PlaneView.reflect(z + f - r, v.depth) * v.strideZ;
            for (int y = 0; y < size; y++) {
                int from = plane + rows[y];
                int to = (f * size + y) * size;
                for (int x = 0; x < size; x++) {
                    img[to + x] = norm.apply(src[from + columns[x]]);
                }
            }
        }
        int plane = z * v.strideZ;
        for (int y = 0; y < size; y++) {
            int from = plane + rows[y];
            for (int x = 0; x < size; x++) {
                lab[y * size + x] = v.labels[from + columns[x]];
            }
        }
        return new Patch(img, lab, frames, size);
    }
}
