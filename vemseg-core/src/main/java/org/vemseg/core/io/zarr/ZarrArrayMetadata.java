package org.vemseg.core.io.zarr;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.Compression;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;

/**
 * The content of a Zarr v2 {@code .zarray}, restricted to what vemseg reads: C order, no filters, a
 * volume that is 3D after dropping leading singleton axes (2D arrays are read as one slice; 4D and 5D
 * arrays with {@code t = c = 1} as their z-y-x part).
 *
 * @param shape      the array's shape as stored (2 to 5 axes)
 * @param chunks     the chunk shape as stored
 * @param dataType   voxel type
 * @param byteOrder  byte order of multi-byte voxels
 * @param codec      chunk compressor
 * @param fillValue  value of voxels in chunks that were never written
 * @param separator  {@code "."} or {@code "/"} between chunk indices in chunk file names
 */
public record ZarrArrayMetadata(long[] shape, int[] chunks, DataType dataType, ByteOrder byteOrder, ChunkCodec codec,
        double fillValue, String separator) {

    public ZarrArrayMetadata {
        shape = shape.clone();
        chunks = chunks.clone();
        if (shape.length != chunks.length) {
            throw new VemsegException.Corrupt("shape " + Arrays.toString(shape) + " and chunks "
                    + Arrays.toString(chunks) + " differ in length");
        }
        if (shape.length < 2 || shape.length > 5) {
            throw new VemsegException.Unsupported(shape.length + "D arrays are not supported (shape "
                    + Arrays.toString(shape) + "); vemseg reads 2D to 5D arrays whose leading axes have size 1");
        }
        for (int d = 0; d < shape.length - 3; d++) {
            if (shape[d] != 1) {
                throw new VemsegException.Unsupported("array of shape " + Arrays.toString(shape)
                        + " has more than one time point or channel; vemseg reads one 3D volume (t = c = 1)");
            }
        }
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] <= 0 || chunks[d] <= 0) {
                throw new VemsegException.Unsupported("shape " + Arrays.toString(shape) + " / chunks "
                        + Arrays.toString(chunks) + " must be positive");
            }
        }
        if (!separator.equals(".") && !separator.equals("/")) {
            throw new VemsegException.Unsupported("dimension_separator '" + separator + "' (must be '.' or '/')");
        }
        long chunkBytes = (long) dataType.bytes();
        for (int c : chunks) {
            chunkBytes *= c;
        }
        if (chunkBytes > Integer.MAX_VALUE - 64) {
            throw new VemsegException.Unsupported("chunks " + Arrays.toString(chunks) + " of " + dataType
                    + " hold " + chunkBytes + " bytes; vemseg reads chunks up to 2 GiB");
        }
    }

    /** Metadata of a new 3D array as vemseg writes it: little-endian, fill 0, separator {@code /}. */
    public static ZarrArrayMetadata create(long[] shape3, int[] chunk3, DataType type, Compression compression) {
        return new ZarrArrayMetadata(shape3, chunk3, type, ByteOrder.LITTLE_ENDIAN, ChunkCodec.of(compression), 0, "/");
    }

    /** Metadata of a new 3D array with an explicit codec. */
    static ZarrArrayMetadata create(long[] shape3, int[] chunk3, DataType type, ChunkCodec codec) {
        return new ZarrArrayMetadata(shape3, chunk3, type, ByteOrder.LITTLE_ENDIAN, codec, 0, "/");
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public int[] chunks() {
        return chunks.clone();
    }

    /** The volume's shape (z, y, x). */
    public long[] shape3() {
        int n = shape.length;
        return n == 2 ? new long[] {1, shape[0], shape[1]} : new long[] {shape[n - 3], shape[n - 2], shape[n - 1]};
    }

    /** The chunk shape (z, y, x). */
    public int[] chunk3() {
        int n = chunks.length;
        return n == 2 ? new int[] {1, chunks[0], chunks[1]} : new int[] {chunks[n - 3], chunks[n - 2], chunks[n - 1]};
    }

    /** The volume's bounds. */
    public Box bounds() {
        long[] s = shape3();
        return Box.ofShape(s[0], s[1], s[2]);
    }

    /** Bytes of one full chunk (edge chunks are stored full size too). */
    public int chunkBytes() {
        int[] c = chunk3();
        return c[0] * c[1] * c[2] * dataType.bytes();
    }

    /** The chunk file name (relative to the array folder) of 3D grid position {@code (gz, gy, gx)}. */
    public String chunkKey(long[] grid3) {
        StringBuilder key = new StringBuilder();
        int n = shape.length;
        for (int d = 0; d < n; d++) {
            long index = n == 2 ? grid3[d + 1] : d < n - 3 ? 0 : grid3[d - (n - 3)];
            if (d > 0) {
                key.append(separator);
            }
            key.append(index);
        }
        return key.toString();
    }

    /** Parses a {@code .zarray} document; {@code where} names the file in error messages. */
    static ZarrArrayMetadata fromJson(JsonObject o, String where) {
        try {
            int format = o.has("zarr_format") ? o.get("zarr_format").getAsInt() : -1;
            if (format != 2) {
                throw new VemsegException.Unsupported(where + ": zarr_format " + format + " is not supported (only 2)");
            }
            String order = o.has("order") ? o.get("order").getAsString() : "C";
            if (!order.equals("C")) {
                throw new VemsegException.Unsupported(where + ": order '" + order
                        + "' is not supported (only C order)");
            }
            JsonElement filters = o.get("filters");
            if (filters != null && !filters.isJsonNull()
                    && !(filters.isJsonArray() && filters.getAsJsonArray().isEmpty())) {
                throw new VemsegException.Unsupported(where + ": filters " + filters + " are not supported");
            }
            long[] shape = longs(o.getAsJsonArray("shape"));
            JsonArray ch = o.getAsJsonArray("chunks");
            int[] chunks = new int[ch.size()];
            for (int i = 0; i < chunks.length; i++) {
                chunks[i] = ch.get(i).getAsInt();
            }
            ZarrDtype dtype = ZarrDtype.parse(o.get("dtype").getAsString());
            ChunkCodec codec = ChunkCodec.fromJson(o.get("compressor"));
            double fill = fill(o.get("fill_value"));
            String sep = o.has("dimension_separator") && !o.get("dimension_separator").isJsonNull()
                    ? o.get("dimension_separator").getAsString() : ".";
            return new ZarrArrayMetadata(shape, chunks, dtype.type(), dtype.order(), codec, fill, sep);
        } catch (VemsegException.Unsupported | VemsegException.Corrupt e) {
            String m = e.getMessage();
            String msg = m.startsWith(where) ? m : where + ": " + m;
            throw e instanceof VemsegException.Corrupt ? new VemsegException.Corrupt(msg, e)
                    : new VemsegException.Unsupported(msg);
        } catch (RuntimeException e) {
            // missing keys, wrong JSON types
            throw new VemsegException.Corrupt(where + ": invalid .zarray (" + e.getMessage() + ")", e);
        }
    }

    private static long[] longs(JsonArray a) {
        long[] v = new long[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).getAsLong();
        }
        return v;
    }

    private static double fill(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return 0; // zarr-python leaves such chunks uninitialised; zero is the natural reading
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isString()) {
            return switch (p.getAsString()) {
                case "NaN" -> Double.NaN;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> throw new VemsegException.Unsupported("fill_value '" + p.getAsString()
                        + "' is not supported");
            };
        }
        if (p.isBoolean()) {
            return p.getAsBoolean() ? 1 : 0;
        }
        return p.getAsDouble();
    }

    /** The {@code .zarray} document, keys in zarr-python's (sorted) order. */
    JsonObject toJson() {
        JsonObject o = new JsonObject();
        JsonArray ch = new JsonArray();
        for (int c : chunks) {
            ch.add(c);
        }
        o.add("chunks", ch);
        o.add("compressor", codec.toJson());
        o.addProperty("dimension_separator", separator);
        o.addProperty("dtype", new ZarrDtype(dataType, byteOrder).toString());
        if (Double.isNaN(fillValue)) {
            o.addProperty("fill_value", "NaN");
        } else if (Double.isInfinite(fillValue)) {
            o.addProperty("fill_value", fillValue > 0 ? "Infinity" : "-Infinity");
        } else if (dataType.isFloating()) {
            o.addProperty("fill_value", fillValue);
        } else {
            o.addProperty("fill_value", (long) fillValue);
        }
        o.add("filters", com.google.gson.JsonNull.INSTANCE);
        o.addProperty("order", "C");
        JsonArray sh = new JsonArray();
        for (long s : shape) {
            sh.add(s);
        }
        o.add("shape", sh);
        o.addProperty("zarr_format", 2);
        return o;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ZarrArrayMetadata m && Arrays.equals(shape, m.shape) && Arrays.equals(chunks, m.chunks)
                && dataType == m.dataType && byteOrder.equals(m.byteOrder) && codec.equals(m.codec)
                && Double.compare(fillValue, m.fillValue) == 0 && separator.equals(m.separator);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(shape) * 31 + Arrays.hashCode(chunks) + dataType.hashCode();
    }

    @Override
    public String toString() {
        return "zarr array " + Arrays.toString(shape) + " chunks " + Arrays.toString(chunks) + " "
                + new ZarrDtype(dataType, byteOrder) + " " + codec.describe();
    }
}
