package org.vemseg.core.io.mrc;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.FileChannels;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VolumeInfo;

/**
 * Reads an MRC / REC volume: voxels are stored uncompressed, x fastest, after the 1024-byte header and
 * the extended header. {@link #read(Box)} reads only the rows the box touches, with positional reads,
 * so it is safe to call from several threads at once and never holds more than the box plus a bounded
 * row buffer.
 */
final class MrcReader implements VolumeReader {

    /** Upper bound of the temporary row buffer of one {@link #read(Box)}. */
    private static final int MAX_BUFFER_BYTES = 64 << 20;

    private final Path path;
    private final FileChannel channel;
    private final MrcHeader header;
    private final VolumeInfo info;

    private MrcReader(Path path, FileChannel channel, MrcHeader header) {
        this.path = path;
        this.channel = channel;
        this.header = header;
        this.info = VolumeInfo.ofSlices(header.nz(), header.ny(), header.nx(), header.dataType(), header.voxelSize());
    }

    /**
     * Opens {@code path}, parses the header and checks that the file holds all the voxels it announces.
     *
     * @throws VemsegException.Corrupt if the header is invalid or the file is truncated
     * @throws VemsegException.Unsupported if the mode or axis order is not supported
     * @throws VemsegException.IO if the file cannot be read
     */
    static MrcReader open(Path path) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
            long size = channel.size();
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, MrcHeader.LENGTH));
            readFully(channel, head, 0);
            MrcHeader header = MrcHeader.parse(head.array(), path);
            long expected = header.dataOffset() + header.dataBytes();
            if (size < expected) {
                throw new VemsegException.Corrupt(path + ": truncated: expected " + expected + " bytes ("
                        + header.nz() + " x " + header.ny() + " x " + header.nx() + " " + header.dataType() + " after "
                        + header.dataOffset() + " header bytes), found " + size);
            }
            MrcReader reader = new MrcReader(path, channel, header);
            channel = null;
            return reader;
        } catch (IOException e) {
            throw VemsegException.IO.of(path, "read", e);
        } finally {
            FileChannels.closeQuietly(channel);
        }
    }

    @Override
    public VolumeInfo info() {
        return info;
    }

    @Override
    public Block read(Box box) {
        VolumeReader.checkInside(info, box, path);
        DataType type = info.dataType();
        int bytesPerVoxel = type.bytes();
        Block block = Block.allocate(box, type);
        long rowBytes = box.width() * bytesPerVoxel;
        int rowsPerBatch = (int) Math.max(1, Math.min(box.height(), MAX_BUFFER_BYTES / Math.max(1, rowBytes)));
        ByteBuffer batch = ByteBuffer.allocate((int) (rowsPerBatch * rowBytes)).order(header.order());
        boolean fullRows = box.width() == header.nx();
        int offset = 0;
        try {
            for (long z = box.z(); z < box.end(0); z++) {
                for (long y = box.y(); y < box.end(1); y += rowsPerBatch) {
                    int rows = (int) Math.min(rowsPerBatch, box.end(1) - y);
                    batch.clear().limit((int) (rows * rowBytes));
                    if (fullRows) {
                        readFully(channel, batch, position(z, y, box.x()));
                    } else {
                        for (int r = 0; r < rows; r++) {
                            batch.limit((int) ((r + 1) * rowBytes));
                            readFully(channel, batch, position(z, y + r, box.x()));
                        }
                    }
                    batch.flip();
                    int voxels = (int) (rows * box.width());
                    decode(batch, block, offset, voxels);
                    offset += voxels;
                }
            }
        } catch (EOFException e) {
            throw new VemsegException.Corrupt(path + ": truncated while reading " + box + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw VemsegException.IO.of(path, "read " + box, e);
        }
        return block;
    }

    /** File position of voxel {@code (z, y, x)}. */
    private long position(long z, long y, long x) {
        return header.dataOffset() + ((z * header.ny() + y) * header.nx() + x) * info.dataType().bytes();
    }

    /** Converts {@code count} voxels from {@code buf} (in its byte order) into the block's array at {@code offset}. */
    private static void decode(ByteBuffer buf, Block block, int offset, int count) {
        switch (block.type()) {
            case UINT8, INT8 -> buf.get(block.bytes(), offset, count);
            case UINT16, INT16 -> buf.asShortBuffer().get(block.shorts(), offset, count);
            case UINT32, INT32 -> buf.asIntBuffer().get(block.ints(), offset, count);
            case FLOAT32 -> buf.asFloatBuffer().get(block.floats(), offset, count);
            case FLOAT64 -> buf.asDoubleBuffer().get(block.doubles(), offset, count);
        }
    }

    /** Fills {@code buf} from its position to its limit, reading at {@code position} (thread-safe). */
    private static void readFully(FileChannel channel, ByteBuffer buf, long position) throws IOException {
        long at = position;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, at);
            if (n < 0) {
                throw new EOFException("end of file at byte " + at);
            }
            at += n;
        }
    }

    @Override
    public String describeFormat() {
        return "MRC (mode " + header.mode().code() + ", " + info.dataType() + ", "
                + (header.order() == ByteOrder.LITTLE_ENDIAN ? "little" : "big") + "-endian)";
    }

    @Override
    public void close() {
        FileChannels.close(channel, path);
    }

    @Override
    public String toString() {
        return "MrcReader[" + path + "]";
    }
}
