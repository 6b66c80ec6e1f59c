package org.vemseg.core.objects;

import java.util.Arrays;

/**
 * h-maxima of a non-negative map inside labelled objects (6-neighbourhood): morphological reconstruction by
 * dilation of {@code f - h} under {@code f}, then the regional maxima (plateaus with no higher neighbour) of
 * the result. Voxels outside the objects count as 0.
 */
final class HMaxima {

    private HMaxima() {
    }

    /**
     * Reconstruction by dilation with a priority queue (highest first): each voxel takes the largest value
     * {@code min(g[p], f[q])} that any neighbour p can pass to it; stale queue entries are skipped.
     */
    static float[] reconstruct(float[] f, int[] lab, float h, int d, int hh, int w) {
        float[] g = new float[f.length];
        LongHeap queue = new LongHeap();
        for (int i = 0; i < f.length; i++) {
            if (lab[i] != 0) {
                g[i] = Math.max(f[i] - h, 0f);
                queue.push(TouchingObjectSplitter.key(g[i], i));
            }
        }
        int plane = hh * w;
        int[] nb = new int[6];
        while (!queue.isEmpty()) {
            long k = queue.pop();
            int i = (int) k;
            float v = Float.intBitsToFloat(Integer.MAX_VALUE - (int) (k >>> 32));
            if (v != g[i]) {
                continue; // a stale entry: the voxel was raised after this was queued
            }
            int n = neighbours(i, d, hh, w, plane, nb);
            for (int a = 0; a < n; a++) {
                int j = nb[a];
                if (lab[j] == 0) {
                    continue;
                }
                float nv = Math.min(v, f[j]);
                if (nv > g[j]) {
                    g[j] = nv;
                    queue.push(TouchingObjectSplitter.key(nv, j));
                }
            }
        }
        return g;
    }

    /**
     * Paints the regional maxima of {@code g} with value above 0 as regions 1..n into {@code out} and returns
     * the first voxel (in scan order) of each.
     */
    static int[] regionalMaxima(float[] g, int[] lab, int d, int hh, int w, int[] out) {
        int plane = hh * w;
        byte[] visited = new byte[g.length];
        int[] plateau = new int[64];
        int[] firsts = new int[64];
        int regions = 0;
        int[] nb = new int[6];
        for (int start = 0; start < g.length; start++) {
            if (lab[start] == 0 || visited[start] != 0) {
                continue;
            }
            float v = g[start];
            boolean isMax = v > 0;
            int size = 0;
            plateau[size++] = start;
            visited[start] = 1;
            for (int head = 0; head < size; head++) {
                int i = plateau[head];
                int n = neighbours(i, d, hh, w, plane, nb);
                for (int a = 0; a < n; a++) {
                    int j = nb[a];
                    float gj = lab[j] == 0 ? 0f : g[j];
                    if (gj > v) {
                        isMax = false;
                    } else if (gj == v && lab[j] != 0 && visited[j] == 0) {
                        visited[j] = 1;
                        if (size == plateau.length) {
                            plateau = Arrays.copyOf(plateau, size * 2);
                        }
                        plateau[size++] = j;
                    }
                }
            }
            if (isMax) {
                regions++;
                for (int k = 0; k < size; k++) {
                    out[plateau[k]] = regions;
                }
                if (regions > firsts.length) {
                    firsts = Arrays.copyOf(firsts, regions * 2);
                }
                firsts[regions - 1] = start;
            }
        }
        return Arrays.copyOf(firsts, regions);
    }

    /** The 6 face neighbours of voxel {@code i} that lie inside the volume, written to {@code nb}; their count. */
    private static int neighbours(int i, int d, int hh, int w, int plane, int[] nb) {
        int z = i / plane;
        int rem = i - z * plane;
        int y = rem / w;
        int x = rem - y * w;
        int n = 0;
        if (x > 0) {
            nb[n++] = i - 1;
        }
        if (x + 1 < w) {
            nb[n++] = i + 1;
        }
        if (y > 0) {
            nb[n++] = i - w;
        }
        if (y + 1 < hh) {
            nb[n++] = i + w;
        }
        if (z > 0) {
            nb[n++] = i - plane;
        }
        if (z + 1 < d) {
            nb[n++] = i + plane;
        }
        return n;
    }
}
