package org.vemseg.core.mesh;

import java.util.ArrayList;
import java.util.List;

/**
 * The marching-cubes case table, built at class load from first principles rather than typed in, so that it
 * is closed by construction.
 *
 * <p>Corners are numbered {@code c = x + 2y + 4z} within the cube, edges {@code e = 4 * axis + k} (axis
 * 0 = x, 1 = y, 2 = z; {@code k} the k-th corner lacking that axis bit). For each of the 256 inside/outside
 * patterns, every cube face is walked counter-clockwise as seen from outside the cube; where the walk leaves
 * the inside it records an <em>exit</em> crossing, where it enters, an <em>entry</em>. Each exit is joined by
 * a directed segment to the entry that began its inside run. On ambiguous faces (two diagonal inside
 * corners) this separates the two inside corners; the choice depends only on the face's four corners, so
 * the two cubes sharing a face always draw the same segments, in opposite directions, and the surface has
 * no holes and a consistent orientation. Every edge crossing is left by exactly one segment and entered by
 * exactly one, so the segments form closed loops; each loop is fanned into triangles. Triangles face from
 * inside (values above the iso level) to outside.
 */
final class CubeCases {

    /** Corners (c0, c1) of each edge; c1 = c0 with the edge's axis bit set. */
    static final int[][] EDGE_CORNERS = new int[12][2];
    /** For each case, triangles as triples of edge indices. */
    static final int[][] TRIANGLES = new int[256][];

    static {
        for (int axis = 0; axis < 3; axis++) {
            int bit = 1 << axis;
            int k = 0;
            for (int c = 0; c < 8; c++) {
                if ((c & bit) == 0) {
                    EDGE_CORNERS[4 * axis + k][0] = c;
                    EDGE_CORNERS[4 * axis + k][1] = c | bit;
                    k++;
                }
            }
        }
        int[][] faces = faces();
        for (int cs = 0; cs < 256; cs++) {
            TRIANGLES[cs] = triangulate(cs, faces);
        }
        if (!facesOutward()) {
            for (int[] t : TRIANGLES) {
                for (int i = 0; i < t.length; i += 3) {
                    int tmp = t[i + 1];
                    t[i + 1] = t[i + 2];
                    t[i + 2] = tmp;
                }
            }
        }
    }

    private CubeCases() {
    }

    static int edge(int a, int b) {
        for (int e = 0; e < 12; e++) {
            int[] c = EDGE_CORNERS[e];
            if ((c[0] == a && c[1] == b) || (c[0] == b && c[1] == a)) {
                return e;
            }
        }
        throw new IllegalArgumentException("corners " + a + " and " + b + " share no edge");
    }

    /** The six faces, each as four corners in counter-clockwise order seen from outside the cube. */
    private static int[][] faces() {
        int[][] faces = new int[6][];
        int f = 0;
        for (int axis = 0; axis < 3; axis++) {
            int u = (axis + 1) % 3;
            int v = (axis + 2) % 3;
            for (int side = 0; side < 2; side++) {
                int base = side << axis;
                // (u, v) = (0,0), (1,0), (1,1), (0,1) is counter-clockwise around +axis (u x v = axis).
                int[] cyc = {base, base | (1 << u), base | (1 << u) | (1 << v), base | (1 << v)};
                if (side == 0) {
                    // Outward normal is -axis: reverse the order.
                    cyc = new int[] {cyc[0], cyc[3], cyc[2], cyc[1]};
                }
                faces[f++] = cyc;
            }
        }
        return faces;
    }

    private static int[] triangulate(int cs, int[][] faces) {
        int[] next = new int[12];
        java.util.Arrays.fill(next, -1);
        for (int[] face : faces) {
            int[] crossing = new int[4];
            boolean[] isExit = new boolean[4];
            int n = 0;
            for (int i = 0; i < 4; i++) {
                int a = face[i];
                int b = face[(i + 1) & 3];
                boolean ia = (cs >> a & 1) != 0;
                boolean ib = (cs >> b & 1) != 0;
                if (ia != ib) {
                    crossing[n] = edge(a, b);
                    isExit[n] = ia;
                    n++;
                }
            }
            for (int i = 0; i < n; i++) {
                if (isExit[i]) {
                    // The entry that opened this inside run: the nearest entry walking backwards.
                    for (int back = 1; back <= n; back++) {
                        int j = (i - back + n) % n;
                        if (!isExit[j]) {
                            next[crossing[i]] = crossing[j];
                            break;
                        }
                    }
                }
            }
        }
        List<Integer> tris = new ArrayList<>();
        boolean[] done = new boolean[12];
        for (int e = 0; e < 12; e++) {
            if (next[e] < 0 || done[e]) {
                continue;
            }
            List<Integer> loop = new ArrayList<>();
            for (int c = e; !done[c]; c = next[c]) {
                done[c] = true;
                loop.add(c);
            }
            int apex = safeApex(loop, faces);
            if (apex < 0) {
                throw new IllegalStateException("case " + cs + ": no fan triangulation keeps every face closed");
            }
            int n = loop.size();
            for (int i = 1; i + 1 < n; i++) {
                tris.add(loop.get(apex));
                tris.add(loop.get((apex + i) % n));
                tris.add(loop.get((apex + i + 1) % n));
            }
        }
        return tris.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * A fan apex whose diagonals never join two crossings on the same cube face. Such a diagonal could also
     * be drawn by the neighbouring cube across that face, and an edge shared by four triangles is not a
     * closed surface. Returns -1 if every apex has such a diagonal.
     */
    private static int safeApex(List<Integer> loop, int[][] faces) {
        int n = loop.size();
        for (int a = 0; a < n; a++) {
            boolean ok = true;
            for (int j = 2; j < n - 1 && ok; j++) {
                ok = !onCommonFace(loop.get(a), loop.get((a + j) % n), faces);
            }
            if (ok) {
                return a;
            }
        }
        return -1;
    }

    private static boolean onCommonFace(int e1, int e2, int[][] faces) {
        for (int[] f : faces) {
            boolean has1 = false;
            boolean has2 = false;
            for (int i = 0; i < 4; i++) {
                int e = edge(f[i], f[(i + 1) & 3]);
                has1 |= e == e1;
                has2 |= e == e2;
            }
            if (has1 && has2) {
                return true;
            }
        }
        return false;
    }

    /** Whether case 1 (only corner 0 inside) yields a triangle whose normal points away from corner 0. */
    private static boolean facesOutward() {
        int[] t = TRIANGLES[1];
        double[][] p = new double[3][];
        for (int i = 0; i < 3; i++) {
            p[i] = midpoint(t[i]);
        }
        double[] n = cross(sub(p[1], p[0]), sub(p[2], p[0]));
        double[] c = {(p[0][0] + p[1][0] + p[2][0]) / 3, (p[0][1] + p[1][1] + p[2][1]) / 3,
            (p[0][2] + p[1][2] + p[2][2]) / 3};
        return n[0] * c[0] + n[1] * c[1] + n[2] * c[2] > 0;
    }

    private static double[] midpoint(int e) {
        int a = EDGE_CORNERS[e][0];
        int b = EDGE_CORNERS[e][1];
        return new double[] {((a & 1) + (b & 1)) / 2.0, ((a >> 1 & 1) + (b >> 1 & 1)) / 2.0,
            ((a >> 2 & 1) + (b >> 2 & 1)) / 2.0};
    }

    private static double[] sub(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }
}
