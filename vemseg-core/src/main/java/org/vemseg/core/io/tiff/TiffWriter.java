package org.vemseg.core.io.tiff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.AtomicOutput;
import org.vemseg.core.io.FileChannels;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeWriter;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.VolumeInfo;

/**
 * Streams a volume into a multi-page little-endian TIFF, one page per z slice, memory bounded by one page.
 *
 * <p>Layout: header, then the strips of every page in z order (for uncompressed output the pixel data of
 * all pages is one contiguous block, which ImageJ's fast stack reader relies on), then all IFDs. Strips
 * hold about {@value #STRIP_BYTES} bytes. With a voxel size the first page carries ImageJ metadata
 * ({@code unit=nm}, {@code spacing=}) and every page XResolution/YResolution in pixels per nm, which
 * Fiji and tifffile read. BigTIFF is chosen up front when the file could reach 4 GiB.
 */
final class TiffWriter implements VolumeWriter {

    static final int STRIP_BYTES = 512 << 10;
    /** Classic TIFF offsets are 32-bit; stay clear of the limit. */
    private static final long CLASSIC_LIMIT = (1L << 32) - (16L << 20);

    private final Path target;
    private final AtomicOutput output;
    private final FileChannel channel;
    private final VolumeInfo info;
    private final TiffCompression compression;
    private final boolean bigTiff;
    private final int rowsPerStrip;
    private final List<long[]> stripOffsets = new ArrayList<>();
    private final List<long[]> stripCounts = new ArrayList<>();
    private final ByteBuffer strip;
    private final StripEncoder encoder;
    private long position;
    private int nextZ;
    private boolean committed;

    private TiffWriter(Path target, AtomicOutput output, FileChannel channel, VolumeInfo info,
            TiffCompression compression, boolean bigTiff, int rowsPerStrip) {
        this.target = target;
        this.output = output;
        this.channel = channel;
        this.info = info;
        this.compression = compression;
        this.bigTiff = bigTiff;
        this.rowsPerStrip = rowsPerStrip;
        this.strip = ByteBuffer.allocate((int) (rowsPerStrip * rowBytes())).order(ByteOrder.LITTLE_ENDIAN);
        this.encoder = new StripEncoder(compression);
    }

    /**
     * Creates the temporary output and writes the header. Refuses, before creating anything, compressions
     * TIFF cannot hold and pages too large for one block.
     *
     * @param forceBigTiff write BigTIFF even when classic TIFF would do (for tests and for readers that
     *                     prefer it)
     */
    static TiffWriter create(VolumeLocation location, VolumeInfo requested, WriteOptions options,
            boolean forceBigTiff) {
        Path path = location.path();
        TiffCompression compression = TiffCompression.forWriting(path, options.compression());
        if (requested.height() * requested.width() > Block.MAX_VOXELS) {
            throw new VemsegException.Unsupported(path + ": a TIFF page of " + requested.height() + " x "
                    + requested.width() + " voxels is too large to write");
        }
        VolumeInfo info = requested.withChunk(new int[] {1, (int) requested.height(), (int) requested.width()});
        long rowBytes = info.width() * info.dataType().bytes();
        int rps = (int) Math.max(1, Math.min(info.height(), STRIP_BYTES / rowBytes));
        boolean big = forceBigTiff || estimatedSize(info, compression, rps) >= CLASSIC_LIMIT;
        AtomicOutput out = AtomicOutput.begin(path, options.overwrite(), false);
        FileChannel ch = null;
        try {
            ch = FileChannel.open(out.temp(), StandardOpenOption.WRITE);
            TiffWriter w = new TiffWriter(path, out, ch, info, compression, big, rps);
            w.writeHeader();
            return w;
        } catch (IOException e) {
            FileChannels.closeQuietly(ch);
            out.close();
            throw VemsegException.IO.of(path, "write", e);
        } catch (RuntimeException e) {
            FileChannels.closeQuietly(ch);
            out.close();
            throw e;
        }
    }

    /** An upper bound of the file size: worst-case encoded data plus IFDs. */
    static long estimatedSize(VolumeInfo info, TiffCompression c, int rowsPerStrip) {
        long pageBytes = info.height() * info.width() * info.dataType().bytes();
        long rowBytes = info.width() * info.dataType().bytes();
        long strips = (info.height() + rowsPerStrip - 1) / rowsPerStrip;
        long stripBytes = rowsPerStrip * rowBytes;
        long perStrip = switch (c) {
            case NONE -> stripBytes;
            case DEFLATE -> stripBytes + stripBytes / 1000 + 64;
            case LZW -> Lzw.maxEncodedSize((int) Math.min(Integer.MAX_VALUE / 2, stripBytes));
            case PACKBITS -> rowsPerStrip * (long) PackBits.maxEncodedSize((int) rowBytes);
        };
        long data = c == TiffCompression.NONE ? pageBytes : strips * perStrip;
        long ifd = 512 + strips * 16;
        return 16 + info.depth() * (data + ifd) + 4096;
    }

    /** Whether this file is BigTIFF (64-bit offsets). */
    boolean isBigTiff() {
        return bigTiff;
    }

    private long rowBytes() {
        return info.width() * info.dataType().bytes();
    }

    private void writeHeader() throws IOException {
        ByteBuffer h = ByteBuffer.allocate(bigTiff ? 16 : 8).order(ByteOrder.LITTLE_ENDIAN);
        h.put((byte) 'I').put((byte) 'I');
        if (bigTiff) {
            h.putShort((short) 43).putShort((short) 8).putShort((short) 0).putLong(0);
        } else {
            h.putShort((short) 42).putInt(0);
        }
        h.flip();
        writeFully(h, 0);
        position = h.capacity();
    }

