package org.vemseg.core.objects;

/** Test masks with known geometry: balls drawn by voxel-centre inclusion. */
public final class Shapes {

    private Shapes() {
    }

    /**
     * Sets every voxel whose centre lies within {@code radius} (physical) of (cz, cy, cx) (voxel coordinates),
     * with the given spacing (z, y, x).
     */
    public static void ball(Mask m, double cz, double cy, double cx, double radius, double[] s) {
        for (int z = 0; z < m.depth(); z++) {
            for (int y = 0; y < m.height(); y++) {
                for (int x = 0; x < m.width(); x++) {
                    double dz = (z - cz) * s[0];
                    double dy = (y - cy) * s[1];
                    double dx = (x - cx) * s[2];
                    if (dz * dz + dy * dy + dx * dx <= radius * radius) {
                        m.set(z, y, x, true);
                    }
                }
            }
        }
    }

    public static void ball(Mask m, double cz, double cy, double cx, double radius) {
        ball(m, cz, cy, cx, radius, new double[] {1, 1, 1});
    }
}
