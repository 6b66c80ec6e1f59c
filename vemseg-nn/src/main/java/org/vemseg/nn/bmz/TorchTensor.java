package org.vemseg.nn.bmz;

import java.util.Arrays;

/**
 * One named tensor of a PyTorch state dict: float32 values, or int64 values (batch norm's
 * {@code num_batches_tracked}), in C order.
 *
 * @param name state-dict key, e.g. {@code encoder.stem.0.weight}
 * @param shape dimensions, empty for a scalar
 * @param floats the values when float32, else null
 * @param longs the values when int64, else null
 */
public record TorchTensor(String name, long[] shape, float[] floats, long[] longs) {

    public TorchTensor {
        shape = shape.clone();
        if ((floats == null) == (longs == null)) {
            throw new IllegalArgumentException(name + ": a tensor holds either floats or longs");
        }
        long n = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        if (n != (floats != null ? floats.length : longs.length)) {
            throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " does not hold "
                    + (floats != null ? floats.length : longs.length) + " values");
        }
    }

    public static TorchTensor of(String name, long[] shape, float[] values) {
        return new TorchTensor(name, shape, values, null);
    }

    /** A zero-dimensional int64 tensor. */
    public static TorchTensor scalar(String name, long value) {
        return new TorchTensor(name, new long[0], null, new long[] {value});
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of values. */
    public int numel() {
        return floats != null ? floats.length : longs.length;
    }

    boolean isFloat() {
        return floats != null;
    }
}
