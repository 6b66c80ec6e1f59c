package org.vemseg.core.io.tiff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vemseg.core.VemsegException;
import org.vemseg.core.volume.DataType;

/**
 * Reads a TIFF's header and IFD chain (metadata only) into a {@link TiffStructure}: classic TIFF and
 * BigTIFF, either byte order. Every page must be one single-channel image; pages flagged as reduced
 * resolution (thumbnails) are skipped. Errors name the file and, where it helps, the page.
 */
final class TiffParser {

    /** Bounds against nonsense in damaged files. */
    private static final long MAX_ENTRIES = 4096;

    private final Path path;
    private final FileWindow file;
    private final boolean bigTiff;
    private final ByteOrder order;
    private final long firstIfd;

    private TiffParser(Path path, FileWindow file, ByteOrder order, boolean bigTiff, long firstIfd) {
        this.path = path;
        this.file = file;
        this.order = order;
        this.bigTiff = bigTiff;
        this.firstIfd = firstIfd;
    }

    /** Parses the header and all IFDs of an open file. */
    static TiffStructure parse(Path path, FileChannel channel) {
        long size;
        try {
            size = channel.size();
        } catch (IOException e) {
            throw VemsegException.IO.of(path, "read", e);
        }
        if (size < 8) {
            throw TiffFormat.corrupt(path, "file is too short (" + size + " bytes) to be a TIFF");
        }
        ByteBuffer head = ByteBuffer.allocate((int) Math.min(16, size));
        FileWindow.readFully(channel, head, 0, path);
        head.flip();
        ByteOrder order;
        if (head.get(0) == 'I' && head.get(1) == 'I') {
            order = ByteOrder.LITTLE_ENDIAN;
        } else if (head.get(0) == 'M' && head.get(1) == 'M') {
            order = ByteOrder.BIG_ENDIAN;
        } else {
            throw TiffFormat.corrupt(path, "not a TIFF file (no II/MM byte-order mark)");
        }
        head.order(order);
        int version = head.getShort(2) & 0xFFFF;
        boolean big;
        long first;
        if (version == 42) {
            big = false;
            first = head.getInt(4) & 0xFFFFFFFFL;
        } else if (version == 43) {
            if (size < 16 || head.getShort(4) != 8) {
                throw TiffFormat.corrupt(path, "BigTIFF header is damaged");
            }
            big = true;
            first = head.getLong(8);
        } else {
            throw TiffFormat.corrupt(path, "not a TIFF file (version " + version + ", expected 42 or 43)");
        }
        TiffParser p = new TiffParser(path, new FileWindow(path, channel, size, order), order, big, first);
        return p.parseChain();
    }

    private TiffStructure parseChain() {
        List<TiffPage> pages = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        Ifd firstPage = null;
        long offset = firstIfd;
        if (offset == 0) {
            throw TiffFormat.corrupt(path, "the TIFF holds no image (no IFD)");
        }
        while (offset != 0) {
            if (!seen.add(offset)) {
                throw TiffFormat.corrupt(path, "IFD chain loops back to offset " + offset);
            }
            Ifd ifd = readIfd(offset, pages.size());
            if ((ifd.number(TiffTags.NEW_SUBFILE_TYPE, 0) & 5) == 0) {
                TiffPage page = toPage(ifd, pages.size());
                if (firstPage == null) {
                    firstPage = ifd;
                } else {
                    checkSameAsFirst(pages.get(0), page, pages.size());
                }
                pages.add(page);
            }
            offset = ifd.next;
        }
        if (firstPage == null) {
            throw TiffFormat.corrupt(path, "the TIFF holds only reduced-resolution images");
        }
        return new TiffStructure(order, bigTiff, List.copyOf(pages), firstPage.text(TiffTags.IMAGE_DESCRIPTION),
                firstPage.rational(TiffTags.X_RESOLUTION), firstPage.rational(TiffTags.Y_RESOLUTION),
                (int) firstPage.number(TiffTags.RESOLUTION_UNIT, 2));
    }

