package org.vemseg.core.io.tiff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.vemseg.core.VemsegException;
import org.vemseg.core.volume.DataType;

/**
 * Reads a TIFF's header and IFD chain (metadata only) into a {@link TiffStructure}: classic TIFF and
 * BigTIFF, either byte order. Every page must be one single-channel image; pages flagged as reduced
 * resolution (thumbnails) are skipped. Errors name the file and, where it helps, the page.
 */
final class TiffParser {

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
            Ifd ifd = Ifd.read(path, file, bigTiff, order, offset, pages.size());
            if ((ifd.number(TiffTags.NEW_SUBFILE_TYPE, 0) & 5) == 0) {
                TiffPage page = toPage(ifd, pages.size());
                if (firstPage == null) {
                    firstPage = ifd;
                } else {
                    checkSameAsFirst(pages.get(0), page, pages.size());
                }
                pages.add(page);
            }
            offset = ifd.next();
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
            counts = ifd.has(TiffTags.TILE_BYTE_COUNTS)
                    ? ifd.numbers(TiffTags.TILE_BYTE_COUNTS, "TileByteCounts") : null;
        } else {
            segW = width;
            long rps = ifd.number(TiffTags.ROWS_PER_STRIP, height);
            segH = (int) Math.max(1, Math.min(rps, height));
            offsets = ifd.numbers(TiffTags.STRIP_OFFSETS, "StripOffsets");
            counts = ifd.has(TiffTags.STRIP_BYTE_COUNTS)
                    ? ifd.numbers(TiffTags.STRIP_BYTE_COUNTS, "StripByteCounts") : null;
        }
        if (segW <= 0 || segH <= 0) {
            throw TiffFormat.corrupt(path, "page " + z + " has an empty tile size " + segH + " x " + segW);
        }
        TiffPage page = new TiffPage(width, height, type, compression, predictor, tiled, segW, segH, offsets,
                counts == null ? new long[0] : counts);
        int n = page.segmentCount();
        String kind = tiled ? "tile" : "strip";
        if (offsets.length < n) {
            throw TiffFormat.corrupt(path, "page " + z + " lists " + offsets.length + " " + kind
                    + " offsets but needs " + n);
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
                        + stored + " bytes) lies beyond the end of the file (" + size
                        + " bytes); the file is truncated");
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
}