    @Override
    public VolumeInfo info() {
        return info;
    }

    @Override
    public boolean isSequential() {
        return true;
    }

    /** Accepts whole pages ({@code k x height x width} at the next z), in z order. */
    @Override
    public void write(Block block) {
        if (committed) {
            throw new IllegalStateException(target + ": writer already committed");
        }
        Box b = block.box();
        if (b.z() != nextZ || b.y() != 0 || b.x() != 0 || b.height() != info.height() || b.width() != info.width()
                || b.end(0) > info.depth()) {
            throw new IllegalArgumentException("the TIFF writer takes whole slices in z order: expected slice "
                    + nextZ + " as a block of 1 x " + info.height() + " x " + info.width() + " at (" + nextZ
                    + ", 0, 0), got " + b);
        }
        if (block.type() != info.dataType()) {
            throw new IllegalArgumentException("cannot write a " + block.type() + " block into a " + info.dataType()
                    + " TIFF");
        }
        try {
            for (int i = 0; i < b.depth(); i++) {
                writePage(block, i);
                nextZ++;
            }
        } catch (IOException e) {
            throw VemsegException.IO.of(target, "write", e);
        }
    }

    private void writePage(Block block, int slice) throws IOException {
        int height = (int) info.height();
        int width = (int) info.width();
        int strips = (height + rowsPerStrip - 1) / rowsPerStrip;
        long[] offsets = new long[strips];
        long[] counts = new long[strips];
        int pageStart = slice * height * width;
        for (int s = 0; s < strips; s++) {
            int rows = Math.min(rowsPerStrip, height - s * rowsPerStrip);
            int from = pageStart + s * rowsPerStrip * width;
            int voxels = rows * width;
            int raw = (int) (rows * rowBytes());
            ByteBuffer data;
            if (block.array() instanceof byte[] bytes) {
                data = ByteBuffer.wrap(bytes, from, raw).slice();
            } else {
                strip.clear();
                switch (block.type()) {
                    case UINT16, INT16 -> strip.asShortBuffer().put(block.shorts(), from, voxels);
                    case UINT32, INT32 -> strip.asIntBuffer().put(block.ints(), from, voxels);
                    case FLOAT32 -> strip.asFloatBuffer().put(block.floats(), from, voxels);
                    case FLOAT64 -> strip.asDoubleBuffer().put(block.doubles(), from, voxels);
                    default -> throw new IllegalStateException("unexpected type " + block.type());
                }
                data = ByteBuffer.wrap(strip.array(), 0, raw);
            }
            if (compression != TiffCompression.NONE) {
                data = encoder.encode(data, rows);
            }
            offsets[s] = position;
            counts[s] = data.remaining();
            int n = data.remaining();
            writeFully(data, position);
            position += n;
        }
        if (!bigTiff && position > CLASSIC_LIMIT) {
            throw new VemsegException.IO(target + ": output outgrew the 4 GiB limit of classic TIFF");
        }
        stripOffsets.add(offsets);
        stripCounts.add(counts);
    }

    @Override
    public void commit() {
        if (committed) {
            return;
        }
        if (nextZ != info.depth()) {
            throw new IllegalStateException(target + ": only " + nextZ + " of " + info.depth()
                    + " slices were written before commit");
        }
        try {
            writeIfds();
            channel.close();
        } catch (IOException e) {
            throw VemsegException.IO.of(target, "write", e);
        }
        output.commit();
        committed = true;
    }

    private void writeIfds() throws IOException {
        long at = (position + 7) & ~7L;
        long firstIfd = at;
        ByteBuffer batch = ByteBuffer.allocate(1 << 20);
        long batchStart = at;
        int depth = (int) info.depth();
        IfdWriter ifd = page(0);
        for (int z = 0; z < depth; z++) {
            IfdWriter following = z + 1 < depth ? page(z + 1) : null;
            long size = ifd.size();
            long next = following == null ? 0 : at + size;
            if (!bigTiff && at + size > 0xFFFFFFFFL) {
                throw new VemsegException.IO(target + ": output outgrew the 4 GiB limit of classic TIFF");
            }
            if (batch.position() + size > batch.capacity()) {
                batch.flip();
                writeFully(batch, batchStart);
                batchStart += batch.limit();
                batch = ByteBuffer.allocate((int) Math.max(1 << 20, size));
            }
            ifd.writeTo(batch, at, next);
            at += size;
            ifd = following;
        }
        batch.flip();
        writeFully(batch, batchStart);
        ByteBuffer link = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        if (bigTiff) {
            link.putLong(firstIfd);
            link.flip();
            writeFully(link, 8);
        } else {
            link.putInt((int) firstIfd);
            link.flip();
            writeFully(link, 4);
        }
    }

    /** The IFD of page z. */
    private IfdWriter page(int z) {
        return PageIfd.of(info, compression, bigTiff, rowsPerStrip, z, stripOffsets.get(z), stripCounts.get(z));
    }

    private void writeFully(ByteBuffer buf, long at) throws IOException {
        long pos = at;
        while (buf.hasRemaining()) {
            pos += channel.write(buf, pos);
        }
    }

    @Override
    public void close() {
        FileChannels.closeQuietly(channel);
        output.close();
    }
}
