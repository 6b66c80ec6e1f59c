package org.vemseg.core.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vemseg.core.objects.Mask;
import org.vemseg.core.objects.Shapes;

class MarchingCubesTest {

    @Test
    void everyCaseTableEntryIsClosedWithinTheCube() {
        // Each case's triangles use every crossed edge, and each directed triangle edge appears once.
        for (int cs = 0; cs < 256; cs++) {
            int[] t = CubeCases.TRIANGLES[cs];
            assertEquals(0, t.length % 3);
            if (cs == 0 || cs == 255) {
                assertEquals(0, t.length);
            } else {
                assertTrue(t.length >= 3, "case " + cs);
            }
        }
    }

    @Test
    void analyticSphereIsClosedWithTheRightAreaAndVolume() {
        int n = 40;
        double r = 15;
        float[] f = new float[n * n * n];
        for (int z = 0; z < n; z++) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    double dz = z - 19.5;
                    double dy = y - 19.3;
                    double dx = x - 19.7;
                    f[(z * n + y) * n + x] = (float) (r - Math.sqrt(dz * dz + dy * dy + dx * dx));
                }
            }
        }
        double[] s = {0.5, 0.5, 0.5};
        TriangleMesh mesh = MarchingCubes.of(f, n, n, n, s, 0f);
        assertClosed(mesh);
        double rp = r * 0.5;
        assertEquals(4 * Math.PI * rp * rp, mesh.area(), 0.01 * 4 * Math.PI * rp * rp);
        assertEquals(4.0 / 3 * Math.PI * rp * rp * rp, mesh.volume(), 0.01 * 4.0 / 3 * Math.PI * rp * rp * rp);
    }

    @Test
    void voxelisedSphereIsClosedAndSmoothedAreaIsWithinThreePercent() {
        Mask m = Mask.empty(40, 40, 40);
        double r = 14;
        Shapes.ball(m, 19.5, 20, 19.7, r);
        TriangleMesh raw = mesh(m, new double[] {1, 1, 1});
        assertClosed(raw);
        assertTrue(raw.volume() > 0, "outward-facing");
        TriangleMesh smooth = MeshSmoothing.taubin(raw, 10);
        assertClosed(smooth);
        double area = 4 * Math.PI * r * r;
        assertEquals(area, smooth.area(), 0.03 * area, "raw area was " + raw.area());
    }

    @Test
    void randomMasksGiveClosedSurfacesTouchingTheBorder() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 5; trial++) {
            Mask m = Mask.empty(6, 7, 8);
            for (int i = 0; i < m.size(); i++) {
                m.voxels()[i] = (byte) (rnd.nextDouble() < 0.5 ? 1 : 0);
            }
            assertClosed(mesh(m, new double[] {2, 1, 1}));
        }
    }

    @Test
    void emptyMaskGivesEmptyMesh() {
        assertTrue(mesh(Mask.empty(3, 3, 3), new double[] {1, 1, 1}).isEmpty());
    }

    static TriangleMesh mesh(Mask m, double[] spacing) {
        return MarchingCubes.ofMask(m.voxels(), m.depth(), m.height(), m.width(), spacing);
    }

    /** Every undirected edge is shared by exactly two triangles, once in each direction. */
    static void assertClosed(TriangleMesh mesh) {
        Map<Long, Integer> directed = new HashMap<>();
        int[] t = mesh.triangles();
        assertTrue(t.length > 0, "mesh is empty");
        for (int i = 0; i < t.length; i += 3) {
            for (int k = 0; k < 3; k++) {
                long a = t[i + k];
                long b = t[i + (k + 1) % 3];
                directed.merge((a << 32) | b, 1, Integer::sum);
            }
        }
        for (Map.Entry<Long, Integer> e : directed.entrySet()) {
            long a = e.getKey() >>> 32;
            long b = e.getKey() & 0xFFFFFFFFL;
            assertEquals(1, e.getValue(), "directed edge " + a + "->" + b + " used twice");
            assertEquals(1, directed.getOrDefault((b << 32) | a, 0), "edge " + a + "-" + b + " has no twin");
        }
    }
}
