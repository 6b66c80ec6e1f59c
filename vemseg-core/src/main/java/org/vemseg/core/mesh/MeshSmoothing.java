package org.vemseg.core.mesh;

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

    /**
     * Vertex neighbours in compressed form: {@code [0]} = start offsets (n + 1), {@code [1]} = neighbours. Each
     * triangle (a, b, c) lists b after a, c after b and a after c: in a closed, consistently oriented mesh (as
     * marching cubes makes) every directed edge occurs once, so every neighbour is listed exactly once without
     * sorting. On an open mesh a border vertex misses a neighbour, which only weakens smoothing there.
     */
    static int[][] adjacency(TriangleMesh mesh) {
        int n = mesh.vertexCount();
        int[] t = mesh.triangles();
        int[] start = new int[n + 1];
        for (int v : t) {
            start[v + 1]++;
        }
        for (int i = 0; i < n; i++) {
            start[i + 1] += start[i];
        }
        int[] fill = java.util.Arrays.copyOf(start, n);
        int[] nb = new int[t.length];
        for (int i = 0; i < t.length; i += 3) {
            int a = t[i];
            int b = t[i + 1];
            int c = t[i + 2];
            nb[fill[a]++] = b;
            nb[fill[b]++] = c;
            nb[fill[c]++] = a;
        }
        return new int[][] {start, nb};
    }
}
