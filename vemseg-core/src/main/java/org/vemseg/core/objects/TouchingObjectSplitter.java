package org.vemseg.core.objects;

import java.util.Arrays;

/**
 * Separates touching roundish objects (vesicles, nuclei): seeds at the maxima of the Euclidean distance
 * transform, then a seeded 3D watershed of the inverted distance map inside the mask.
 *
 * <p>Seeds are the h-maxima of the distance map: its regional maxima after morphological reconstruction by
 * dilation of {@code distance - h} under {@code distance}, so a maximum survives only if it rises more than
 * {@code h} above the saddle that joins it to a higher one. Two balls of radius R whose overlap leaves a neck
 * of radius r keep one seed each when {@code h < R - r}; the small maxima that the voxel staircase makes on
 * an object's surface do not. A regional maximum is a plateau, kept whole as one seed region. Optionally,
 * seeds closer than {@code minDistance} to a deeper seed of the same object are dropped. An object too thin
 * to have an h-maximum gets its deepest voxel as seed, so no object is lost.
 *
 * <p>Flooding: a priority queue (deepest first, 6-neighbourhood) grows all seeds at once; each voxel takes
 * the label of the neighbour that reached it first. Labels are renumbered in scan order.
 */
public final class TouchingObjectSplitter {

    private TouchingObjectSplitter() {
    }

    /**
     * @param components the connected components of {@code mask}
     * @param spacing voxel size (z, y, x); {@code h} and {@code minDistance} are in its unit
     * @param h the least height of a kept distance maximum above its saddle (e.g. one voxel)
     * @param minDistance smallest distance between two seeds of one object (0 = no such rule)
     */
    public static LabelVolume split(Mask mask, LabelVolume components, double[] spacing, double h,
            double minDistance) {
        int d = mask.depth();
        int hh = mask.height();
        int w = mask.width();
        if (components.count() == 0) {
            return components;
        }
        float[] dist = DistanceTransform.compute(mask, spacing);
        for (int i = 0; i < dist.length; i++) {
            if (dist[i] == Float.POSITIVE_INFINITY) {
                dist[i] = Float.MAX_VALUE / 2; // a mask without background: one flat object
            }
        }
        int[] out = new int[mask.size()];
        int seeds = seeds(components, dist, (float) h, spacing, minDistance, out);
        LongHeap queue = new LongHeap();
        for (int i = 0; i < out.length; i++) {
            if (out[i] != 0) {
                queue.push(key(dist[i], i));
            }
        }
        int plane = hh * w;
        byte[] m = mask.voxels();
        while (!queue.isEmpty()) {
            int i = (int) queue.pop();
            int label = out[i];
            int z = i / plane;
            int rem = i - z * plane;
            int y = rem / w;
            int x = rem - y * w;
            if (x > 0) {
                flood(i - 1, label, m, out, dist, queue);
            }
            if (x + 1 < w) {
                flood(i + 1, label, m, out, dist, queue);
            }
            if (y > 0) {
                flood(i - w, label, m, out, dist, queue);
            }
            if (y + 1 < hh) {
                flood(i + w, label, m, out, dist, queue);
            }
            if (z > 0) {
                flood(i - plane, label, m, out, dist, queue);
            }
            if (z + 1 < d) {
                flood(i + plane, label, m, out, dist, queue);
            }
        }
        return renumber(new LabelVolume(d, hh, w, out, seeds));
    }

    private static void flood(int j, int label, byte[] m, int[] out, float[] dist, LongHeap queue) {
        if (m[j] != 0 && out[j] == 0) {
            out[j] = label;
            queue.push(key(dist[j], j));
        }
    }

    /** Deepest first: a non-negative float's bits order like its value, so invert them for a min-heap. */
    static long key(float distance, int index) {
        long priority = Integer.MAX_VALUE - Float.floatToRawIntBits(distance);
        return (priority << 32) | index;
    }

