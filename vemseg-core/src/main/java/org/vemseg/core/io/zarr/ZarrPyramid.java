package org.vemseg.core.io.zarr;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.vemseg.core.Progress;
import org.vemseg.core.concurrent.ChunkRunner;
import org.vemseg.core.concurrent.ChunkTask;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.LabelVote;
import org.vemseg.core.volume.VoxelSize;

/**
 * Builds the coarser levels of an OME-Zarr image from level 0, each level 2× smaller in y and x than the
 * one before (and in z too where z spacing is close to the y/x spacing), by averaging, or for label images by
 * the most frequent value of each window (a mean would invent class or object ids). Work and memory are
 * per output chunk: a task reads the at most 2×2×2 input chunks under one output chunk, so memory stays
 * bounded whatever the volume size. The chunks of a level are computed in parallel, by a {@link ChunkRunner}.
 */
final class ZarrPyramid {

    /** With automatic levels, stop once the larger of height and width is at most this. */
    static final int AUTO_STOP = 512;
    /** z is downsampled only when its spacing is at most this times the y/x spacing. */
    static final double Z_CLOSE = 1.5;

    private ZarrPyramid() {
    }

    /** One level: its array and its cumulative factor (z, y, x) relative to level 0. */
    record Level(ZarrArray array, int[] factor) {
    }

    /**
     * Writes levels 1.. as folders {@code "1"}, {@code "2"}, ... beside level 0 in {@code group}, each level's
     * chunks by {@code runner} (on this machine's threads, or on a cluster), one level after the other.
     *
     * @param levels total number of levels including level 0, or 0 to stop when y/x ≤ {@link #AUTO_STOP}
     * @param labels take the most frequent value of each window instead of the mean
     * @return all levels, level 0 first
     */
    static List<Level> build(Path group, ZarrArray level0, Optional<VoxelSize> voxelSize, int levels, boolean labels,
            ChunkRunner runner, Progress progress) {
        List<Level> out = new ArrayList<>();
        out.add(new Level(level0, new int[] {1, 1, 1}));
        while (wantsAnother(out.get(out.size() - 1).array(), out.size(), levels)) {
            Level prev = out.get(out.size() - 1);
            int fz = zFactor(prev, voxelSize);
            ZarrArray next = createNext(group.resolve(Integer.toString(out.size())), prev.array(), fz, level0);
            runner.run("pyramid level " + out.size(), new Downsample(prev.array().path().toString(),
                    next.path().toString(), fz, labels), next.grid(), progress);
            int[] f = prev.factor();
            out.add(new Level(next, new int[] {f[0] * fz, f[1] * 2, f[2] * 2}));
        }
        return out;
    }

    /** The threads of this machine, fewer than {@code threads} when memory requires (see {@link #threadsFor}). */
    static ChunkRunner local(ZarrArray level0, int threads) {
        return ChunkRunner.local(threadsFor(level0, Math.max(1, threads)));
    }

    /**
     * The chunks of one level computed from the level before: serialisable (arrays by path), so that a cluster's
     * workers can compute a level's chunks in parallel, each opening both arrays itself.
     */
    private record Downsample(String source, String target, int fz, boolean labels) implements ChunkTask {

        private static final long serialVersionUID = 1L;

        @Override
        public void write(Iterator<Box> boxes) {
            ZarrArray in = ZarrArray.open(Path.of(source));
            ZarrArray out = ZarrArray.open(Path.of(target));
            while (boxes.hasNext()) {
                Box b = boxes.next();
                out.writeChunk(labels ? modeOf(in, b, fz) : meanOf(in, b, fz));
            }
        }
    }

    private static boolean wantsAnother(ZarrArray last, int have, int levels) {
        if (levels > 0) {
            return have < levels;
        }
        Box b = last.bounds();
        return Math.max(b.height(), b.width()) > AUTO_STOP;
    }

    /** 2 if z should be halved at this step: only when the voxel size is known and z is not much coarser. */
    static int zFactor(Level prev, Optional<VoxelSize> voxelSize) {
        if (voxelSize.isEmpty() || prev.array().bounds().depth() <= 1) {
            // Unknown spacing: EM stacks are usually anisotropic, so never trade away z resolution blindly.
            return 1;
        }
        VoxelSize v = voxelSize.get();
        int[] f = prev.factor();
        double z = v.z() * f[0];
        double yx = Math.max(v.y() * f[1], v.x() * f[2]);
        return z <= Z_CLOSE * yx ? 2 : 1;
    }