    private void checkSameAsFirst(TiffPage first, TiffPage page, int z) {
        if (page.width() != first.width() || page.height() != first.height() || page.type() != first.type()) {
            throw new VemsegException.InvalidInput(path + ": TIFF page " + z + " is " + page.height() + " x "
                    + page.width() + " " + page.type() + " but page 0 is " + first.height() + " x " + first.width()
                    + " " + first.type() + "; vemseg reads stacks of pages of one shape and type");
        }
    }

    private Ifd readIfd(long offset, int z) {
        String where = "IFD of page " + z;
        int countSize = bigTiff ? 8 : 2;
        ByteBuffer b = file.at(offset, countSize, where);
        long count = bigTiff ? b.getLong() : b.getShort() & 0xFFFF;
        if (count <= 0 || count > MAX_ENTRIES) {
            throw TiffFormat.corrupt(path, where + " at offset " + offset + " has " + count + " entries");
        }
        int entrySize = bigTiff ? 20 : 12;
        int total = (int) count * entrySize + (bigTiff ? 8 : 4);
        ByteBuffer src = file.at(offset + countSize, total, where);
        ByteBuffer copy = ByteBuffer.allocate(total).order(order);
        copy.put(0, src, src.position(), total);
        long next = bigTiff ? copy.getLong(total - 8) : copy.getInt(total - 4) & 0xFFFFFFFFL;
        return new Ifd(copy, (int) count, next, where);
    }

    private TiffPage toPage(Ifd ifd, int z) {
        int width = (int) ifd.requiredNumber(TiffTags.IMAGE_WIDTH, "ImageWidth");
        int height = (int) ifd.requiredNumber(TiffTags.IMAGE_LENGTH, "ImageLength");
        if (width <= 0 || height <= 0) {
            throw TiffFormat.corrupt(path, "page " + z + " has an empty shape " + height + " x " + width);
        }
        long samples = ifd.number(TiffTags.SAMPLES_PER_PIXEL, 1);
        if (samples != 1) {
            throw new VemsegException.Unsupported(path + ": TIFF pages with " + samples
                    + " samples per pixel (RGB or multi-channel) are not supported; vemseg reads single-channel"
                    + " (grayscale) TIFF");
        }
        DataType type = dataType(ifd);
        int code = (int) ifd.number(TiffTags.COMPRESSION, 1);
        TiffCompression compression = TiffCompression.ofCode(code).orElseThrow(
                () -> new VemsegException.Unsupported(path + ": unsupported TIFF compression "
                        + TiffCompression.describe(code) + "; vemseg reads uncompressed, LZW, Deflate and PackBits"));
        int predictor = (int) ifd.number(TiffTags.PREDICTOR, TiffTags.PREDICTOR_NONE);
        if (compression == TiffCompression.NONE) {
            predictor = TiffTags.PREDICTOR_NONE;
        }
        if (predictor != TiffTags.PREDICTOR_NONE && predictor != TiffTags.PREDICTOR_HORIZONTAL
                && !(predictor == TiffTags.PREDICTOR_FLOAT && type.isFloating())) {
            throw new VemsegException.Unsupported(path + ": unsupported TIFF predictor " + predictor + " for "
                    + type + " data");
        }
        boolean tiled = ifd.has(TiffTags.TILE_WIDTH);
        int segW;
        int segH;
        long[] offsets;
        long[] counts;
        if (tiled) {
            segW = (int) ifd.requiredNumber(TiffTags.TILE_WIDTH, "TileWidth");
            segH = (int) ifd.requiredNumber(TiffTags.TILE_LENGTH, "TileLength");
            offsets = ifd.numbers(TiffTags.TILE_OFFSETS, "TileOffsets");
            counts = ifd.has(TiffTags.TILE_BYTE_COUNTS) ? ifd.numbers(TiffTags.TILE_BYTE_COUNTS, "TileByteCounts") : null;
        } else {
            segW = width;
            long rps = ifd.number(TiffTags.ROWS_PER_STRIP, height);
            segH = (int) Math.max(1, Math.min(rps, height));
            offsets = ifd.numbers(TiffTags.STRIP_OFFSETS, "StripOffsets");
            counts = ifd.has(TiffTags.STRIP_BYTE_COUNTS) ? ifd.numbers(TiffTags.STRIP_BYTE_COUNTS, "StripByteCounts") : null;
        }
        if (segW <= 0 || segH <= 0) {
            throw TiffFormat.corrupt(path, "page " + z + " has an empty tile size " + segH + " x " + segW);
        }
        TiffPage page = new TiffPage(width, height, type, compression, predictor, tiled, segW, segH, offsets,
                counts == null ? new long[0] : counts);
        int n = page.segmentCount();
        String kind = tiled ? "tile" : "strip";
        if (offsets.length < n) {
            throw TiffFormat.corrupt(path, "page " + z + " lists " + offsets.length + " " + kind + " offsets but needs " + n);
        }
        if (counts == null || counts.length < n) {
            if (compression != TiffCompression.NONE) {
                throw TiffFormat.corrupt(path, "page " + z + " lacks the byte counts of its " + kind + "s");
            }
            long[] computed = new long[n];
            for (int i = 0; i < n; i++) {
                computed[i] = page.segmentBytes(i);
            }
            page = new TiffPage(width, height, type, compression, predictor, tiled, segW, segH, offsets, computed);
        }
        long size = file.size();
        for (int i = 0; i < n; i++) {
            long stored = compression == TiffCompression.NONE ? page.segmentBytes(i) : page.byteCounts()[i];
            if (offsets[i] < 0 || stored < 0 || offsets[i] + stored > size) {
                throw TiffFormat.corrupt(path, "page " + z + " " + kind + " " + i + " (offset " + offsets[i] + ", "
                        + stored + " bytes) lies beyond the end of the file (" + size + " bytes); the file is truncated");
            }
        }
        return page;
    }

