package org.vemseg.core.io.zarr;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.BlockGrid;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;

/**
 * One Zarr v2 array on the local file system, seen as a 3D volume (z, y, x), read and written chunk by
 * chunk. Chunk files are written under a temporary name and renamed into place, so a chunk either
 * exists completely or not at all: {@link #chunkExists} is a safe test for resuming interrupted work.
 *
 * <p>Chunks that were never written read as the array's fill value. Immutable apart from the files;
 * all methods may be called from several threads at once (for different chunks when writing).
 */
public final class ZarrArray {

    /** The metadata file of an array. */
    public static final String ZARRAY = ".zarray";

    private final Path dir;
    private final ZarrArrayMetadata meta;
    private final Box bounds;
    private final int[] chunk;

    private ZarrArray(Path dir, ZarrArrayMetadata meta) {
        this.dir = dir;
        this.meta = meta;
        this.bounds = meta.bounds();
        this.chunk = meta.chunk3();
    }

    /**
     * Opens an existing array folder (one holding {@code .zarray}).
     *
     * @throws VemsegException.IO if there is no {@code .zarray}
     * @throws VemsegException.Corrupt if it is not valid JSON or misses keys
     * @throws VemsegException.Unsupported for F order, filters, unknown compressors or dtypes, or arrays
     *     that are not one 3D volume
     */
    public static ZarrArray open(Path dir) {
        Path file = dir.resolve(ZARRAY);
        if (!Files.isRegularFile(file)) {
            throw new VemsegException.IO(dir + ": not a Zarr array (no .zarray)");
        }
        return new ZarrArray(dir, ZarrArrayMetadata.fromJson(ZarrJson.read(file), file.toString()));
    }

