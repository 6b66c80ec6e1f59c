package org.vemseg.core.io.tiff;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.DataFormatException;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.FileChannels;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.VolumeInfo;

/**
 * Lazy reader of a multi-page TIFF: page z is slice z. Opening parses the IFDs only; {@link #read(Box)}
 * reads just the strips or tiles the box touches, with positional reads, so one reader serves many
 * threads at once.
 *
 * <p>Uncompressed data is read in large spans straight from the file into the block (adjacent rows and
 * strips are merged into one read); compressed segments are decoded once each and only up to the last
 * row the box needs. Boxes spanning several compressed pages are decoded in parallel.
 */
final class TiffReader implements VolumeReader {

    /** Largest single read of uncompressed data; also the per-thread scratch size. */
    private static final int SPAN = 4 << 20;
    /** Boxes larger than this, over several compressed pages, are decoded on several threads. */
    private static final long PARALLEL_BYTES = 4 << 20;

    private static final ThreadLocal<ByteBuffer> RAW_SCRATCH = new ThreadLocal<>();

    private final Path path;
    private final FileChannel channel;
    private final TiffStructure tiff;
    private final VolumeInfo info;

    TiffReader(Path path, FileChannel channel, TiffStructure tiff) {
        this.path = path;
        this.channel = channel;
        this.tiff = tiff;
        TiffPage first = tiff.pages().get(0);
        this.info = new VolumeInfo(tiff.pages().size(), first.height(), first.width(), first.type(),
                ImageJMetadata.voxelSize(tiff.description(), tiff.xResolution(), tiff.yResolution()),
                new int[] {1, Math.min(first.segmentHeight(), first.height()),
                    Math.min(first.segmentWidth(), first.width())});
    }

    @Override
    public VolumeInfo info() {
        return info;
    }

    @Override
    public String describeFormat() {
        TiffPage first = tiff.pages().get(0);
        return "TIFF (" + first.compression() + (first.tiled() ? ", tiled" : "") + (tiff.bigTiff() ? ", BigTIFF" : "")
                + ")";
    }

    @Override
    public Block read(Box box) {
        VolumeReader.checkInside(info, box, path);
        Block out = Block.allocate(box, info.dataType());
        if (box.isEmpty()) {
            return out;
        }
        List<TiffPage> pages = tiff.pages();
        int depth = (int) box.depth();
        boolean compressed = IntStream.range(0, depth).anyMatch(i -> !pages.get((int) box.z() + i).isRaw());
        if (compressed && depth > 1 && box.voxels() * info.dataType().bytes() >= PARALLEL_BYTES) {
            IntStream.range(0, depth).parallel().forEach(i -> {
                PageReader r = new PageReader(out);
                try {
                    r.read((int) box.z() + i);
                } finally {
                    r.release();
                }
            });
        } else {
            PageReader r = new PageReader(out);
            try {
                for (int i = 0; i < depth; i++) {
                    r.read((int) box.z() + i);
                }
            } finally {
                r.release();
            }
        }
        return out;
    }

    @Override
    public void close() {
        FileChannels.close(channel, path);
    }

    private static ByteBuffer rawScratch(int need) {
        ByteBuffer b = RAW_SCRATCH.get();
        if (b == null || b.capacity() < need) {
            int cap = Math.min(SPAN, Math.max(need, 256 << 10));
            b = ByteBuffer.allocateDirect(Math.max(cap, need));
            RAW_SCRATCH.set(b);
        }
        return b;
    }

    /** Reads the part of one page that a block covers; holds decoding state for one thread. */
    private final class PageReader {
        private final Block out;
        private final Box box;
        private final TypedRows rows;
        private final int bytes;
        private final SegmentDecoder decoder = new SegmentDecoder();
        private byte[] compressed = new byte[0];
        private byte[] decoded = new byte[0];
        private byte[] rowTmp = new byte[0];

        PageReader(Block out) {
            this.out = out;
            this.box = out.box();
            this.rows = new TypedRows(out);
            this.bytes = out.type().bytes();
        }

        void release() {
            decoder.release();
        }

        /** Flat index in the block of voxel (z, y, x) in volume coordinates. */
        private int index(int z, long y, long x) {
            return (int) (((z - box.z()) * box.height() + (y - box.y())) * box.width() + (x - box.x()));
        }

        void read(int z) {
            TiffPage page = tiff.pages().get(z);
            long y0 = box.y();
            long y1 = box.end(1);
            long x0 = box.x();
            long x1 = box.end(2);
            int segW = page.segmentWidth();
            int segH = page.segmentHeight();
            int col0 = (int) (x0 / segW);
            int col1 = (int) ((x1 - 1) / segW);
            for (int col = col0; col <= col1; col++) {
                long cx0 = Math.max(x0, (long) col * segW);
                long cx1 = Math.min(x1, (long) (col + 1) * segW);
                if (page.isRaw()) {
                    readRaw(page, z, col, y0, y1, cx0, (int) (cx1 - cx0));
                    continue;
                }
                for (int row = (int) (y0 / segH), last = (int) ((y1 - 1) / segH); row <= last; row++) {
                    long ry0 = Math.max(y0, (long) row * segH);
                    long ry1 = Math.min(y1, (long) (row + 1) * segH);
                    readCompressed(page, z, row * page.segmentsAcross() + col, row, col, ry0, ry1, cx0, cx1);
                }
            }
        }

