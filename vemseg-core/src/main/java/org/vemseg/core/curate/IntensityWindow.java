package org.vemseg.core.curate;

import java.util.Arrays;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VolumeInfo;

/**
 * How one source's voxel values become 8-bit grey levels for hashing, scoring and the patch PNGs.
 * 8-bit sources are taken as they are; 16-bit, 32-bit and float sources are mapped linearly from their
 * 0.1th..99.9th percentile (estimated from a sample of the source) to 0..255 and clipped, so a few
 * extreme voxels do not squash the contrast of the rest. One window per source, not per patch: per-patch
 * stretching would make empty resin look as textured as tissue.
 *
 * @param low value mapped to 0
 * @param high value mapped to 255
 * @param identity whether values are used unchanged (8-bit unsigned sources)
 */
public record IntensityWindow(double low, double high, boolean identity) {

    /** Percentiles of the window for non-8-bit sources. */
    static final double LOW_PERCENTILE = 0.001;
    static final double HIGH_PERCENTILE = 0.999;
    private static final int SAMPLE_SLICES = 16;
    private static final long SAMPLE_SIDE = 2048;
    private static final int SAMPLE_VALUES = 1 << 21;

    /** The window of 8-bit unsigned data: values unchanged. */
    public static IntensityWindow unchanged() {
        return new IntensityWindow(0, 255, true);
    }

    /** Chooses the window of a source: identity for uint8, else percentiles of a sample of slices. */
    public static IntensityWindow of(VolumeReader reader) {
        VolumeInfo info = reader.info();
        if (info.dataType() == DataType.UINT8) {
            return unchanged();
        }
        int slices = (int) Math.min(SAMPLE_SLICES, info.depth());
        long h = Math.min(SAMPLE_SIDE, info.height());
        long w = Math.min(SAMPLE_SIDE, info.width());
        long perSlice = h * w;
        int step = (int) Math.max(1, perSlice * slices / SAMPLE_VALUES);
        double[] values = new double[(int) (perSlice * slices / step + slices)];
        int n = 0;
        for (int s = 0; s < slices; s++) {
            long z = slices == 1 ? info.depth() / 2 : s * (info.depth() - 1) / (slices - 1);
            Block b = reader.read(new Box(z, (info.height() - h) / 2, (info.width() - w) / 2, 1, h, w));
            for (int i = 0; i < b.size(); i += step) {
                double v = b.get(i);
                if (!Double.isNaN(v)) {
                    values[n++] = v;
                }
            }
        }
        if (n == 0) {
            return new IntensityWindow(0, 1, false);
        }
        values = Arrays.copyOf(values, n);
        Arrays.sort(values);
        double lo = values[(int) Math.floor(LOW_PERCENTILE * (n - 1))];
        double hi = values[(int) Math.ceil(HIGH_PERCENTILE * (n - 1))];
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        return new IntensityWindow(lo, hi, false);
    }

    /** The block's voxels as 8-bit grey levels (unsigned bytes), in the block's z-y-x order. */
    public byte[] toGrey(Block block) {
        if (identity && block.type() == DataType.UINT8) {
            return block.bytes();
        }
        byte[] out = new byte[block.size()];
        double scale = 255.0 / (high - low);
        for (int i = 0; i < out.length; i++) {
            double v = (block.get(i) - low) * scale;
            out[i] = (byte) (Double.isNaN(v) ? 0 : Math.max(0, Math.min(255, Math.round(v))));
        }
        return out;
    }

    @Override
    public String toString() {
        return identity ? "8-bit as is" : String.format(java.util.Locale.ROOT, "%.6g..%.6g -> 0..255", low, high);
    }
}
