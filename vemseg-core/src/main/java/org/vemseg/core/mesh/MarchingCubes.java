package org.vemseg.core.mesh;

import java.util.Arrays;

/**
 * Marching cubes: the iso-surface {@code value = iso} of a scalar volume as a closed, consistently oriented
 * triangle mesh (see {@link CubeCases}), in physical units. The volume is treated as surrounded by values
 * below the iso level, so surfaces touching the border are closed too.
 *
 * <p>Works slice pair by slice pair with padded planes: memory beyond the output is a few planes. Vertices
 * are shared between neighbouring cubes (one vertex per crossed grid edge), so the mesh is indexed and
 * watertight, ready for STL/PLY/OBJ.
 */
public final class MarchingCubes {

    /** Supplies one z slice of values (x fastest) into a {@code height * width} array. */
    @FunctionalInterface
    public interface Slices {
        void load(int z, float[] plane);
    }

    private final int d;
    private final int h;
    private final int w;
    private final double[] spacing;
    private final float iso;

    private final int pw;
    private final int ph;
    private float[] vert = new float[3 * 4096];
    private int nv;
    private int[] tri = new int[3 * 8192];
    private int nt;

    private MarchingCubes(int d, int h, int w, double[] spacing, float iso) {
        this.d = d;
        this.h = h;
        this.w = w;
        this.spacing = spacing.clone();
        this.iso = iso;
        this.pw = w + 2;
        this.ph = h + 2;
    }

    /**
     * The surface of a binary mask, one byte per voxel (non-zero = inside), z-y-x order. The iso level is
     * 0.5, so vertices lie half-way between voxel centres.
     */
    public static TriangleMesh ofMask(byte[] m, int d, int h, int w, double[] spacing) {
        int plane = h * w;
        return of(d, h, w, (z, out) -> {
            int base = z * plane;
            for (int i = 0; i < plane; i++) {
                out[i] = m[base + i] != 0 ? 1f : 0f;
            }
        }, spacing, 0.5f);
    }

    /** The iso-surface of a float volume in z-y-x order. */
    public static TriangleMesh of(float[] values, int d, int h, int w, double[] spacing, float iso) {
        int plane = h * w;
        return of(d, h, w, (z, out) -> System.arraycopy(values, z * plane, out, 0, plane), spacing, iso);
    }

    /**
     * @param spacing voxel size (z, y, x); vertex coordinates are voxel index times spacing, (x, y, z) order
     */
    public static TriangleMesh of(int d, int h, int w, Slices slices, double[] spacing, float iso) {
        if (spacing.length != 3) {
            throw new IllegalArgumentException("spacing must be (z, y, x)");
        }
        MarchingCubes mc = new MarchingCubes(d, h, w, spacing, iso);
        mc.run(slices);
        return new TriangleMesh(Arrays.copyOf(mc.vert, mc.nv), Arrays.copyOf(mc.tri, mc.nt));
    }