        /** File offset of row y, column x of an uncompressed page (x inside segment column col). */
        private long rawOffset(TiffPage page, int col, long y, long x) {
            int segH = page.segmentHeight();
            int seg = (int) (y / segH) * page.segmentsAcross() + col;
            return page.offsets()[seg] + (y % segH) * page.segmentRowBytes()
                    + (x - (long) col * page.segmentWidth()) * bytes;
        }

        /**
         * Reads rows y0..y1 of n voxels from x of an uncompressed page's segment column, merging rows that lie
         * at a constant stride in the file (within a strip, and across strips stored back to back).
         */
        private void readRaw(TiffPage page, int z, int col, long y0, long y1, long x, int n) {
            long stride = page.segmentRowBytes();
            long rowBytes = (long) n * bytes;
            // Reading the gaps between rows costs less than a read per row unless rows are far wider.
            boolean merge = stride <= 4 * rowBytes + (64 << 10);
            long y = y0;
            while (y < y1) {
                long start = rawOffset(page, col, y, x);
                if (rowBytes > SPAN) {
                    readLongRow(start, index(z, y, x), n);
                    y++;
                    continue;
                }
                int k = 1;
                if (merge) {
                    while (y + k < y1 && (k * stride + rowBytes) <= SPAN
                            && rawOffset(page, col, y + k, x) == start + k * stride) {
                        k++;
                    }
                }
                int len = (int) ((k - 1) * stride + rowBytes);
                ByteBuffer buf = rawScratch(len);
                buf.clear().limit(len);
                FileWindow.readFully(channel, buf, start, path);
                buf.order(tiff.order());
                rows.bind(buf);
                int voxelStride = (int) (stride / bytes);
                for (int i = 0; i < k; i++) {
                    rows.copy(i * voxelStride, index(z, y + i, x), n);
                }
                y += k;
            }
        }

        /** One row too wide for the scratch buffer, read in pieces. */
        private void readLongRow(long start, int dstIndex, int n) {
            int perPiece = SPAN / bytes;
            for (int done = 0; done < n; done += perPiece) {
                int m = Math.min(perPiece, n - done);
                ByteBuffer buf = rawScratch(m * bytes);
                buf.clear().limit(m * bytes);
                FileWindow.readFully(channel, buf, start + (long) done * bytes, path);
                buf.order(tiff.order());
                rows.bind(buf);
                rows.copy(0, dstIndex + done, m);
            }
        }

        private void readCompressed(TiffPage page, int z, int seg, int row, int col, long ry0, long ry1, long cx0,
                long cx1) {
            int segW = page.segmentWidth();
            int segH = page.segmentHeight();
            int rowBytes = (int) page.segmentRowBytes();
            // Decode only up to the last row this box needs.
            int rowsNeeded = (int) (ry1 - (long) row * segH);
            long needLong = (long) rowsNeeded * rowBytes;
            long stored = page.byteCounts()[seg];
            if (needLong > Integer.MAX_VALUE - 16 || stored > Integer.MAX_VALUE - 16) {
                throw new VemsegException.Unsupported(path + ": page " + z + " has a segment of more than 2 GB");
            }
            int need = (int) needLong;
            if (compressed.length < stored) {
                compressed = new byte[(int) stored];
            }
            if (decoded.length < need) {
                decoded = new byte[need];
            }
            FileWindow.readFully(channel, ByteBuffer.wrap(compressed, 0, (int) stored), page.offsets()[seg], path);
            int produced;
            try {
                produced = decoder.decode(page.compression(), compressed, (int) stored, decoded, need);
            } catch (DataFormatException e) {
                throw TiffFormat.corrupt(path, "bad " + page.compression() + " data in page " + z + " "
                        + (page.tiled() ? "tile " : "strip ") + seg + ": " + e.getMessage());
            }
            if (produced < need) {
                throw TiffFormat.corrupt(path, page.compression() + " data of page " + z + " "
                        + (page.tiled() ? "tile " : "strip ") + seg + " ends early (" + produced + " of " + need
                        + " bytes)");
            }
            ByteOrder order = tiff.order();
            if (page.predictor() == TiffTags.PREDICTOR_HORIZONTAL) {
                Predictors.undoHorizontal(decoded, 0, rowsNeeded, segW, bytes, order);
            } else if (page.predictor() == TiffTags.PREDICTOR_FLOAT) {
                if (rowTmp.length < rowBytes) {
                    rowTmp = new byte[rowBytes];
                }
                Predictors.undoFloatingPoint(decoded, 0, rowsNeeded, segW, bytes, rowTmp);
                order = ByteOrder.BIG_ENDIAN;
            }
            rows.bind(ByteBuffer.wrap(decoded, 0, need).order(order));
            int n = (int) (cx1 - cx0);
            int colInSeg = (int) (cx0 - (long) col * segW);
            for (long y = ry0; y < ry1; y++) {
                int srcVoxel = (int) ((y - (long) row * segH) * segW + colInSeg);
                rows.copy(srcVoxel, index(z, y, cx0), n);
            }
        }
    }
}
