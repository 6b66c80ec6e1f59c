package org.vemseg.core.volume;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Voxels of one {@link Box} held in memory as a flat primitive array in z-y-x order (x fastest).
 *
 * <p>Storage: {@code byte[]} for (u)int8, {@code short[]} for (u)int16, {@code int[]} for (u)int32,
 * {@code float[]}, {@code double[]}. Unsigned values are stored in the signed type and masked by
 * {@link #get(int)}. Typed accessors ({@link #bytes()}, ...) return the backing array itself for fast
 * loops; they throw if the type does not match. A block holds at most {@code Integer.MAX_VALUE - 8}
 * voxels: large volumes are always processed as several blocks.
 */
public final class Block {

    /** Largest number of voxels one block can hold (Java array limit). */
    public static final long MAX_VOXELS = Integer.MAX_VALUE - 8;

    private final Box box;
    private final DataType type;
    private final Object array;

    private Block(Box box, DataType type, Object array) {
        this.box = box;
        this.type = type;
        this.array = array;
    }

    /** A zero-filled block. */
    public static Block allocate(Box box, DataType type) {
        int n = checkedVoxels(box);
        Object a = switch (type) {
            case UINT8, INT8 -> new byte[n];
            case UINT16, INT16 -> new short[n];
            case UINT32, INT32 -> new int[n];
            case FLOAT32 -> new float[n];
            case FLOAT64 -> new double[n];
        };
        return new Block(box, type, a);
    }

    /** Wraps an existing array without copying; its type must match the storage of {@code type}. */
    public static Block wrap(Box box, DataType type, Object array) {
        Objects.requireNonNull(array, "array");
        int n = checkedVoxels(box);
        int len = java.lang.reflect.Array.getLength(array);
        Class<?> expected = allocate(Box.ofShape(0, 0, 0), type).array.getClass();
        if (array.getClass() != expected) {
            throw new IllegalArgumentException("a " + type + " block needs a " + expected.getSimpleName()
                    + " but got " + array.getClass().getSimpleName());
        }
        if (len != n) {
            throw new IllegalArgumentException("array length " + len + " does not match box " + box.shapeString());
        }
        return new Block(box, type, array);
    }

    private static int checkedVoxels(Box box) {
        long n = box.voxels();
        if (n > MAX_VOXELS) {
            throw new IllegalArgumentException(
                    "block " + box.shapeString() + " has " + n + " voxels, more than one block can hold");
        }
        return (int) n;
    }

    public Box box() {
        return box;
    }

    public DataType type() {
        return type;
    }

    public int size() {
        return (int) box.voxels();
    }

    /** Flat index of voxel {@code (z, y, x)} given in volume coordinates. */
    public int index(long z, long y, long x) {
        return (int) (((z - box.z()) * box.height() + (y - box.y())) * box.width() + (x - box.x()));
    }

    public byte[] bytes() {
        return (byte[]) checked(byte[].class);
    }

    public short[] shorts() {
        return (short[]) checked(short[].class);
    }

    public int[] ints() {
        return (int[]) checked(int[].class);
    }

    public float[] floats() {
        return (float[]) checked(float[].class);
    }

    public double[] doubles() {
        return (double[]) checked(double[].class);
    }

    /** The backing array (for generic code that copies or serialises). */
    public Object array() {
        return array;
    }

    private Object checked(Class<?> c) {
        if (array.getClass() != c) {
            throw new IllegalStateException("block of type " + type + " is not stored as " + c.getSimpleName());
        }
        return array;
    }

    /** Value at flat index {@code i}, unsigned types masked. Convenient, not the fastest in tight loops. */
    public double get(int i) {
        return switch (type) {
            case UINT8 -> ((byte[]) array)[i] & 0xFF;
            case INT8 -> ((byte[]) array)[i];
            case UINT16 -> ((short[]) array)[i] & 0xFFFF;
            case INT16 -> ((short[]) array)[i];
            case UINT32 -> ((int[]) array)[i] & 0xFFFFFFFFL;
            case INT32 -> ((int[]) array)[i];
            case FLOAT32 -> ((float[]) array)[i];
            case FLOAT64 -> ((double[]) array)[i];
        };
    }

    /**
     * Sets the value at flat index {@code i}. Integer types round to nearest and saturate at the type's
     * range (NaN becomes 0), so converting never wraps around.
     */
    public void set(int i, double v) {
        switch (type) {
            case UINT8, INT8 -> ((byte[]) array)[i] = (byte) saturate(v);
            case UINT16, INT16 -> ((short[]) array)[i] = (short) saturate(v);
            case UINT32, INT32 -> ((int[]) array)[i] = (int) saturate(v);
            case FLOAT32 -> ((float[]) array)[i] = (float) v;
            case FLOAT64 -> ((double[]) array)[i] = v;
        }
    }

    private long saturate(double v) {
        if (Double.isNaN(v)) {
            return 0;
        }
        double r = Math.rint(v);
        return (long) Math.max(type.minValue(), Math.min(type.maxValue(), r));
    }

    /**
     * Copies the voxels where {@code src} and this block overlap (in volume coordinates) into this
     * block. Both must have the same data type.
     */
    public void copyFrom(Block src) {
        if (src.type != type) {
            throw new IllegalArgumentException("cannot copy a " + src.type + " block into a " + type + " block");
        }
        Box common = box.intersect(src.box);
        if (common.isEmpty()) {
            return;
        }
        int row = (int) common.width();
        for (long z = common.z(); z < common.end(0); z++) {
            for (long y = common.y(); y < common.end(1); y++) {
                System.arraycopy(src.array, src.index(z, y, common.x()), array, index(z, y, common.x()), row);
            }
        }
    }

    /** A new block holding a copy of the part {@code sub} of this block ({@code sub} must lie inside). */
    public Block crop(Box sub) {
        if (!box.contains(sub)) {
            throw new IllegalArgumentException("crop " + sub + " lies outside block " + box);
        }
        Block out = allocate(sub, type);
        out.copyFrom(this);
        return out;
    }

    /** The same voxels placed at another position (shares the array). */
    public Block moveTo(long z, long y, long x) {
        return new Block(new Box(z, y, x, box.depth(), box.height(), box.width()), type, array);
    }

    /**
     * Fills this block from raw voxel bytes in the buffer's byte order, starting at the buffer's position,
     * which advances by {@code size() * type().bytes()}.
     */
    public void readFrom(ByteBuffer buf) {
        switch (type) {
            case UINT8, INT8 -> buf.get((byte[]) array);
            case UINT16, INT16 -> advance(buf, buf.asShortBuffer().get((short[]) array), 2);
            case UINT32, INT32 -> advance(buf, buf.asIntBuffer().get((int[]) array), 4);
            case FLOAT32 -> advance(buf, buf.asFloatBuffer().get((float[]) array), 4);
            case FLOAT64 -> advance(buf, buf.asDoubleBuffer().get((double[]) array), 8);
        }
    }

    /** Writes the raw voxel bytes into the buffer in its byte order, advancing its position. */
    public void writeTo(ByteBuffer buf) {
        switch (type) {
            case UINT8, INT8 -> buf.put((byte[]) array);
            case UINT16, INT16 -> advance(buf, buf.asShortBuffer().put((short[]) array), 2);
            case UINT32, INT32 -> advance(buf, buf.asIntBuffer().put((int[]) array), 4);
            case FLOAT32 -> advance(buf, buf.asFloatBuffer().put((float[]) array), 4);
            case FLOAT64 -> advance(buf, buf.asDoubleBuffer().put((double[]) array), 8);
        }
    }

    /** The raw voxel bytes in the given byte order. */
    public byte[] toBytes(ByteOrder order) {
        if (type.bytes() == 1) {
            return ((byte[]) array).clone();
        }
        ByteBuffer buf = ByteBuffer.allocate(size() * type.bytes()).order(order);
        writeTo(buf);
        return buf.array();
    }

    private static void advance(ByteBuffer buf, java.nio.Buffer view, int width) {
        buf.position(buf.position() + view.position() * width);
    }

    @Override
    public String toString() {
        return "Block" + box + " " + type;
    }
}
