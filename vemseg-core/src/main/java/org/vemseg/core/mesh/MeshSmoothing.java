package org.vemseg.core.mesh;

import java.util.Arrays;

/**
 * Smoothing that moves vertices towards the average of their neighbours, removing the voxel staircase of
 * marching cubes on masks. Laplacian smoothing shrinks the surface; Taubin's lambda/mu smoothing
 * (a shrinking step followed by an inflating one) keeps the volume nearly constant and is the default.
 */
public final class MeshSmoothing {

    /** Taubin's pass-band parameters (lambda = 0.5, mu = -0.53). */
    public static final double LAMBDA = 0.5;
    public static final double MU = -0.53;

    private MeshSmoothing() {
    }

    /** {@code iterations} rounds of Taubin smoothing (each round one lambda and one mu step); a new mesh. */
    public static TriangleMesh taubin(TriangleMesh mesh, int iterations) {
        int[][] adj = adjacency(mesh);
        float[] v = mesh.vertices().clone();
        float[] tmp = new float[v.length];
        for (int i = 0; i < iterations; i++) {
            step(v, tmp, adj, LAMBDA);
            step(v, tmp, adj, MU);
        }
        return new TriangleMesh(v, mesh.triangles());
    }

    /** {@code iterations} Laplacian steps with factor {@code lambda} in (0, 1]; a new mesh. */
    public static TriangleMesh laplacian(TriangleMesh mesh, int iterations, double lambda) {
        int[][] adj = adjacency(mesh);
        float[] v = mesh.vertices().clone();
        float[] tmp = new float[v.length];
        for (int i = 0; i < iterations; i++) {
            step(v, tmp, adj, lambda);
        }
        return new TriangleMesh(v, mesh.triangles());
    }

    private static void step(float[] v, float[] tmp, int[][] adj, double factor) {
        int[] start = adj[0];
        int[] nb = adj[1];
        int n = v.length / 3;
        for (int i = 0; i < n; i++) {
            int s = start[i];
            int e = start[i + 1];
            if (e == s) {
                tmp[3 * i] = v[3 * i];
                tmp[3 * i + 1] = v[3 * i + 1];
                tmp[3 * i + 2] = v[3 * i + 2];
                continue;
            }
            double ax = 0;
            double ay = 0;
            double az = 0;
            for (int k = s; k < e; k++) {
                int j = 3 * nb[k];
                ax += v[j];
                ay += v[j + 1];
                az += v[j + 2];
            }
            double inv = 1.0 / (e - s);
            tmp[3 * i] = (float) (v[3 * i] + factor * (ax * inv - v[3 * i]));
            tmp[3 * i + 1] = (float) (v[3 * i + 1] + factor * (ay * inv - v[3 * i + 1]));
            tmp[3 * i + 2] = (float) (v[3 * i + 2] + factor * (az * inv - v[3 * i + 2]));
        }
        System.arraycopy(tmp, 0, v, 0, v.length);
    }

    /** Vertex neighbours in compressed form: {@code [0]} = start offsets (n + 1), {@code [1]} = neighbours. */
    static int[][] adjacency(TriangleMesh mesh) {
        int n = mesh.vertexCount();
        int[] t = mesh.triangles();
        // Each triangle contributes directed edges both ways; duplicates (an edge in two triangles) removed.
        long[] edges = new long[t.length * 2];
        int m = 0;
        for (int i = 0; i < t.length; i += 3) {
            for (int k = 0; k < 3; k++) {
                int a = t[i + k];
                int b = t[i + (k + 1) % 3];
                edges[m++] = ((long) a << 32) | b;
                edges[m++] = ((long) b << 32) | a;
            }
        }
        Arrays.sort(edges, 0, m);
        int[] start = new int[n + 1];
        int[] nb = new int[m];
        int k = 0;
        long prev = -1;
        for (int i = 0; i < m; i++) {
            if (edges[i] == prev) {
                continue;
            }
            prev = edges[i];
            int a = (int) (prev >>> 32);
            start[a + 1]++;
            nb[k++] = (int) prev;
        }
        for (int i = 0; i < n; i++) {
            start[i + 1] += start[i];
        }
        return new int[][] {start, Arrays.copyOf(nb, k)};
    }
}