    /** Creates the folder (if needed) and writes {@code .zarray}; no chunk is written. */
    public static ZarrArray create(Path dir, ZarrArrayMetadata meta) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw VemsegException.IO.of(dir, "create folder", e);
        }
        ZarrJson.write(dir.resolve(ZARRAY), meta.toJson());
        return new ZarrArray(dir, meta);
    }

    public Path path() {
        return dir;
    }

    public ZarrArrayMetadata metadata() {
        return meta;
    }

    public DataType dataType() {
        return meta.dataType();
    }

    /** The volume's bounds (z, y, x). */
    public Box bounds() {
        return bounds;
    }

    /** The chunk shape (z, y, x). */
    public int[] chunk() {
        return chunk.clone();
    }

    /** The grid of chunks, border chunks clipped to the bounds. */
    public BlockGrid grid() {
        return new BlockGrid(bounds, chunk);
    }

    /** The voxels of chunk {@code (gz, gy, gx)}, clipped to the volume. */
    public Box chunkBox(long... grid) {
        checkGrid(grid);
        long[] min = new long[3];
        long[] size = new long[3];
        for (int d = 0; d < 3; d++) {
            min[d] = grid[d] * chunk[d];
            size[d] = Math.min(chunk[d], bounds.size(d) - min[d]);
        }
        return Box.of(min, size);
    }

    /** The grid position of a chunk box (which must start on a chunk corner). */
    public long[] gridPosition(Box box) {
        long[] g = new long[3];
        for (int d = 0; d < 3; d++) {
            if (box.min(d) % chunk[d] != 0) {
                throw new IllegalArgumentException("box " + box + " does not start on a chunk corner of chunk "
                        + Arrays.toString(chunk));
            }
            g[d] = box.min(d) / chunk[d];
        }
        return g;
    }

    /** The file of chunk {@code (gz, gy, gx)}. */
    public Path chunkPath(long... grid) {
        checkGrid(grid);
        return dir.resolve(meta.chunkKey(grid));
    }

    /** Whether chunk {@code (gz, gy, gx)} has been written. */
    public boolean chunkExists(long... grid) {
        return Files.isRegularFile(chunkPath(grid));
    }

    /** Chunks of the grid (written or not). */
    public long chunkCount() {
        long n = 1;
        for (long c : ChunkFiles.gridCounts(meta)) {
            n *= c;
        }
        return n;
    }

    /**
     * Chunk files present, counted from directory listings without opening or stat-ing a chunk, so it stays cheap
     * on arrays of millions of chunks (see {@link ChunkFiles#count}).
     */
    public long storedChunks() {
        return ChunkFiles.count(dir, meta);
    }

    /**
     * Reads chunk {@code (gz, gy, gx)}, clipped to the volume; a chunk never written holds the fill value.
     *
     * @throws VemsegException.Corrupt naming the chunk file if it does not decode to the chunk size
     */
    public Block readChunk(long... grid) {
        Box box = chunkBox(grid);
        Path file = chunkPath(grid);
        byte[] stored;
        try {
            stored = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return filled(box);
        } catch (IOException e) {
            throw VemsegException.IO.of(file, "read chunk", e);
        }
        byte[] raw;
        try {
            raw = meta.codec().decode(stored, meta.chunkBytes());
        } catch (VemsegException.Unsupported e) {
            throw new VemsegException.Unsupported(file + ": " + e.getMessage());
        } catch (VemsegException.Corrupt e) {
            throw new VemsegException.Corrupt(file + ": corrupt chunk: " + e.getMessage(), e);
        }
        Block full;
        if (meta.dataType() == DataType.UINT8 || meta.dataType() == DataType.INT8) {
            full = Block.wrap(fullBox(box), meta.dataType(), raw); // bytes need no conversion: skip a copy
        } else {
            full = Block.allocate(fullBox(box), meta.dataType());
            full.readFrom(ByteBuffer.wrap(raw).order(meta.byteOrder()));
        }
        return full.box().equals(box) ? full : full.crop(box);
    }

    /**
     * Writes one chunk. {@code block} must cover exactly one chunk box ({@link #chunkBox}: a border chunk
     * clipped to the volume) and have this array's type. Replaces an existing chunk atomically.
     */
    public void writeChunk(Block block) {
        if (block.type() != meta.dataType()) {
            throw new IllegalArgumentException("cannot write a " + block.type() + " block into a "
                    + meta.dataType() + " array");
        }
        long[] grid = gridPosition(block.box());
        Box box = chunkBox(grid);
        if (!box.equals(block.box())) {
            throw new IllegalArgumentException("block " + block.box() + " is not the chunk " + box
                    + " (chunks " + Arrays.toString(chunk) + ")");
        }
        Block full = block;
        Box fullBox = fullBox(box);
        if (!fullBox.equals(box)) {
            // Zarr stores border chunks at full size; the part outside the volume holds the fill value.
            full = filled(fullBox);
            full.copyFrom(block);
        }
        byte[] raw = full.toBytes(meta.byteOrder());
        byte[] stored = meta.codec().encode(raw, meta.dataType().bytes());
        ChunkFiles.write(dir, chunkPath(grid), stored);
    }

    /** Reads any box inside the volume, decoding only the chunks it touches. */
    public Block read(Box box) {
        if (!bounds.contains(box)) {
            throw new IllegalArgumentException("box " + box + " lies outside the array " + dir + " of shape "
                    + bounds.shapeString());
        }
        long[] first = new long[3];
        long[] last = new long[3];
        for (int d = 0; d < 3; d++) {
            first[d] = box.min(d) / chunk[d];
            last[d] = box.isEmpty() ? first[d] - 1 : (box.end(d) - 1) / chunk[d];
        }
        if (first[0] == last[0] && first[1] == last[1] && first[2] == last[2]) {
            Block c = readChunk(first);
            return c.box().equals(box) ? c : c.crop(box);
        }
        Block out = Block.allocate(box, meta.dataType());
        for (long gz = first[0]; gz <= last[0]; gz++) {
            for (long gy = first[1]; gy <= last[1]; gy++) {
                for (long gx = first[2]; gx <= last[2]; gx++) {
                    out.copyFrom(readChunk(gz, gy, gx));
                }
            }
        }
        return out;
    }

    private Box fullBox(Box clipped) {
        return new Box(clipped.z(), clipped.y(), clipped.x(), chunk[0], chunk[1], chunk[2]);
    }

    private Block filled(Box box) {
        Block b = Block.allocate(box, meta.dataType());
        double fill = meta.fillValue();
        if (fill != 0) {
            for (int i = 0, n = b.size(); i < n; i++) {
                b.set(i, fill);
            }
        }
        return b;
    }

    private void checkGrid(long[] grid) {
        if (grid.length != 3) {
            throw new IllegalArgumentException("grid position must be (z, y, x), was " + Arrays.toString(grid));
        }
        for (int d = 0; d < 3; d++) {
            if (grid[d] < 0 || grid[d] * chunk[d] >= bounds.size(d)) {
                throw new IllegalArgumentException("chunk " + Arrays.toString(grid) + " lies outside the array "
                        + dir + " of shape " + bounds.shapeString() + " and chunk " + Arrays.toString(chunk));
            }
        }
    }

    @Override
    public String toString() {
        return dir + " (" + meta + ")";
    }
}
