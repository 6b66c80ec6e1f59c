package org.vemseg.core.io.zarr;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.airlift.compress.zstd.ZstdCompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.util.Arrays;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.Compression;

/**
 * The {@code compressor} of a Zarr v2 array: how each chunk's raw bytes are stored. One record per
 * numcodecs codec id vemseg understands. {@link #decode} throws {@link VemsegException.Corrupt} (without
 * a path; the caller adds the chunk file) when the stored bytes do not decode to the chunk size.
 */
public sealed interface ChunkCodec {

    /** Decodes stored bytes to exactly {@code expected} raw bytes. */
    byte[] decode(byte[] stored, int expected);

    /** Encodes raw chunk bytes; {@code typesize} is the voxel size in bytes (for shuffling). */
    byte[] encode(byte[] raw, int typesize);

    /** The {@code compressor} entry of {@code .zarray} ({@code null} for none). */
    JsonElement toJson();

    /** Short name, e.g. {@code blosc-zstd}. */
    String describe();

    /** Parses the {@code compressor} entry of {@code .zarray}. */
    static ChunkCodec fromJson(JsonElement json) {
        if (json == null || json.isJsonNull()) {
            return new Raw();
        }
        if (!json.isJsonObject() || !json.getAsJsonObject().has("id")) {
            throw new VemsegException.Corrupt("compressor must be null or an object with an 'id', was " + json);
        }
        JsonObject o = json.getAsJsonObject();
        String id = o.get("id").getAsString();
        return switch (id) {
            case "blosc" -> new Blosc(BloscCodec.Inner.fromName(string(o, "cname", "lz4")), integer(o, "clevel", 5),
                    integer(o, "shuffle", 1), integer(o, "blocksize", 0));
            case "zlib" -> new Zlib(integer(o, "level", 1));
            case "gzip" -> new Gzip(integer(o, "level", 1));
            case "zstd" -> new Zstd(integer(o, "level", 1));
            default -> throw new VemsegException.Unsupported("compressor '" + id
                    + "' is not supported (supported: blosc, zlib, gzip, zstd, none)");
        };
    }

    /** The codec vemseg writes for a {@link Compression} choice. */
    static ChunkCodec of(Compression c) {
        return switch (c) {
            case NONE -> new Raw();
            case BLOSC_ZSTD -> new Blosc(BloscCodec.Inner.ZSTD, 5, 1, 0);
            case BLOSC_LZ4 -> new Blosc(BloscCodec.Inner.LZ4, 5, 1, 0);
            case DEFLATE -> new Zlib(6);
            case LZW, PACKBITS -> throw new VemsegException.Unsupported("OME-Zarr cannot use " + c
                    + " compression; use blosc-zstd, blosc-lz4, deflate or none");
        };
    }

    private static String string(JsonObject o, String key, String dflt) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsString() : dflt;
    }

    private static int integer(JsonObject o, String key, int dflt) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsInt() : dflt;
    }

    private static byte[] checkLength(byte[] raw, int expected, String codec) {
        if (raw.length != expected) {
            throw new VemsegException.Corrupt(codec + ": chunk holds " + raw.length + " bytes, expected " + expected);
        }
        return raw;
    }

    /** No compression: the chunk file holds the raw bytes. */
    record Raw() implements ChunkCodec {
        @Override
        public byte[] decode(byte[] stored, int expected) {
            return checkLength(stored, expected, "uncompressed");
        }

        @Override
        public byte[] encode(byte[] raw, int typesize) {
            return raw;
        }

        @Override
        public JsonElement toJson() {
            return JsonNull.INSTANCE;
        }

        @Override
        public String describe() {
            return "uncompressed";
        }
    }

    /** numcodecs {@code Blosc}: {@code shuffle} 0 none, 1 byte, 2 bit, -1 auto (only affects writing). */
    record Blosc(BloscCodec.Inner cname, int clevel, int shuffle, int blocksize) implements ChunkCodec {
        @Override
        public byte[] decode(byte[] stored, int expected) {
            return checkLength(BloscCodec.decode(stored), expected, "blosc");
        }

        @Override
        public byte[] encode(byte[] raw, int typesize) {
            return BloscCodec.encode(raw, typesize, cname, clevel, blocksize);
        }

        @Override
        public JsonElement toJson() {
            JsonObject o = new JsonObject();
            o.addProperty("blocksize", blocksize);
            o.addProperty("clevel", clevel);
            o.addProperty("cname", cname.toString());
            o.addProperty("id", "blosc");
            o.addProperty("shuffle", 1); // vemseg always writes byte shuffle
            return o;
        }

        @Override
        public String describe() {
            return "blosc-" + cname;
        }
    }

    /** numcodecs {@code Zlib}: a zlib stream. */
    record Zlib(int level) implements ChunkCodec {
        @Override
        public byte[] decode(byte[] stored, int expected) {
            return ZlibCodec.inflate(stored, expected);
        }

        @Override
        public byte[] encode(byte[] raw, int typesize) {
            return ZlibCodec.deflate(raw, 0, raw.length, level);
        }

        @Override
        public JsonElement toJson() {
            JsonObject o = new JsonObject();
            o.addProperty("id", "zlib");
            o.addProperty("level", level);
            return o;
        }

        @Override
        public String describe() {
            return "zlib";
        }
    }

    /** numcodecs {@code GZip}: a gzip member. */
    record Gzip(int level) implements ChunkCodec {
        @Override
        public byte[] decode(byte[] stored, int expected) {
            return ZlibCodec.gunzip(stored, expected);
        }

        @Override
        public byte[] encode(byte[] raw, int typesize) {
            return ZlibCodec.gzip(raw, level);
        }

        @Override
        public JsonElement toJson() {
            JsonObject o = new JsonObject();
            o.addProperty("id", "gzip");
            o.addProperty("level", level);
            return o;
        }

        @Override
        public String describe() {
            return "gzip";
        }
    }

    /** numcodecs {@code Zstd}: one zstd frame (aircompressor writes the content size numcodecs needs). */
    record Zstd(int level) implements ChunkCodec {
        @Override
        public byte[] decode(byte[] stored, int expected) {
            byte[] out = new byte[expected];
            int n;
            try {
                n = new ZstdDecompressor().decompress(stored, 0, stored.length, out, 0, expected);
            } catch (RuntimeException e) {
                throw new VemsegException.Corrupt("zstd: " + e.getMessage(), e);
            }
            return checkLength(n == expected ? out : Arrays.copyOf(out, n), expected, "zstd");
        }

        @Override
        public byte[] encode(byte[] raw, int typesize) {
            ZstdCompressor c = new ZstdCompressor();
            byte[] out = new byte[c.maxCompressedLength(raw.length)];
            return Arrays.copyOf(out, c.compress(raw, 0, raw.length, out, 0, out.length));
        }

        @Override
        public JsonElement toJson() {
            JsonObject o = new JsonObject();
            o.addProperty("id", "zstd");
            o.addProperty("level", level);
            return o;
        }

        @Override
        public String describe() {
            return "zstd";
        }
    }
}
