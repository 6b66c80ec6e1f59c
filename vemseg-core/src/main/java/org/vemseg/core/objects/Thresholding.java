package org.vemseg.core.objects;

import java.util.Locale;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.DataType;

/**
 * Turns a probability map or a mask into a {@link Mask}, choosing the rule from the data type:
 * <ul>
 *   <li>float32/float64: probabilities in [0, 1]; foreground where {@code p > threshold}. A value outside
 *       [0, 1] (or NaN) is an error: the map is not a probability map and no threshold makes sense.</li>
 *   <li>uint8: CDeep3M writes probabilities as 0–255, so foreground where {@code v > threshold * 255};
 *       a uint8 volume holding only 0 and 1 is a mask and its ones are foreground.</li>
 *   <li>other integer types: a mask or a label volume; every non-zero voxel is foreground.</li>
 * </ul>
 */
public final class Thresholding {

    private Thresholding() {
    }

    /** How voxel values are read. */
    public enum Scale {
        /** float probabilities in [0, 1] */
        UNIT,
        /** uint8 probabilities 0-255 */
        BYTE,
        /** any non-zero voxel is foreground */
        MASK;

        /**
         * The scale for a volume of this type whose largest value is {@code max}: a uint8 volume holding only
         * 0 and 1 is a mask, not a nearly empty probability map.
         */
        public static Scale of(DataType type, double max) {
            if (type.isFloating()) {
                return UNIT;
            }
            return type == DataType.UINT8 && max > 1 ? BYTE : MASK;
        }

        /** The scale of a volume on disk; reads uint8 slices until a value above 1 shows up. */
        public static Scale detect(VolumeReader reader) {
            DataType type = reader.info().dataType();
            int max = 0;
            if (type == DataType.UINT8) {
                for (long z = 0; z < reader.info().depth() && max <= 1; z++) {
                    max = Math.max(max, maxUint8(reader.readSlice(z).bytes()));
                }
            }
            return of(type, max);
        }
    }

    /**
     * Thresholds a whole volume held in memory, choosing the {@link Scale} from its own values.
     *
     * @param source names the input in error messages (a path)
     * @param threshold in [0, 1)
     */
    public static Mask apply(Block block, double threshold, Object source) {
        double max = block.type() == DataType.UINT8 ? maxUint8(block.bytes()) : 0;
        return apply(block, threshold, source, Scale.of(block.type(), max));
    }

    /** Thresholds one block (e.g. a slice of a larger volume) with a scale decided for the whole volume. */
    public static Mask apply(Block block, double threshold, Object source, Scale scale) {
        if (!(threshold >= 0 && threshold < 1)) {
            throw new VemsegException.InvalidInput("threshold must be in [0, 1), was " + threshold);
        }
        int d = (int) block.box().depth();
        int h = (int) block.box().height();
        int w = (int) block.box().width();
        byte[] out = new byte[block.size()];
        if (scale == Scale.MASK) {
            nonZero(block, out);
        } else if (scale == Scale.BYTE && block.type() == DataType.UINT8) {
            thresholdUint8(block.bytes(), threshold, out);
        } else if (block.type() == DataType.FLOAT32) {
            thresholdFloats(block.floats(), (float) threshold, out, source);
        } else if (block.type() == DataType.FLOAT64) {
            thresholdDoubles(block.doubles(), threshold, out, source);
        } else {
            throw new IllegalArgumentException(scale + " does not apply to " + block.type());
        }
        return new Mask(d, h, w, out);
    }

    private static int maxUint8(byte[] v) {
        int max = 0;
        for (byte b : v) {
            max = Math.max(max, b & 0xFF);
        }
        return max;
    }

    private static void thresholdFloats(float[] v, float t, byte[] out, Object source) {
        for (int i = 0; i < v.length; i++) {
            float p = v[i];
            if (!(p >= 0f && p <= 1f)) {
                throw outside(source, p);
            }
            out[i] = (byte) (p > t ? 1 : 0);
        }
    }

    private static void thresholdDoubles(double[] v, double t, byte[] out, Object source) {
        for (int i = 0; i < v.length; i++) {
            double p = v[i];
            if (!(p >= 0 && p <= 1)) {
                throw outside(source, p);
            }
            out[i] = (byte) (p > t ? 1 : 0);
        }
    }

    private static void thresholdUint8(byte[] v, double threshold, byte[] out) {
        int cut = (int) Math.floor(threshold * 255);
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) ((v[i] & 0xFF) > cut ? 1 : 0);
        }
    }

    private static void nonZero(Block block, byte[] out) {
        switch (block.type()) {
            case UINT8, INT8 -> {
                byte[] v = block.bytes();
                for (int i = 0; i < v.length; i++) {
                    out[i] = (byte) (v[i] != 0 ? 1 : 0);
                }
            }
            case UINT16, INT16 -> {
                short[] v = block.shorts();
                for (int i = 0; i < v.length; i++) {
                    out[i] = (byte) (v[i] != 0 ? 1 : 0);
                }
            }
            default -> {
                int[] v = block.ints();
                for (int i = 0; i < v.length; i++) {
                    out[i] = (byte) (v[i] != 0 ? 1 : 0);
                }
            }
        }
    }

    private static VemsegException outside(Object source, double p) {
        return new VemsegException.InvalidInput(source + ": value " + String.format(Locale.ROOT, "%.6g", p)
                + " is outside [0, 1]; a float probability map must hold values in [0, 1] (or give a uint8 0-255 map"
                + " or an integer mask)");
    }
}
