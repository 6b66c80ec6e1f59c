package org.vemseg.core.io.tiff;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Crafts small TIFF files byte by byte for tests: any byte order, classic or BigTIFF, strips or tiles,
 * any compression code and predictor, with segment bytes given by the test.
 */
final class TiffBuilder {

    private final ByteOrder order;
    private final boolean bigTiff;
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    private final List<IfdWriter> ifds = new ArrayList<>();

    TiffBuilder(ByteOrder order, boolean bigTiff) {
        this.order = order;
        this.bigTiff = bigTiff;
        data.writeBytes(new byte[bigTiff ? 16 : 8]);
    }

    /** Adds a page stored as strips of {@code rowsPerStrip} rows. */
    TiffBuilder strips(int width, int height, int bits, int sampleFormat, int compression, int predictor,
            int rowsPerStrip, byte[]... strips) {
        IfdWriter ifd = common(width, height, bits, sampleFormat, compression, predictor);
        ifd.add(TiffTags.ROWS_PER_STRIP, TiffTags.LONG, rowsPerStrip);
        place(ifd, TiffTags.STRIP_OFFSETS, TiffTags.STRIP_BYTE_COUNTS, strips);
        return this;
    }

    /** Adds a tiled page. */
    TiffBuilder tiles(int width, int height, int bits, int sampleFormat, int compression, int predictor,
            int tileWidth, int tileHeight, byte[]... tiles) {
        IfdWriter ifd = common(width, height, bits, sampleFormat, compression, predictor);
        ifd.add(TiffTags.TILE_WIDTH, TiffTags.LONG, tileWidth).add(TiffTags.TILE_LENGTH, TiffTags.LONG, tileHeight);
        place(ifd, TiffTags.TILE_OFFSETS, TiffTags.TILE_BYTE_COUNTS, tiles);
        return this;
    }

    /** Adds a tag to the last page. */
    TiffBuilder tag(int tag, long value) {
        ifds.get(ifds.size() - 1).add(tag, TiffTags.SHORT, value);
        return this;
    }

    private IfdWriter common(int width, int height, int bits, int sampleFormat, int compression, int predictor) {
        IfdWriter ifd = new IfdWriter(bigTiff, order);
        ifd.add(TiffTags.IMAGE_WIDTH, TiffTags.LONG, width).add(TiffTags.IMAGE_LENGTH, TiffTags.LONG, height)
                .add(TiffTags.BITS_PER_SAMPLE, TiffTags.SHORT, bits)
                .add(TiffTags.COMPRESSION, TiffTags.SHORT, compression)
                .add(TiffTags.PHOTOMETRIC, TiffTags.SHORT, 1)
                .add(TiffTags.SAMPLE_FORMAT, TiffTags.SHORT, sampleFormat);
        if (predictor != 1) {
            ifd.add(TiffTags.PREDICTOR, TiffTags.SHORT, predictor);
        }
        ifds.add(ifd);
        return ifd;
    }

    private void place(IfdWriter ifd, int offsetsTag, int countsTag, byte[][] segments) {
        long[] offsets = new long[segments.length];
        long[] counts = new long[segments.length];
        for (int i = 0; i < segments.length; i++) {
            offsets[i] = data.size();
            counts[i] = segments[i].length;
            data.writeBytes(segments[i]);
        }
        ifd.addOffsets(offsetsTag, offsets).addOffsets(countsTag, counts);
    }

    byte[] build() {
        long at = (data.size() + 7) & ~7L;
        long total = at;
        for (IfdWriter ifd : ifds) {
            total += ifd.size();
        }
        ByteBuffer out = ByteBuffer.allocate((int) total).order(order);
        out.put(data.toByteArray());
        out.put(0, (byte) (order == ByteOrder.LITTLE_ENDIAN ? 'I' : 'M'));
        out.put(1, (byte) (order == ByteOrder.LITTLE_ENDIAN ? 'I' : 'M'));
        out.putShort(2, (short) (bigTiff ? 43 : 42));
        if (bigTiff) {
            out.putShort(4, (short) 8).putLong(8, at);
        } else {
            out.putInt(4, (int) at);
        }
        out.position((int) at);
        for (int i = 0; i < ifds.size(); i++) {
            long size = ifds.get(i).size();
            ifds.get(i).writeTo(out, at, i + 1 < ifds.size() ? at + size : 0);
            at += size;
        }
        return out.array();
    }
}
