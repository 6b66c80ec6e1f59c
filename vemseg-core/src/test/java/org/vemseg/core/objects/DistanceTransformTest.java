package org.vemseg.core.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DistanceTransformTest {

    @Test
    void matchesBruteForceWithAnisotropicSpacing() {
        Random r = new Random(3);
        double[] s = {2.5, 1.0, 0.7};
        for (int trial = 0; trial < 4; trial++) {
            Mask m = Mask.empty(7 + trial, 9, 11);
            for (int i = 0; i < m.size(); i++) {
                m.voxels()[i] = (byte) (r.nextDouble() < 0.85 ? 1 : 0);
            }
            float[] fast = DistanceTransform.compute(m, s);
            for (int z = 0; z < m.depth(); z++) {
                for (int y = 0; y < m.height(); y++) {
                    for (int x = 0; x < m.width(); x++) {
                        double expected = bruteForce(m, z, y, x, s);
                        assertEquals(expected, fast[m.index(z, y, x)], 1e-4 * Math.max(1, expected),
                                "at " + z + "," + y + "," + x);
                    }
                }
            }
        }
    }

    @Test
    void noBackgroundGivesInfinity() {
        Mask m = Mask.empty(2, 2, 2);
        java.util.Arrays.fill(m.voxels(), (byte) 1);
        assertEquals(Float.POSITIVE_INFINITY, DistanceTransform.compute(m, new double[] {1, 1, 1})[0]);
    }

    @Test
    void ballCentreDistanceIsItsRadius() {
        Mask m = Mask.empty(21, 21, 21);
        Shapes.ball(m, 10, 10, 10, 8);
        float[] d = DistanceTransform.compute(m, new double[] {1, 1, 1});
        // The nearest background voxel centres are at offsets like (8, 1, 0): just outside r = 8.
        assertEquals(Math.sqrt(65), d[m.index(10, 10, 10)], 1e-5);
    }

    private static double bruteForce(Mask m, int z, int y, int x, double[] s) {
        if (!m.get(z, y, x)) {
            return 0;
        }
        double best = Double.POSITIVE_INFINITY;
        for (int zz = 0; zz < m.depth(); zz++) {
            for (int yy = 0; yy < m.height(); yy++) {
                for (int xx = 0; xx < m.width(); xx++) {
                    if (!m.get(zz, yy, xx)) {
                        double dz = (zz - z) * s[0];
                        double dy = (yy - y) * s[1];
                        double dx = (xx - x) * s[2];
                        best = Math.min(best, Math.sqrt(dz * dz + dy * dy + dx * dx));
                    }
                }
            }
        }
        return best;
    }
}
