package org.vemseg.core.curate;

import java.util.SplittableRandom;
import org.vemseg.core.synth.SyntheticEm;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.VoxelSize;

/** Patches for curation tests: crops of one synthetic EM slice, and altered copies. */
final class TestPatches {

    static final int SIZE = 224;

    private TestPatches() {
    }

    /** One synthetic EM slice of 720 x 720 pixels at 8 nm (seeded). */
    static Block syntheticSlice(long seed) {
        return new SyntheticEm(Box.ofShape(1, 720, 720), new VoxelSize(30, 8, 8), seed).generate().image();
    }

    /** The {@code size x size} crop of a 2D uint8 slice at (y, x). */
    static byte[] crop(Block slice, int y, int x, int size) {
        return slice.crop(new Box(0, y, x, 1, size, size)).bytes();
    }

    /** A copy with Gaussian noise of standard deviation {@code sigma} (clipped to 0..255). */
    static byte[] noisy(byte[] p, double sigma, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        byte[] out = new byte[p.length];
        for (int i = 0; i < p.length; i++) {
            double g = gaussian(rnd);
            out[i] = (byte) clip((p[i] & 0xFF) + sigma * g);
        }
        return out;
    }

    /** A copy with {@code delta} added to every pixel (clipped). */
    static byte[] brighter(byte[] p, int delta) {
        byte[] out = new byte[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = (byte) clip((p[i] & 0xFF) + delta);
        }
        return out;
    }

    /** A constant patch with Gaussian noise: empty resin as a detector sees it. */
    static byte[] flat(int value, double sigma, int size, long seed) {
        byte[] p = new byte[size * size];
        java.util.Arrays.fill(p, (byte) value);
        return sigma == 0 ? p : noisy(p, sigma, seed);
    }

    static double gaussian(SplittableRandom rnd) {
        double u = Math.max(1e-12, rnd.nextDouble());
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    static int clip(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
