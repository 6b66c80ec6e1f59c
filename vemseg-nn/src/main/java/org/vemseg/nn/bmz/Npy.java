package org.vemseg.nn.bmz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * NumPy's {@code .npy} format (version 1.0) for float32 arrays in C order: the magic string, a header
 * dictionary padded with spaces to a multiple of 64 bytes, then little-endian values.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};

    private Npy() {
    }

    /** A float32 array read from a {@code .npy} file, C order. */
    public record Float32(long[] shape, float[] values) {
    }

    /**
     * The array of a little-endian float32 {@code .npy} in C order (versions 1 to 3); empty for any other dtype or
     * order, or bytes that are no {@code .npy}.
     */
    public static Optional<Float32> readFloat32(byte[] b) {
        if (b.length < 12 || b[0] != MAGIC[0] || b[1] != 'N') {
            return Optional.empty();
        }
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        boolean v1 = b[6] == 1;
        int headerLength = v1 ? Short.toUnsignedInt(buf.getShort(8)) : buf.getInt(8);
        int start = v1 ? 10 : 12;
        if (headerLength < 0 || start + headerLength > b.length) {
            return Optional.empty();
        }
        String header = new String(b, start, headerLength, StandardCharsets.ISO_8859_1);
        if (!header.contains("'<f4'") || header.contains("'fortran_order': True")) {
            return Optional.empty();
        }
        String dims = header.replaceAll("(?s).*'shape':\\s*\\(([^)]*)\\).*", "$1").replace(" ", "");
        long[] shape = Arrays.stream(dims.split(",")).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
        buf.position(start + headerLength);
        float[] v = new float[buf.remaining() / Float.BYTES];
        buf.asFloatBuffer().get(v);
        return Optional.of(new Float32(shape, v));
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
