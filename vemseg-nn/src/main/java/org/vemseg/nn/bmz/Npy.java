package org.vemseg.nn.bmz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * NumPy's {@code .npy} format (version 1.0) for float32 arrays in C order: the magic string, a header
 * dictionary padded with spaces to a multiple of 64 bytes, then little-endian values.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};

    private Npy() {
    }

    /** The bytes of a {@code .npy} file holding {@code values} with {@code shape}. */
    public static byte[] float32(long[] shape, float[] values) {
        long n = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        if (n != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " does not hold " + values.length
                    + " values");
        }
        String dims = Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", "))
                + (shape.length == 1 ? "," : "");
        StringBuilder header = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims
                + "), }");
        int total = MAGIC.length + 2 + header.length() + 1;
        header.append(" ".repeat((64 - total % 64) % 64)).append('\n');
        byte[] h = header.toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 2 + h.length + values.length * Float.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putShort((short) h.length).put(h);
        b.asFloatBuffer().put(values);
        return b.array();
    }
}
