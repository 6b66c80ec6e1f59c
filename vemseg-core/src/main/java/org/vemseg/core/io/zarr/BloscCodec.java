package org.vemseg.core.io.zarr;

import io.airlift.compress.lz4.Lz4Compressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.zstd.ZstdCompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Locale;
import org.vemseg.core.VemsegException;

/**
 * Pure-Java Blosc 1 frames, as written by c-blosc 1.x and read by numcodecs / zarr-python.
 *
 * <p>A frame is a 16-byte header ({@code version, versionlz, flags, typesize}, then little-endian
 * {@code nbytes, blocksize, cbytes}); unless the data is stored uncompressed (flag {@code 0x2},
 * "memcpyed", data follows the header), a table of {@code ceil(nbytes / blocksize)} int32 block start
 * offsets; and per block one or {@code typesize} streams ("splits"), each an int32 compressed size and
 * the bytes. A stream whose size equals its uncompressed size is stored raw. Flag {@code 0x1} means
 * each block was byte-shuffled before compression, {@code 0x4} bit-shuffled, {@code 0x10} that blocks
 * were not split, and the top 3 bits name the inner codec.
 *
 * <p>Decoding supports BloscLZ, LZ4 (and LZ4HC), zlib and zstd, with byte shuffle, bit shuffle or
 * none; Snappy is refused with a clear error. Encoding writes zstd, LZ4 or zlib with byte shuffle, blocks not
 * split, falling back to a memcpyed frame for incompressible data like c-blosc does. Stateless and
 * thread-safe.
 */
public final class BloscCodec {

    /** Size of the Blosc 1 header. */
    public static final int HEADER = 16;
    /** Default block size for encoding: large enough for good ratios, small enough for cache. */
    public static final int DEFAULT_BLOCK = 128 * 1024;

    private static final int FLAG_SHUFFLE = 0x1;
    private static final int FLAG_MEMCPYED = 0x2;
    private static final int FLAG_BITSHUFFLE = 0x4;
    private static final int FLAG_DONT_SPLIT = 0x10;
    private static final int MAX_SPLITS = 16;
    private static final int MIN_BUFFERSIZE = 128;
    private static final int FORMAT_VERSION = 2;

    /** The codecs that can sit inside a Blosc frame; {@code code} is the value of the flags' top 3 bits. */
    public enum Inner {
        BLOSCLZ("blosclz", 0),
        LZ4("lz4", 1),
        SNAPPY("snappy", 2),
        ZLIB("zlib", 3),
        ZSTD("zstd", 4);

        private final String label;
        private final int code;

        Inner(String label, int code) {
            this.label = label;
            this.code = code;
        }

        public int code() {
            return code;
        }

        @Override
        public String toString() {
            return label;
        }

        /** Parses a numcodecs {@code cname} ({@code lz4hc} writes the LZ4 format). */
        public static Inner fromName(String cname) {
            String n = cname.toLowerCase(Locale.ROOT);
            if (n.equals("lz4hc")) {
                return LZ4;
            }
            for (Inner i : values()) {
                if (i.label.equals(n)) {
                    return i;
                }
            }
            throw new VemsegException.Unsupported("unknown Blosc codec '" + cname
                    + "'; known: blosclz, lz4, lz4hc, zlib, zstd");
        }

        static Inner fromCode(int code) {
            for (Inner i : values()) {
                if (i.code == code) {
                    return i;
                }
            }
            throw new VemsegException.Corrupt("blosc: unknown inner codec number " + code);
        }
    }

    /** The parsed 16-byte header. */
    public record Header(int version, int flags, int typesize, int nbytes, int blocksize, int cbytes) {

        public Inner inner() {
            return Inner.fromCode((flags >> 5) & 0x7);
        }

        public boolean shuffled() {
            return (flags & FLAG_SHUFFLE) != 0;
        }

        public boolean memcpyed() {
            return (flags & FLAG_MEMCPYED) != 0;
        }

        public boolean bitShuffled() {
            return (flags & FLAG_BITSHUFFLE) != 0;
        }

        public boolean split() {
            return (flags & FLAG_DONT_SPLIT) == 0;
        }
    }

    private BloscCodec() {
    }

    /**
     * Reads the header of a frame.
     *
     * @throws VemsegException.Corrupt if the frame is shorter than its header claims
     */
    public static Header header(byte[] frame) {
        if (frame.length < HEADER) {
            throw new VemsegException.Corrupt("blosc: " + frame.length + " bytes, shorter than the 16-byte header");
        }
        ByteBuffer b = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
        Header h = new Header(frame[0] & 0xFF, frame[2] & 0xFF, frame[3] & 0xFF, b.getInt(4), b.getInt(8),
                b.getInt(12));
        if (h.version() == 0 || h.version() > 4) {
            throw new VemsegException.Corrupt("blosc: unknown format version " + h.version());
        }
        if (h.nbytes() < 0 || h.cbytes() < HEADER || h.typesize() == 0 || h.blocksize() < 0) {
            throw new VemsegException.Corrupt("blosc: invalid header (nbytes " + h.nbytes() + ", blocksize "
                    + h.blocksize() + ", cbytes " + h.cbytes() + ", typesize " + h.typesize() + ")");
        }
        if (h.cbytes() > frame.length) {
            throw new VemsegException.Corrupt("blosc: truncated: header says " + h.cbytes() + " bytes, have "
                    + frame.length);
        }
        return h;
    }

