package org.vemseg.core.io.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.dataset.DatasetBase;
import io.jhdf.exceptions.HdfFilterException;
import io.jhdf.filter.PipelineFilterWithData;
import io.jhdf.object.message.DataLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VolumeInfo;
import org.vemseg.core.volume.VoxelSize;

/**
 * Reads one 2D or 3D dataset of an HDF5 file through jHDF. {@link #read(Box)} uses jHDF's hyperslab
 * reading, which decompresses only the chunks the box overlaps (contiguous datasets: only the rows).
 * jHDF is not thread-safe for reads of one file, so reads are serialised on the file; the conversion of
 * the bytes into a block happens outside the lock.
 */
final class Hdf5Reader implements VolumeReader {

    /**
     * Largest slab requested from jHDF in one call. Bounds the temporary buffer of large reads, and keeps
     * each request below jHDF's int-sized slice buffers.
     */
    static final long MAX_SLICE_BYTES = 256L << 20;

    private final Path path;
    private final String where;
    private final HdfFile file;
    private final DatasetBase dataset;
    private final Hdf5Shape shape;
    private final ByteOrder order;
    private final VolumeInfo info;
    private final String description;
    private final boolean compact;
    private Block compactData;
    private volatile boolean closed;

    private Hdf5Reader(Path path, HdfFile file, DatasetBase dataset, Hdf5Shape shape, DataType type,
            Optional<VoxelSize> voxelSize, int[] chunk, String description) {
        this.path = path;
        this.where = path + ":" + dataset.getPath();
        this.file = file;
        this.dataset = dataset;
        this.shape = shape;
        this.order = Hdf5Types.byteOrder(dataset.getDataType());
        long[] zyx = shape.zyx();
        this.info = new VolumeInfo(zyx[0], zyx[1], zyx[2], type, voxelSize, chunk);
        this.description = description;
        this.compact = dataset.getDataLayout() == DataLayout.COMPACT;
    }

    /**
     * Opens the file and the dataset the location names (or the file's only volume) and reads its
     * metadata.
     *
     * @throws VemsegException.IO if the file cannot be opened
     * @throws VemsegException.Corrupt if it is not a valid HDF5 file
     * @throws VemsegException.InvalidInput if the dataset is missing or not named where it must be
     * @throws VemsegException.Unsupported for shapes, types or compression filters vemseg cannot read
     */
    static Hdf5Reader open(VolumeLocation location) {
        Path path = location.path();
        if (!Files.isRegularFile(path)) {
            throw new VemsegException.IO(path
                    + (Files.isDirectory(path) ? ": is a folder, not an HDF5 file" : ": no such file"));
        }
        HdfFile file = openFile(path);
        try {
            Dataset selected = Hdf5Datasets.select(file, path, location.dataset());
            String where = path + ":" + selected.getPath();
            long[] dims = selected.getDimensionsAsLong();
            Hdf5Shape shape = Hdf5Shape.of(dims).orElseThrow(() -> new VemsegException.Unsupported(where
                    + ": dataset of shape " + Hdf5Shape.describe(dims) + " is not a 2D or 3D volume"
                    + " (dimensions before the last three must be 1)"));
            DataType type = Hdf5Types.voxelType(selected.getDataType(), where);
            if (!(selected instanceof DatasetBase base)) {
                throw new VemsegException.Unsupported(where + ": dataset kind " + selected.getClass().getSimpleName()
                        + " cannot be read in parts");
            }
            int[] chunk = selected instanceof ChunkedDataset chunked ? shape.volumeChunk(chunked.getChunkDimensions())
                    : new int[] {1, Math.toIntExact(dims[dims.length - 2]), Math.toIntExact(dims[dims.length - 1])};
            String description = "HDF5 (" + selected.getPath() + ", " + storage(selected, where) + ")";
            return new Hdf5Reader(path, file, base, shape, type, Hdf5VoxelSize.of(selected), chunk, description);
        } catch (RuntimeException e) {
            file.close();
            if (e instanceof VemsegException) {
                throw e;
            }
            throw new VemsegException.Corrupt(path + ": damaged HDF5 file: " + oneLine(e), e);
        }
    }