    /**
     * Paints seed regions 1..n into {@code seedsOut} and returns n: the h-maxima of {@code dist}, thinned by
     * {@code minDistance}, plus the deepest voxel of every object left without a seed.
     */
    static int seeds(LabelVolume components, float[] dist, float h, double[] spacing, double minDistance,
            int[] seedsOut) {
        int d = components.depth();
        int hh = components.height();
        int w = components.width();
        int[] lab = components.labels();
        float[] g = HMaxima.reconstruct(dist, lab, h, d, hh, w);
        int[] regions = HMaxima.regionalMaxima(g, lab, d, hh, w, seedsOut);
        // regions: first voxel of each regional-maximum plateau, labels 1..n in seedsOut; order deepest first.
        int n = regions.length;
        long[] order = new long[n];
        for (int r = 0; r < n; r++) {
            order[r] = key(dist[regions[r]], r);
        }
        Arrays.sort(order);
        int[] keep = new int[n + 1];
        byte[] covered = minDistance > 0 ? new byte[lab.length] : null;
        boolean[] seeded = new boolean[components.count() + 1];
        int next = 0;
        for (long k : order) {
            int r = (int) k;
            int i = regions[r];
            if (covered != null && covered[i] != 0) {
                continue;
            }
            keep[r + 1] = ++next;
            seeded[lab[i]] = true;
            if (covered != null) {
                cover(covered, lab, i, minDistance, spacing, d, hh, w);
            }
        }
        for (int i = 0; i < seedsOut.length; i++) {
            if (seedsOut[i] != 0) {
                seedsOut[i] = keep[seedsOut[i]];
            }
        }
        // Objects without an h-maximum (thinner than h everywhere): their deepest voxel.
        int[] deepest = new int[components.count() + 1];
        Arrays.fill(deepest, -1);
        for (int i = 0; i < lab.length; i++) {
            int l = lab[i];
            if (l != 0 && !seeded[l] && (deepest[l] < 0 || dist[i] > dist[deepest[l]])) {
                deepest[l] = i;
            }
        }
        for (int l = 1; l < deepest.length; l++) {
            if (deepest[l] >= 0) {
                seedsOut[deepest[l]] = ++next;
            }
        }
        return next;
    }

    /** Marks the voxels of the seed's component within {@code radius} (physical) of voxel {@code i}. */
    private static void cover(byte[] covered, int[] lab, int i, double radius, double[] s, int d, int h, int w) {
        int plane = h * w;
        int z0 = i / plane;
        int y0 = (i % plane) / w;
        int x0 = i % w;
        int label = lab[i];
        int rz = (int) Math.floor(radius / s[0]);
        int ry = (int) Math.floor(radius / s[1]);
        int rx = (int) Math.floor(radius / s[2]);
        double r2 = radius * radius;
        for (int z = Math.max(0, z0 - rz); z <= Math.min(d - 1, z0 + rz); z++) {
            double dz2 = sq((z - z0) * s[0]);
            for (int y = Math.max(0, y0 - ry); y <= Math.min(h - 1, y0 + ry); y++) {
                double dzy2 = dz2 + sq((y - y0) * s[1]);
                if (dzy2 >= r2 && (z != z0 || y != y0)) {
                    continue;
                }
                int row = (z * h + y) * w;
                for (int x = Math.max(0, x0 - rx); x <= Math.min(w - 1, x0 + rx); x++) {
                    if (dzy2 + sq((x - x0) * s[2]) < r2 && lab[row + x] == label) {
                        covered[row + x] = 1;
                    }
                }
            }
        }
    }

    private static double sq(double v) {
        return v * v;
    }

    /** Renumbers labels 1, 2, ... in order of first appearance in scan order. */
    static LabelVolume renumber(LabelVolume v) {
        int[] map = new int[v.count() + 1];
        int next = 0;
        int[] l = v.labels();
        for (int i = 0; i < l.length; i++) {
            int a = l[i];
            if (a != 0) {
                if (map[a] == 0) {
                    map[a] = ++next;
                }
                l[i] = map[a];
            }
        }
        return new LabelVolume(v.depth(), v.height(), v.width(), l, next);
    }
}
