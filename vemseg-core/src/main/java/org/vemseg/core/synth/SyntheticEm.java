package org.vemseg.core.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VoxelSize;

/**
 * Generates an EM-like test volume with exact labels, so vemseg can demonstrate and test itself with
 * nothing to download. The picture imitates SBEM/FIB-SEM of neuropil at the given voxel size: bright
 * cytoplasm with fine texture, cells (a 3D Voronoi tessellation) outlined by dark membranes, dark
 * elongated mitochondria with lighter cristae, then blur and Gaussian noise.
 *
 * <p>Labels: {@link #MITOCHONDRION} inside mitochondria, {@link #MEMBRANE} on cell membranes,
 * {@link #BACKGROUND} elsewhere. Same seed, same volume.
 */
public final class SyntheticEm {

    public static final int BACKGROUND = 0;
    public static final int MITOCHONDRION = 1;
    public static final int MEMBRANE = 2;

    private final Box shape;
    private final VoxelSize voxel;
    private final long seed;

    /** The generated image (uint8) and labels (uint8, values above). */
    public record Sample(Block image, Block labels, VoxelSize voxelSize) {
    }

    private record Mito(double z, double y, double x, double dz, double dy, double dx, double r, double cristaePhase) {
    }

    public SyntheticEm(Box shape, VoxelSize voxel, long seed) {
        this.shape = shape;
        this.voxel = voxel;
        this.seed = seed;
    }

    /** A typical small demo volume: 24 x 256 x 256 voxels of 30 x 8 x 8 nm. */
    public static Sample demo(long seed) {
        return new SyntheticEm(Box.ofShape(24, 256, 256), new VoxelSize(30, 8, 8), seed).generate();
    }

    public Sample generate() {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] nm = {voxel.z(), voxel.y(), voxel.x()};
        double[] extent = {shape.depth() * nm[0], shape.height() * nm[1], shape.width() * nm[2]};
        // Cells about 0.6 µm across (neurites), mitochondria 150-260 nm thick and up to ~1 µm long.
        int cells = (int) Math.max(4, extent[0] * extent[1] * extent[2] / 2.5e8);
        double[][] seeds = new double[cells][3];
        for (double[] s : seeds) {
            for (int d = 0; d < 3; d++) {
                s[d] = rnd.nextDouble() * extent[d];
            }
        }
        List<Mito> mitos = new ArrayList<>();
        int mitoCount = (int) Math.max(3, extent[0] * extent[1] * extent[2] / 2e8);
        for (int i = 0; i < mitoCount; i++) {
            double theta = rnd.nextDouble() * Math.PI;
            double tilt = (rnd.nextDouble() - 0.5) * 0.6;
            mitos.add(new Mito(rnd.nextDouble() * extent[0], rnd.nextDouble() * extent[1], rnd.nextDouble() * extent[2],
                    Math.sin(tilt), Math.cos(theta) * Math.cos(tilt), Math.sin(theta) * Math.cos(tilt),
                    75 + rnd.nextDouble() * 55, rnd.nextDouble() * 6.28));
        }
        Block image = Block.allocate(shape, DataType.FLOAT32);
        Block labels = Block.allocate(shape, DataType.UINT8);
        float[] img = image.floats();
        byte[] lab = labels.bytes();
        double membraneNm = 22;
        int i = 0;
        for (long z = 0; z < shape.depth(); z++) {
            for (long y = 0; y < shape.height(); y++) {
                for (long x = 0; x < shape.width(); x++, i++) {
                    double pz = (z + 0.5) * nm[0];
                    double py = (y + 0.5) * nm[1];
                    double px = (x + 0.5) * nm[2];
                    double v = 0.72
                            + 0.05 * Math.sin(px / 37.0 + Math.cos(py / 53.0)) * Math.cos(pz / 91.0 + py / 41.0);
                    int label = BACKGROUND;
                    double[] two = twoNearest(seeds, pz, py, px);
                    // Distance to the bisector between the two nearest seeds = distance to the cell boundary.
                    double boundary = (two[1] * two[1] - two[0] * two[0]) / (2 * Math.max(two[2], 1e-9));
                    if (boundary < membraneNm) {
                        v = 0.28 + 0.25 * boundary / membraneNm;
                        label = MEMBRANE;
                    }
                    for (Mito m : mitos) {
                        double dz = pz - m.z;
                        double dy = py - m.y;
                        double dx = px - m.x;
                        double along = dz * m.dz + dy * m.dy + dx * m.dx;
                        double half = 2.5 * m.r;
                        double t = Math.max(-half, Math.min(half, along));
                        double rz = dz - t * m.dz;
                        double ry = dy - t * m.dy;
                        double rx = dx - t * m.dx;
                        double dist = Math.sqrt(rz * rz + ry * ry + rx * rx);
                        if (dist < m.r) {
                            double cristae = 0.5 + 0.5 * Math.sin(along / 18.0 + m.cristaePhase);
                            v = dist > m.r - 20 ? 0.22 : 0.34 + 0.16 * cristae;
                            label = MITOCHONDRION;
                        }
                    }
                    img[i] = (float) v;
                    lab[i] = (byte) label;
                }
            }
        }
        blurInPlane(img);
        Block out = Block.allocate(shape, DataType.UINT8);
        byte[] o = out.bytes();
        for (int k = 0; k < img.length; k++) {
            double noisy = img[k] + 0.07 * rnd.nextGaussian();
            o[k] = (byte) Math.max(0, Math.min(255, Math.round(noisy * 255)));
        }
        return new Sample(out, labels, voxel);
    }

    /** Nearest distance, second-nearest distance, and the distance between those two seeds. */
    private static double[] twoNearest(double[][] seeds, double z, double y, double x) {
        double best = Double.MAX_VALUE;
        double second = Double.MAX_VALUE;
        int bi = 0;
        int si = 0;
        for (int k = 0; k < seeds.length; k++) {
            double dz = z - seeds[k][0];
            double dy = y - seeds[k][1];
            double dx = x - seeds[k][2];
            double d = dz * dz + dy * dy + dx * dx;
            if (d < best) {
                second = best;
                si = bi;
                best = d;
                bi = k;
            } else if (d < second) {
                second = d;
                si = k;
            }
        }
        double sz = seeds[bi][0] - seeds[si][0];
        double sy = seeds[bi][1] - seeds[si][1];
        double sx = seeds[bi][2] - seeds[si][2];
        return new double[] {Math.sqrt(best), Math.sqrt(second), Math.sqrt(sz * sz + sy * sy + sx * sx)};
    }

    /** A 3x3 box blur in each slice: the microscope's point spread softens edges before noise. */
    private void blurInPlane(float[] img) {
        int h = (int) shape.height();
        int w = (int) shape.width();
        float[] tmp = new float[h * w];
        for (int z = 0; z < shape.depth(); z++) {
            int off = z * h * w;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float s = 0;
                    int n = 0;
                    for (int yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++) {
                        for (int xx = Math.max(0, x - 1); xx <= Math.min(w - 1, x + 1); xx++) {
                            s += img[off + yy * w + xx];
                            n++;
                        }
                    }
                    tmp[y * w + x] = s / n;
                }
            }
            System.arraycopy(tmp, 0, img, off, h * w);
        }
    }
}
