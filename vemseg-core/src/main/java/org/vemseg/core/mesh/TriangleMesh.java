package org.vemseg.core.mesh;

/**
 * An indexed triangle mesh: {@code vertices} holds x, y, z per vertex (physical units, or voxels when the
 * voxel size is unknown), {@code triangles} three vertex indices per triangle, counter-clockwise seen from
 * outside. Arrays are shared, not copied.
 */
public record TriangleMesh(float[] vertices, int[] triangles) {

    public TriangleMesh {
        if (vertices.length % 3 != 0 || triangles.length % 3 != 0) {
            throw new IllegalArgumentException("vertex and triangle arrays must hold triples");
        }
    }

    public static TriangleMesh empty() {
        return new TriangleMesh(new float[0], new int[0]);
    }

    public int vertexCount() {
        return vertices.length / 3;
    }

    public int triangleCount() {
        return triangles.length / 3;
    }

    public boolean isEmpty() {
        return triangles.length == 0;
    }

    /** Total surface area. */
    public double area() {
        double sum = 0;
        for (int t = 0; t < triangles.length; t += 3) {
            double[] n = normal(t);
            sum += Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
        }
        return sum / 2;
    }

    /** Enclosed volume by the divergence theorem (positive for a closed, outward-facing mesh). */
    public double volume() {
        double sum = 0;
        float[] v = vertices;
        for (int t = 0; t < triangles.length; t += 3) {
            int a = 3 * triangles[t];
            int b = 3 * triangles[t + 1];
            int c = 3 * triangles[t + 2];
            sum += v[a] * ((double) v[b + 1] * v[c + 2] - (double) v[b + 2] * v[c + 1])
                    - v[a + 1] * ((double) v[b] * v[c + 2] - (double) v[b + 2] * v[c])
                    + v[a + 2] * ((double) v[b] * v[c + 1] - (double) v[b + 1] * v[c]);
        }
        return sum / 6;
    }

    /** Unnormalised normal (twice the area) of the triangle starting at {@code triangles[t]}. */
    double[] normal(int t) {
        float[] v = vertices;
        int a = 3 * triangles[t];
        int b = 3 * triangles[t + 1];
        int c = 3 * triangles[t + 2];
        double ux = v[b] - v[a];
        double uy = v[b + 1] - v[a + 1];
        double uz = v[b + 2] - v[a + 2];
        double wx = v[c] - v[a];
        double wy = v[c + 1] - v[a + 1];
        double wz = v[c + 2] - v[a + 2];
        return new double[] {uy * wz - uz * wy, uz * wx - ux * wz, ux * wy - uy * wx};
    }

    /** This mesh moved by (dx, dy, dz) (a copy). */
    public TriangleMesh translate(double dx, double dy, double dz) {
        float[] v = vertices.clone();
        for (int i = 0; i < v.length; i += 3) {
            v[i] += (float) dx;
            v[i + 1] += (float) dy;
            v[i + 2] += (float) dz;
        }
        return new TriangleMesh(v, triangles);
    }

    /** Several meshes as one (vertex indices shifted). */
    public static TriangleMesh concat(java.util.List<TriangleMesh> parts) {
        int nv = 0;
        int nt = 0;
        for (TriangleMesh m : parts) {
            nv += m.vertices.length;
            nt += m.triangles.length;
        }
        float[] v = new float[nv];
        int[] t = new int[nt];
        int ov = 0;
        int ot = 0;
        for (TriangleMesh m : parts) {
            System.arraycopy(m.vertices, 0, v, ov, m.vertices.length);
            int shift = ov / 3;
            for (int i = 0; i < m.triangles.length; i++) {
                t[ot + i] = m.triangles[i] + shift;
            }
            ov += m.vertices.length;
            ot += m.triangles.length;
        }
        return new TriangleMesh(v, t);
    }
}