    private DataType dataType(Ifd ifd) {
        int bits = (int) ifd.number(TiffTags.BITS_PER_SAMPLE, 1);
        int format = (int) ifd.number(TiffTags.SAMPLE_FORMAT, TiffTags.SAMPLE_UINT);
        String what = bits + "-bit " + switch (format) {
            case TiffTags.SAMPLE_INT -> "signed integer";
            case TiffTags.SAMPLE_FLOAT -> "floating-point";
            case TiffTags.SAMPLE_UINT, TiffTags.SAMPLE_VOID -> "unsigned integer";
            default -> "(sample format " + format + ")";
        };
        DataType t = switch (format) {
            case TiffTags.SAMPLE_UINT, TiffTags.SAMPLE_VOID -> bits == 8 ? DataType.UINT8
                    : bits == 16 ? DataType.UINT16 : bits == 32 ? DataType.UINT32 : null;
            case TiffTags.SAMPLE_INT -> bits == 8 ? DataType.INT8
                    : bits == 16 ? DataType.INT16 : bits == 32 ? DataType.INT32 : null;
            case TiffTags.SAMPLE_FLOAT -> bits == 32 ? DataType.FLOAT32 : bits == 64 ? DataType.FLOAT64 : null;
            default -> null;
        };
        if (t == null) {
            throw new VemsegException.Unsupported(path + ": unsupported TIFF sample type " + what
                    + "; vemseg reads 8/16/32-bit integers and 32/64-bit floats");
        }
        return t;
    }

    /** The entries of one IFD, kept as raw bytes; values are decoded on request. */
    private final class Ifd {
        private final ByteBuffer entries;
        private final int count;
        private final long next;
        private final String where;

        Ifd(ByteBuffer entries, int count, long next, String where) {
            this.entries = entries;
            this.count = count;
            this.next = next;
            this.where = where;
        }

        private int entrySize() {
            return bigTiff ? 20 : 12;
        }

        /** Byte position of the entry with this tag, or -1. Entries are sorted, but tolerate any order. */
        private int find(int tag) {
            for (int i = 0; i < count; i++) {
                int at = i * entrySize();
                if ((entries.getShort(at) & 0xFFFF) == tag) {
                    return at;
                }
            }
            return -1;
        }

        boolean has(int tag) {
            return find(tag) >= 0;
        }

        private int type(int at) {
            return entries.getShort(at + 2) & 0xFFFF;
        }

        private long valueCount(int at) {
            return bigTiff ? entries.getLong(at + 4) : entries.getInt(at + 4) & 0xFFFFFFFFL;
        }

