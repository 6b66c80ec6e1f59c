package org.vemseg.core.io;

import java.util.Optional;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.VolumeInfo;
import org.vemseg.core.volume.VoxelSize;

/**
 * A read-only view of a volume with its axes permuted, like ImgLib2's {@code Views.permute}: axis {@code d} of the
 * view is axis {@code axes[d]} of the source. Shape, voxel size and chunk are permuted alike; {@link #read(Box)}
 * reads the permuted box from the source and transposes it, so a read costs what the source's read of that box
 * costs (a thin box across a slice-stored source touches many slices).
 *
 * <p>Closing the view does not close the source, which belongs to the caller. Thread-safe if the source is.
 */
public final class PermutedVolumeReader implements VolumeReader {

    private final VolumeReader source;
    private final int[] axes;
    private final int[] inverse;
    private final VolumeInfo info;

    /**
     * A view of {@code source} whose axis {@code d} (0 = z, 1 = y, 2 = x) is the source's axis {@code axes[d]}.
     *
     * @throws IllegalArgumentException if {@code axes} is not a permutation of 0, 1, 2
     */
    public PermutedVolumeReader(VolumeReader source, int[] axes) {
        this.source = source;
        this.axes = checkPermutation(axes);
        this.inverse = new int[3];
        for (int d = 0; d < 3; d++) {
            inverse[axes[d]] = d;
        }
        VolumeInfo s = source.info();
        long[] shape = permute(s.shape(), this.axes);
        int[] chunk = s.chunk();
        Optional<VoxelSize> voxel = s.voxelSize().map(v -> {
            double[] zyx = {v.z(), v.y(), v.x()};
            return new VoxelSize(zyx[this.axes[0]], zyx[this.axes[1]], zyx[this.axes[2]]);
        });
        this.info = new VolumeInfo(shape[0], shape[1], shape[2], s.dataType(), voxel,
                new int[] {chunk[this.axes[0]], chunk[this.axes[1]], chunk[this.axes[2]]});
    }

    private static int[] checkPermutation(int[] axes) {
        if (axes.length != 3 || (1 << axes[0] | 1 << axes[1] | 1 << axes[2]) != 7) {
            throw new IllegalArgumentException("axes must be a permutation of 0, 1, 2, were "
                    + java.util.Arrays.toString(axes));
        }
        return axes.clone();
    }

    /** {@code values} reordered so that entry {@code d} is {@code values[axes[d]]}. */
    private static long[] permute(long[] values, int[] axes) {
        return new long[] {values[axes[0]], values[axes[1]], values[axes[2]]};
    }

    /** The box of the source that holds the voxels of the view's {@code box}. */
    public Box sourceBox(Box box) {
        return Box.of(permute(box.minArray(), inverse), permute(box.shape(), inverse));
    }

    @Override
    public VolumeInfo info() {
        return info;
    }

    @Override
    public Block read(Box box) {
        VolumeReader.checkInside(info, box, this);
        Block src = source.read(sourceBox(box));
        return transpose(src, box, axes);
    }

    /**
     * The voxels of {@code src} placed at {@code box}, whose axis {@code d} is the axis {@code axes[d]} of
     * {@code src}'s box. Also undoes a permutation when given its inverse.
     */
    public static Block transpose(Block src, Box box, int[] axes) {
        Box s = src.box();
        long[] strides = {s.height() * s.width(), s.width(), 1};
        if (axes[0] == 0 && axes[1] == 1 && axes[2] == 2) {
            return src.moveTo(box.z(), box.y(), box.x());
        }
        Block out = Block.allocate(box, src.type());
        int step = (int) strides[axes[2]];
        int w = (int) box.width();
        int o = 0;
        for (long i = 0; i < box.depth(); i++) {
            for (long j = 0; j < box.height(); j++) {
                int from = (int) (i * strides[axes[0]] + j * strides[axes[1]]);
                gatherRow(src.array(), from, step, out.array(), o, w);
                o += w;
            }
        }
        return out;
    }

    /** Copies {@code n} elements {@code from, from + step, ...} of {@code src} to {@code dst[to..to+n)}. */
    private static void gatherRow(Object src, int from, int step, Object dst, int to, int n) {
        if (src instanceof byte[] s) {
            byte[] d = (byte[]) dst;
            for (int k = 0; k < n; k++) {
                d[to + k] = s[from + k * step];
            }
        } else if (src instanceof short[] s) {
            short[] d = (short[]) dst;
            for (int k = 0; k < n; k++) {
                d[to + k] = s[from + k * step];
            }
        } else if (src instanceof int[] s) {
            int[] d = (int[]) dst;
            for (int k = 0; k < n; k++) {
                d[to + k] = s[from + k * step];
            }
        } else if (src instanceof float[] s) {
            float[] d = (float[]) dst;
            for (int k = 0; k < n; k++) {
                d[to + k] = s[from + k * step];
            }
        } else {
            double[] s = (double[]) src;
            double[] d = (double[]) dst;
            for (int k = 0; k < n; k++) {
                d[to + k] = s[from + k * step];
            }
        }
    }

    /** The source's missing chunks are reported where the source itself is read, not once more per view. */
    @Override
    public Optional<MissingChunks> missingChunks() {
        return Optional.empty();
    }

    @Override
    public String describeFormat() {
        return source.describeFormat() + " (axes permuted " + axes[0] + "," + axes[1] + "," + axes[2] + ")";
    }

    @Override
    public String toString() {
        return source + " permuted " + axes[0] + "," + axes[1] + "," + axes[2];
    }

    /** Closes nothing: the source belongs to the caller. */
    @Override
    public void close() {
        // the caller closes the source
    }
}