    /**
     * Decodes a whole frame.
     *
     * @throws VemsegException.Corrupt if the frame is truncated or inconsistent
     * @throws VemsegException.Unsupported for Snappy and Blosc2 extended headers
     */
    public static byte[] decode(byte[] frame) {
        Header h = header(frame);
        byte[] out = new byte[h.nbytes()];
        if (h.memcpyed()) {
            if (frame.length < HEADER + h.nbytes()) {
                throw new VemsegException.Corrupt("blosc: truncated uncompressed frame");
            }
            System.arraycopy(frame, HEADER, out, 0, h.nbytes());
            return out;
        }
        if (h.shuffled() && h.bitShuffled()) {
            throw new VemsegException.Unsupported("blosc: Blosc2 extended header is not supported");
        }
        Inner inner = h.inner();
        if (inner == Inner.SNAPPY) {
            throw new VemsegException.Unsupported("blosc: inner codec snappy is not supported");
        }
        if (h.nbytes() == 0) {
            return out;
        }
        if (h.blocksize() == 0) {
            throw new VemsegException.Corrupt("blosc: block size 0 for " + h.nbytes() + " bytes");
        }
        int nblocks = (int) ((h.nbytes() + (long) h.blocksize() - 1) / h.blocksize());
        int tableEnd = HEADER + 4 * nblocks;
        if (tableEnd > h.cbytes()) {
            throw new VemsegException.Corrupt("blosc: truncated block table");
        }
        ByteBuffer b = ByteBuffer.wrap(frame, 0, h.cbytes()).order(ByteOrder.LITTLE_ENDIAN);
        boolean shuffle = h.shuffled() && h.typesize() > 1;
        boolean bitShuffle = h.bitShuffled() && !shuffle;
        byte[] tmp = shuffle || bitShuffle ? new byte[h.blocksize()] : null;
        for (int j = 0; j < nblocks; j++) {
            int start = b.getInt(HEADER + 4 * j);
            if (start < tableEnd || start >= h.cbytes()) {
                throw new VemsegException.Corrupt("blosc: block " + j + " starts at " + start
                        + ", outside the frame");
            }
            int offset = j * h.blocksize();
            int bsize = Math.min(h.blocksize(), h.nbytes() - offset);
            boolean leftover = bsize < h.blocksize();
            boolean bits = bitShuffle && bsize >= h.typesize();
            byte[] dst = shuffle || bits ? tmp : out;
            int dstOff = shuffle || bits ? 0 : offset;
            decodeBlock(b, start, h, inner, bsize, leftover, dst, dstOff);
            if (shuffle) {
                ByteShuffle.unshuffle(h.typesize(), tmp, 0, bsize, out, offset);
            } else if (bits) {
                BitShuffle.unshuffle(h.typesize(), tmp, 0, bsize, out, offset);
            }
        }
        return out;
    }

    private static void decodeBlock(ByteBuffer b, int start, Header h, Inner inner, int bsize, boolean leftover,
            byte[] dst, int dstOff) {
        int typesize = h.typesize();
        // Same rule as c-blosc: the size condition keeps compatibility with frames from before the flag.
        int nsplits = h.split() && typesize <= MAX_SPLITS && bsize / typesize >= MIN_BUFFERSIZE && !leftover
                ? typesize : 1;
        int neblock = bsize / nsplits;
        int pos = start;
        byte[] frame = b.array();
        for (int s = 0; s < nsplits; s++) {
            if (pos + 4 > h.cbytes()) {
                throw new VemsegException.Corrupt("blosc: truncated stream header");
            }
            int csize = b.getInt(pos);
            pos += 4;
            if (csize < 0 || pos + csize > h.cbytes()) {
                throw new VemsegException.Corrupt("blosc: stream of " + csize + " bytes runs past the frame end");
            }
            int at = dstOff + s * neblock;
            if (csize == neblock) {
                System.arraycopy(frame, pos, dst, at, neblock);
            } else {
                inflate(inner, frame, pos, csize, dst, at, neblock);
            }
            pos += csize;
        }
    }

