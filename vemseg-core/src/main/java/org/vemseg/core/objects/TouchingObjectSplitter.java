package org.vemseg.core.objects;

import java.util.Arrays;

/**
 * Separates touching roundish objects (vesicles, nuclei): seeds at the maxima of the Euclidean distance
 * transform, then a seeded 3D watershed of the inverted distance map inside the mask.
 *
 * <p>Seeds: voxels whose distance is at least that of all 26 neighbours, taken from the deepest down. A
 * candidate is dropped if it lies inside the suppression ball of an accepted seed of the same component:
 * the ball's radius is the larger of the seed's own distance value (its inscribed sphere: a second centre
 * inside the sphere of the first is a bump, not a second object) and {@code minDistance}. Two equal
 * spheres touching or overlapping by less than a radius thus keep one seed each. Every component keeps at
 * least its deepest voxel as seed, so no object is lost.
 *
 * <p>Flooding: a priority queue (deepest first, 6-neighbourhood) grows all seeds at once; each voxel takes
 * the label of the neighbour that reached it first. Labels are renumbered in scan order.
 */
public final class TouchingObjectSplitter {

    private TouchingObjectSplitter() {
    }

    /**
     * @param components the connected components of {@code mask} (suppression balls do not cross objects)
     * @param spacing voxel size (z, y, x) in the unit of {@code minDistance}
     * @param minDistance smallest distance between two seeds, in the unit of {@code spacing} (0 = ball rule only)
     */
    public static LabelVolume split(Mask mask, LabelVolume components, double[] spacing, double minDistance) {
        int d = mask.depth();
        int h = mask.height();
        int w = mask.width();
        if (components.count() == 0) {
            return components;
        }
        float[] dist = DistanceTransform.compute(mask, spacing);
        for (int i = 0; i < dist.length; i++) {
            if (dist[i] == Float.POSITIVE_INFINITY) {
                dist[i] = Float.MAX_VALUE; // a mask without background: one flat object
            }
        }
        int[] seeds = seeds(components, dist, spacing, minDistance);
        int[] out = new int[mask.size()];
        LongHeap queue = new LongHeap();
        for (int s = 0; s < seeds.length; s++) {
            out[seeds[s]] = s + 1;
            queue.push(key(dist[seeds[s]], seeds[s]));
        }
        int plane = h * w;
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
            if (y + 1 < h) {
                flood(i + w, label, m, out, dist, queue);
            }
            if (z > 0) {
                flood(i - plane, label, m, out, dist, queue);
            }
            if (z + 1 < d) {
                flood(i + plane, label, m, out, dist, queue);
            }
        }
        return renumber(new LabelVolume(d, h, w, out, seeds.length));
    }

    private static void flood(int j, int label, byte[] m, int[] out, float[] dist, LongHeap queue) {
        if (m[j] != 0 && out[j] == 0) {
            out[j] = label;
            queue.push(key(dist[j], j));
        }
    }

    /** Deepest first: a non-negative float's bits order like its value, so invert them for a min-heap. */
    private static long key(float distance, int index) {
        long priority = Integer.MAX_VALUE - Float.floatToRawIntBits(distance);
        return (priority << 32) | index;
    }

    /** Seed voxel indices in order of decreasing distance. */
    static int[] seeds(LabelVolume components, float[] dist, double[] spacing, double minDistance) {
        int d = components.depth();
        int h = components.height();
        int w = components.width();
        int[] lab = components.labels();
        long[] candidates = new long[1024];
        int n = 0;
        for (int z = 0; z < d; z++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = (z * h + y) * w + x;
                    if (lab[i] != 0 && isLocalMax(dist, i, z, y, x, d, h, w)) {
                        if (n == candidates.length) {
                            candidates = Arrays.copyOf(candidates, n * 2);
                        }
                        candidates[n++] = key(dist[i], i);
                    }
                }
            }
        }
        Arrays.sort(candidates, 0, n);
        byte[] covered = new byte[lab.length];
        int[] seeds = new int[Math.min(n, 1024)];
        int count = 0;
        for (int c = 0; c < n; c++) {
            int i = (int) candidates[c];
            if (covered[i] != 0) {
                continue;
            }
            if (count == seeds.length) {
                seeds = Arrays.copyOf(seeds, count * 2);
            }
            seeds[count++] = i;
            cover(covered, lab, i, Math.max(dist[i], minDistance), spacing, d, h, w);
        }
        return Arrays.copyOf(seeds, count);
    }

    private static boolean isLocalMax(float[] dist, int i, int z, int y, int x, int d, int h, int w) {
        float v = dist[i];
        for (int dz = -1; dz <= 1; dz++) {
            int zz = z + dz;
            if (zz < 0 || zz >= d) {
                continue;
            }
            for (int dy = -1; dy <= 1; dy++) {
                int yy = y + dy;
                if (yy < 0 || yy >= h) {
                    continue;
                }
                int row = (zz * h + yy) * w;
                for (int dx = -1; dx <= 1; dx++) {
                    int xx = x + dx;
                    if (xx >= 0 && xx < w && dist[row + xx] > v) {
                        return false;
                    }
                }
            }
        }
        return true;
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