        /** The buffer and position holding the values of the entry at {@code at}. */
        private ByteBuffer values(int at, String name) {
            int type = type(at);
            long bytes = valueCount(at) * TiffTags.typeSize(type);
            int inline = bigTiff ? 8 : 4;
            int field = at + (bigTiff ? 12 : 8);
            if (bytes <= inline) {
                return entries.duplicate().order(order).position(field);
            }
            long offset = bigTiff ? entries.getLong(field) : entries.getInt(field) & 0xFFFFFFFFL;
            return file.at(offset, bytes, name + " of " + where);
        }

        long number(int tag, long fallback) {
            int at = find(tag);
            if (at < 0 || valueCount(at) == 0) {
                return fallback;
            }
            return read(values(at, "tag " + tag), type(at));
        }

        long requiredNumber(int tag, String name) {
            if (!has(tag)) {
                throw TiffFormat.corrupt(path, where + " lacks the required tag " + name);
            }
            return number(tag, 0);
        }

        long[] numbers(int tag, String name) {
            int at = find(tag);
            if (at < 0) {
                throw TiffFormat.corrupt(path, where + " lacks the required tag " + name);
            }
            long n = valueCount(at);
            if (n > Integer.MAX_VALUE - 8) {
                throw TiffFormat.corrupt(path, where + " has " + n + " values in " + name);
            }
            int type = type(at);
            ByteBuffer b = values(at, name);
            long[] out = new long[(int) n];
            for (int i = 0; i < out.length; i++) {
                out[i] = read(b, type);
            }
            return out;
        }

        private long read(ByteBuffer b, int type) {
            return switch (type) {
                case TiffTags.BYTE, TiffTags.UNDEFINED -> b.get() & 0xFF;
                case TiffTags.SBYTE -> b.get();
                case TiffTags.SHORT -> b.getShort() & 0xFFFF;
                case TiffTags.SSHORT -> b.getShort();
                case TiffTags.LONG, TiffTags.IFD -> b.getInt() & 0xFFFFFFFFL;
                case TiffTags.SLONG -> b.getInt();
                case TiffTags.LONG8, TiffTags.SLONG8, TiffTags.IFD8 -> b.getLong();
                default -> throw TiffFormat.corrupt(path, where + " stores an integer tag as field type " + type);
            };
        }

        /** The first value of a RATIONAL tag, or 0 if absent or malformed. */
        double rational(int tag) {
            int at = find(tag);
            if (at < 0 || valueCount(at) == 0) {
                return 0;
            }
            int type = type(at);
            ByteBuffer b = values(at, "tag " + tag);
            return switch (type) {
                case TiffTags.RATIONAL -> {
                    long num = b.getInt() & 0xFFFFFFFFL;
                    long den = b.getInt() & 0xFFFFFFFFL;
                    yield den == 0 ? 0 : (double) num / den;
                }
                case TiffTags.SRATIONAL -> {
                    int num = b.getInt();
                    int den = b.getInt();
                    yield den == 0 ? 0 : (double) num / den;
                }
                case TiffTags.FLOAT -> b.getFloat();
                case TiffTags.DOUBLE -> b.getDouble();
                default -> 0;
            };
        }

        /** An ASCII tag as text (UTF-8 where valid, else Latin-1), without the trailing NULs. */
        Optional<String> text(int tag) {
            int at = find(tag);
            if (at < 0 || (type(at) != TiffTags.ASCII && type(at) != TiffTags.BYTE && type(at) != TiffTags.UNDEFINED)) {
                return Optional.empty();
            }
            long n = valueCount(at);
            if (n > 16 << 20) {
                return Optional.empty();
            }
            ByteBuffer b = values(at, "ImageDescription");
            byte[] bytes = new byte[(int) n];
            b.get(bytes);
            int len = bytes.length;
            while (len > 0 && bytes[len - 1] == 0) {
                len--;
            }
            ByteBuffer data = ByteBuffer.wrap(bytes, 0, len);
            try {
                return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(data).toString());
            } catch (CharacterCodingException e) {
                return Optional.of(new String(bytes, 0, len, StandardCharsets.ISO_8859_1));
            }
        }
    }
}