    private static void inflate(Inner inner, byte[] in, int off, int len, byte[] out, int outOff, int expected) {
        int n;
        try {
            n = switch (inner) {
                case BLOSCLZ -> {
                    BloscLz.decode(in, off, len, out, outOff, expected);
                    yield expected;
                }
                case LZ4 -> new Lz4Decompressor().decompress(in, off, len, out, outOff, expected);
                case ZSTD -> new ZstdDecompressor().decompress(in, off, len, out, outOff, expected);
                case ZLIB -> ZlibCodec.inflateInto(in, off, len, out, outOff, expected);
                case SNAPPY -> throw new VemsegException.Unsupported("blosc: inner codec snappy is not supported");
            };
        } catch (VemsegException e) {
            throw e;
        } catch (RuntimeException e) {
            // aircompressor signals bad input with MalformedInputException or index errors
            throw new VemsegException.Corrupt("blosc: " + inner + " stream is corrupt ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
        }
        if (n != expected) {
            throw new VemsegException.Corrupt("blosc: " + inner + " stream decoded to " + n + " bytes, expected "
                    + expected);
        }
    }

    /**
     * Encodes {@code data} as a Blosc 1 frame with byte shuffle, readable by c-blosc 1.x and numcodecs.
     *
     * @param typesize  bytes per element (the voxel size); values above 255 are treated as 1, like c-blosc
     * @param inner     {@link Inner#ZSTD}, {@link Inner#LZ4} or {@link Inner#ZLIB}
     * @param clevel    compression level 0–9 (used by zlib; recorded for the others)
     * @param blocksize bytes per block, or 0 for {@link #DEFAULT_BLOCK}
     */
    public static byte[] encode(byte[] data, int typesize, Inner inner, int clevel, int blocksize) {
        if (inner != Inner.ZSTD && inner != Inner.LZ4 && inner != Inner.ZLIB) {
            throw new VemsegException.Unsupported("blosc: cannot write inner codec " + inner
                    + "; use zstd, lz4 or zlib");
        }
        if (clevel < 0 || clevel > 9) {
            throw new IllegalArgumentException("blosc clevel must be 0..9, was " + clevel);
        }
        if (data.length > Integer.MAX_VALUE - 64 - data.length / 64) {
            throw new VemsegException.Unsupported("blosc: buffer of " + data.length + " bytes is too large");
        }
        int ts = typesize < 1 || typesize > 255 ? 1 : typesize;
        int nbytes = data.length;
        int bs = blocksize <= 0 ? DEFAULT_BLOCK : Math.max(blocksize, MIN_BUFFERSIZE);
        bs = Math.min(bs, nbytes);
        if (bs > ts) {
            bs = bs / ts * ts;
        }
        int flags = FLAG_SHUFFLE | FLAG_DONT_SPLIT | (inner.code() << 5);
        if (nbytes < MIN_BUFFERSIZE || clevel == 0) {
            return memcpyed(data, ts, flags, Math.max(bs, 1));
        }
        int nblocks = (nbytes + bs - 1) / bs;
        int limit = HEADER + nbytes; // beyond this, storing uncompressed is smaller
        byte[] out = new byte[HEADER + 4 * nblocks + 4 * nblocks + nbytes];
        ByteBuffer o = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        byte[] shuffled = new byte[bs];
        int pos = HEADER + 4 * nblocks;
        for (int j = 0; j < nblocks; j++) {
            int offset = j * bs;
            int bsize = Math.min(bs, nbytes - offset);
            ByteShuffle.shuffle(ts, data, offset, bsize, shuffled, 0);
            byte[] packed = deflate(inner, clevel, shuffled, bsize);
            int csize = packed.length >= bsize ? bsize : packed.length;
            if (pos + 4 + csize > limit) {
                return memcpyed(data, ts, flags, bs);
            }
            o.putInt(HEADER + 4 * j, pos);
            o.putInt(pos, csize);
            if (csize == bsize) {
                System.arraycopy(shuffled, 0, out, pos + 4, bsize);
            } else {
                System.arraycopy(packed, 0, out, pos + 4, csize);
            }
            pos += 4 + csize;
        }
        writeHeader(o, flags, ts, nbytes, bs, pos);
        return Arrays.copyOf(out, pos);
    }

    private static byte[] memcpyed(byte[] data, int ts, int flags, int bs) {
        byte[] out = new byte[HEADER + data.length];
        ByteBuffer o = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        writeHeader(o, (flags & ~FLAG_SHUFFLE) | FLAG_MEMCPYED, ts, data.length, bs, out.length);
        System.arraycopy(data, 0, out, HEADER, data.length);
        return out;
    }

    private static void writeHeader(ByteBuffer o, int flags, int ts, int nbytes, int bs, int cbytes) {
        o.put(0, (byte) FORMAT_VERSION);
        o.put(1, (byte) 1); // format version of every inner codec in c-blosc 1.x
        o.put(2, (byte) flags);
        o.put(3, (byte) ts);
        o.putInt(4, nbytes);
        o.putInt(8, bs);
        o.putInt(12, cbytes);
    }

    private static byte[] deflate(Inner inner, int clevel, byte[] src, int len) {
        switch (inner) {
            case ZSTD -> {
                ZstdCompressor c = new ZstdCompressor();
                byte[] out = new byte[c.maxCompressedLength(len)];
                int n = c.compress(src, 0, len, out, 0, out.length);
                return Arrays.copyOf(out, n);
            }
            case LZ4 -> {
                Lz4Compressor c = new Lz4Compressor();
                byte[] out = new byte[c.maxCompressedLength(len)];
                int n = c.compress(src, 0, len, out, 0, out.length);
                return Arrays.copyOf(out, n);
            }
            case ZLIB -> {
                return ZlibCodec.deflate(src, 0, len, clevel);
            }
            default -> throw new IllegalStateException("not an encodable codec: " + inner);
        }
    }
}