    /**
     * Opens an HDF5 file, wrapping jHDF's failures.
     *
     * @throws VemsegException.IO if the file cannot be opened
     * @throws VemsegException.Corrupt if it is not a valid (or a truncated) HDF5 file
     */
    static HdfFile openFile(Path path) {
        HdfFile file;
        try {
            file = new HdfFile(path);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof IOException io) {
                throw VemsegException.IO.of(path, "open", io);
            }
            throw new VemsegException.Corrupt(path + ": not a valid HDF5 file: " + oneLine(e), e);
        }
        checkNotTruncated(file, path);
        return file;
    }

    /**
     * The superblock records where the file ends; a shorter file lost its tail (an interrupted copy or
     * download). libhdf5 refuses such files too. Checking here gives a clear message instead of an
     * inflate error at some later read.
     */
    private static void checkNotTruncated(HdfFile file, Path path) {
        try {
            long expected = file.getUserBlockSize() + file.getHdfBackingStorage().getSuperblock().getEndOfFileAddress();
            long found = file.size();
            if (found < expected) {
                throw new VemsegException.Corrupt(path + ": truncated: expected " + expected + " bytes, found "
                        + found);
            }
        } catch (RuntimeException e) {
            file.close();
            throw e instanceof VemsegException ? e
                    : new VemsegException.Corrupt(path + ": not a valid HDF5 file: " + oneLine(e), e);
        }
    }

    /**
     * {@code "chunked shuffle+gzip"}, {@code "contiguous"}: layout and compression filters. Building the
     * filter pipeline here makes a file compressed with a filter jHDF lacks (e.g. Blosc) fail at open,
     * not at the first read.
     */
    private static String storage(Dataset dataset, String where) {
        DataLayout layout = dataset.getDataLayout();
        String text = layout.name().toLowerCase(Locale.ROOT);
        if (layout != DataLayout.CHUNKED) {
            return text;
        }
        List<PipelineFilterWithData> filters;
        try {
            filters = dataset.getFilters();
        } catch (HdfFilterException e) {
            throw new VemsegException.Unsupported(where + ": compressed with an HDF5 filter vemseg cannot decode ("
                    + oneLine(e) + "); vemseg decodes gzip, shuffle, lzf, lz4 and bitshuffle");
        }
        if (filters.isEmpty()) {
            return text;
        }
        return text + " " + filters.stream().map(f -> f.getName().equals("deflate") ? "gzip" : f.getName())
                .collect(Collectors.joining("+"));
    }

    @Override
    public VolumeInfo info() {
        return info;
    }

    @Override
    public Block read(Box box) {
        VolumeReader.checkInside(info, box, where);
        if (closed) {
            throw new IllegalStateException(where + ": reader is closed");
        }
        try {
            if (compact) {
                return compactData().crop(box);
            }
            List<Box> slabs = slabs(box, info.dataType().bytes());
            if (slabs.size() == 1) {
                return readSlab(box);
            }
            Block out = Block.allocate(box, info.dataType());
            for (Box slab : slabs) {
                out.copyFrom(readSlab(slab));
            }
            return out;
        } catch (VemsegException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new VemsegException.Corrupt(where + ": damaged data in " + box + ": " + oneLine(e), e);
        }
    }

    /** Splits a box into slabs of at most {@link #MAX_SLICE_BYTES}: whole planes where possible, else rows. */
    static List<Box> slabs(Box box, int bytesPerVoxel) {
        List<Box> out = new ArrayList<>();
        long rowBytes = Math.max(1, box.width() * bytesPerVoxel);
        long rowsPerSlab = Math.max(1, MAX_SLICE_BYTES / rowBytes);
        if (rowsPerSlab >= box.height()) {
            long planesPerSlab = Math.max(1, MAX_SLICE_BYTES / (rowBytes * Math.max(1, box.height())));
            for (long z = box.z(); z < box.end(0); z += planesPerSlab) {
                out.add(new Box(z, box.y(), box.x(), Math.min(planesPerSlab, box.end(0) - z), box.height(),
                        box.width()));
            }
        } else {
            for (long z = box.z(); z < box.end(0); z++) {
                for (long y = box.y(); y < box.end(1); y += rowsPerSlab) {
                    out.add(new Box(z, y, box.x(), 1, Math.min(rowsPerSlab, box.end(1) - y), box.width()));
                }
            }
        }
        return out;
    }

    private Block readSlab(Box slab) {
        Block block = Block.allocate(slab, info.dataType());
        if (slab.isEmpty()) {
            return block;
        }
        long[] offset = shape.offset(slab.z(), slab.y(), slab.x());
        int[] extent = shape.extent(slab.depth(), slab.height(), slab.width());
        ByteBuffer bytes;
        synchronized (file) {
            bytes = dataset.getSliceDataBuffer(offset, extent);
        }
        bytes.order(order).rewind();
        block.readFrom(bytes);
        return block;
    }

    /** A compact dataset (at most 64 KiB, stored in the object header) cannot be sliced; it is read once. */
    private Block compactData() {
        synchronized (file) {
            if (compactData == null) {
                ByteBuffer bytes = dataset.getDataBuffer();
                bytes.order(order).rewind();
                Block all = Block.allocate(info.bounds(), info.dataType());
                all.readFrom(bytes);
                compactData = all;
            }
            return compactData;
        }
    }

    @Override
    public String describeFormat() {
        return description;
    }

    @Override
    public void close() {
        synchronized (file) {
            closed = true;
            file.close();
        }
    }

    /** The first line of an exception's message, for one-line errors (jHDF's may span several). */
    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    @Override
    public String toString() {
        return "Hdf5Reader[" + where + "]";
    }
}