    private static ZarrArray createNext(Path dir, ZarrArray prev, int fz, ZarrArray level0) {
        Box b = prev.bounds();
        long[] shape = {(b.depth() + fz - 1) / fz, (b.height() + 1) / 2, (b.width() + 1) / 2};
        int[] c0 = level0.chunk();
        int[] chunk = new int[3];
        for (int d = 0; d < 3; d++) {
            chunk[d] = (int) Math.min(c0[d], shape[d]);
        }
        ZarrArrayMetadata m0 = level0.metadata();
        return ZarrArray.create(dir, ZarrArrayMetadata.create(shape, chunk, m0.dataType(), m0.codec()));
    }

    /**
     * The mean of the input voxels under each voxel of {@code target}; border windows average fewer voxels.
     * Memory: the input region in its own type, the output chunk, and one output plane of sums.
     */
    static Block meanOf(ZarrArray in, Box target, int fz) {
        Windows w = Windows.under(in, target, fz);
        Block block = w.block();
        double[] row = new double[w.sw()];
        double[] sum = new double[w.th() * w.tw()];
        int[] count = new int[w.th() * w.tw()];
        Block out = Block.allocate(target, in.dataType());
        boolean integer = !in.dataType().isFloating();
        for (int oz = 0; oz < target.depth(); oz++) {
            java.util.Arrays.fill(sum, 0);
            java.util.Arrays.fill(count, 0);
            int zEnd = (int) Math.min(w.sd(), (long) (oz + 1) * fz);
            for (int z = oz * fz; z < zEnd; z++) {
                for (int y = 0; y < w.sh(); y++) {
                    Voxels.row(block, (z * w.sh() + y) * w.sw(), w.sw(), row);
                    int base = (y / 2) * w.tw();
                    for (int x = 0; x < w.sw(); x++) {
                        sum[base + x / 2] += row[x];
                        count[base + x / 2]++;
                    }
                }
            }
            int plane = oz * w.th() * w.tw();
            for (int o = 0; o < sum.length; o++) {
                double mean = sum[o] / count[o];
                // integers: round half up, so a mean of 2.5 gives 3 like most image tools
                out.set(plane + o, integer ? Math.floor(mean + 0.5) : mean);
            }
        }
        return out;
    }

    /**
     * The most frequent input value under each voxel of {@code target} (the larger value on a tie, so thin
     * foreground survives against background 0). Windows hold at most 2×2×2 voxels.
     */
    static Block modeOf(ZarrArray in, Box target, int fz) {
        Windows w = Windows.under(in, target, fz);
        Block block = w.block();
        double[] window = new double[2 * 2 * fz];
        Block out = Block.allocate(target, in.dataType());
        for (int oz = 0; oz < target.depth(); oz++) {
            int zEnd = (int) Math.min(w.sd(), (long) (oz + 1) * fz);
            for (int oy = 0; oy < w.th(); oy++) {
                int yEnd = Math.min(w.sh(), 2 * oy + 2);
                for (int ox = 0; ox < w.tw(); ox++) {
                    int xEnd = Math.min(w.sw(), 2 * ox + 2);
                    int n = 0;
                    for (int z = oz * fz; z < zEnd; z++) {
                        for (int y = 2 * oy; y < yEnd; y++) {
                            for (int x = 2 * ox; x < xEnd; x++) {
                                window[n++] = block.get((z * w.sh() + y) * w.sw() + x);
                            }
                        }
                    }
                    out.set((oz * w.th() + oy) * w.tw() + ox, LabelVote.of(window, n));
                }
            }
        }
        return out;
    }

    /**
     * The input voxels under {@code target}: its (fz, 2, 2) windows, cut at the input's border; with the target's
     * plane ({@code th x tw}) and the input region's shape ({@code sd x sh x sw}).
     */
    private record Windows(Block block, int th, int tw, int sd, int sh, int sw) {
        static Windows under(ZarrArray in, Box target, int fz) {
            Block block = in.read(new Box(target.z() * fz, target.y() * 2, target.x() * 2, target.depth() * fz,
                    target.height() * 2, target.width() * 2).intersect(in.bounds()));
            Box b = block.box();
            return new Windows(block, (int) target.height(), (int) target.width(), (int) b.depth(), (int) b.height(),
                    (int) b.width());
        }
    }

    /**
     * Worker threads for one level, fewer than asked when the input regions of wide types would take more than
     * a quarter of the heap together.
     */
    static int threadsFor(ZarrArray level0, int asked) {
        int[] c = level0.chunk();
        long perTask = 2L * c[0] * 2 * c[1] * 2 * c[2] * level0.dataType().bytes(); // input region + decode buffers
        long allowed = Math.max(1, Runtime.getRuntime().maxMemory() / 4 / Math.max(1, perTask));
        return (int) Math.max(1, Math.min(asked, allowed));
    }
}