    private void run(Slices slices) {
        int pn = ph * pw;
        // Outside the volume: 0 for masks and probabilities (so border vertices sit half-way), else iso - 1.
        float below = iso > 0 ? 0f : iso - 1f;
        float[] lower = new float[pn];
        float[] upper = new float[pn];
        Arrays.fill(lower, below);
        float[] raw = new float[h * w];
        // Vertex ids of x- and y-edges in the lower and upper plane, and of z-edges between them.
        int[] xLower = new int[pn];
        int[] yLower = new int[pn];
        int[] xUpper = new int[pn];
        int[] yUpper = new int[pn];
        int[] zEdge = new int[pn];
        Arrays.fill(xLower, -1);
        Arrays.fill(yLower, -1);
        int[] ids = new int[12];
        // Padded plane index p = (y + 1) * pw + (x + 1); cube (pz, py, px) spans padded z pz..pz+1 with
        // padded z = z + 1, so the first cube row lies between the all-below pad and slice 0.
        for (int pz = 0; pz <= d; pz++) {
            if (pz < d) {
                slices.load(pz, raw);
                Arrays.fill(upper, below);
                for (int y = 0; y < h; y++) {
                    System.arraycopy(raw, y * w, upper, (y + 1) * pw + 1, w);
                }
            } else {
                Arrays.fill(upper, below);
            }
            Arrays.fill(xUpper, -1);
            Arrays.fill(yUpper, -1);
            Arrays.fill(zEdge, -1);
            for (int py = 0; py < ph - 1; py++) {
                int row = py * pw;
                for (int px = 0; px < pw - 1; px++) {
                    int p = row + px;
                    int cs = (lower[p] > iso ? 1 : 0) | (lower[p + 1] > iso ? 2 : 0)
                            | (lower[p + pw] > iso ? 4 : 0) | (lower[p + pw + 1] > iso ? 8 : 0)
                            | (upper[p] > iso ? 16 : 0) | (upper[p + 1] > iso ? 32 : 0)
                            | (upper[p + pw] > iso ? 64 : 0) | (upper[p + pw + 1] > iso ? 128 : 0);
                    if (cs == 0 || cs == 255) {
                        continue;
                    }
                    int[] t = CubeCases.TRIANGLES[cs];
                    Arrays.fill(ids, -1);
                    for (int k = 0; k < t.length; k++) {
                        int e = t[k];
                        int id = ids[e];
                        if (id < 0) {
                            id = vertex(e, p, pz, px, py, lower, upper, xLower, yLower, xUpper, yUpper, zEdge);
                            ids[e] = id;
                        }
                        addIndex(id);
                    }
                }
            }
            float[] tf = lower;
            lower = upper;
            upper = tf;
            int[] ti = xLower;
            xLower = xUpper;
            xUpper = ti;
            ti = yLower;
            yLower = yUpper;
            yUpper = ti;
        }
    }

    /** The shared vertex on edge {@code e} of the cube whose lowest corner is padded (pz, py, px). */
    private int vertex(int e, int p, int pz, int px, int py, float[] lower, float[] upper, int[] xLower,
            int[] yLower, int[] xUpper, int[] yUpper, int[] zEdge) {
        int c0 = CubeCases.EDGE_CORNERS[e][0];
        int cx = c0 & 1;
        int cy = c0 >> 1 & 1;
        int cz = c0 >> 2 & 1;
        int q = p + cy * pw + cx;
        int axis = e >> 2;
        int[] store;
        float v0;
        float v1;
        if (axis == 2) {
            store = zEdge;
            v0 = lower[q];
            v1 = upper[q];
        } else {
            float[] pl = cz == 0 ? lower : upper;
            store = axis == 0 ? (cz == 0 ? xLower : xUpper) : (cz == 0 ? yLower : yUpper);
            v0 = pl[q];
            v1 = pl[q + (axis == 0 ? 1 : pw)];
        }
        int id = store[q];
        if (id >= 0) {
            return id;
        }
        float t = (iso - v0) / (v1 - v0);
        // Voxel coordinates: padded index minus one.
        double x = px + cx - 1 + (axis == 0 ? t : 0);
        double y = py + cy - 1 + (axis == 1 ? t : 0);
        double z = pz + cz - 1 + (axis == 2 ? t : 0);
        if (nv + 3 > vert.length) {
            vert = Arrays.copyOf(vert, vert.length * 2);
        }
        vert[nv] = (float) (x * spacing[2]);
        vert[nv + 1] = (float) (y * spacing[1]);
        vert[nv + 2] = (float) (z * spacing[0]);
        id = nv / 3;
        nv += 3;
        store[q] = id;
        return id;
    }

    private void addIndex(int id) {
        if (nt == tri.length) {
            tri = Arrays.copyOf(tri, tri.length * 2);
        }
        tri[nt++] = id;
    }
}
