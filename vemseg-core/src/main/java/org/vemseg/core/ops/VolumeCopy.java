package org.vemseg.core.ops;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.vemseg.core.Progress;
import org.vemseg.core.VemsegException;
import org.vemseg.core.concurrent.BoundedPipeline;
import org.vemseg.core.io.BlockGrid;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.VolumeWriter;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VolumeInfo;

/**
 * Copies a region of a volume into a writer, converting the voxel type on the way, with memory bounded
 * by a fixed budget whatever the volume size.
 *
 * <p>The work unit is a <em>slab</em>: whole rows of the writer's chunks, {@code (k·chunkZ, m·chunkY,
 * width)}, sized so that each source chunk or compressed TIFF strip is decoded once, and capped at
 * {@link #budgetBytes()} bytes. Slabs are read and converted on worker threads; a writer that needs
 * sequential order gets its blocks in order from the calling thread, others are written by the workers.
 * At most {@code threads + 1} slabs are in memory at once.
 */
public final class VolumeCopy {

    private final VolumeReader source;
    private final Box region;
    private final Optional<IntensityMap> map;
    private final int threads;
    private final long budgetBytes;

    private VolumeCopy(Builder b) {
        this.source = b.source;
        this.region = b.region.orElse(b.source.info().bounds());
        this.map = b.map;
        this.threads = b.threads;
        this.budgetBytes = b.budgetBytes;
        if (!source.info().bounds().contains(region)) {
            throw new VemsegException.InvalidInput("region " + region + " lies outside the volume of shape "
                    + source.info().bounds().shapeString());
        }
    }

    public static Builder from(VolumeReader source) {
        return new Builder(source);
    }

    /** The shape of the copy: the region, placed at the origin. */
    public Box outputBounds() {
        return Box.ofShape(region.depth(), region.height(), region.width());
    }

    public long budgetBytes() {
        return budgetBytes;
    }

    /**
     * Copies into {@code writer}, whose info must have the region's shape. Does not commit the writer.
     */
    public void into(VolumeWriter writer, Progress progress) {
        into(writer, box -> false, progress);
    }

    /**
     * Copies into {@code writer} the chunks for which {@code written} does not hold (those an interrupted run of
     * the same copy wrote are skipped, and slabs with nothing left are not read). Progress counts only the voxels
     * still to write, so that its rate and ETA are those of this run. Does not commit the writer.
     */
    public void into(VolumeWriter writer, Predicate<Box> written, Progress progress) {
        VolumeInfo out = writer.info();
        if (out.depth() != region.depth() || out.height() != region.height() || out.width() != region.width()) {
            throw new IllegalArgumentException("writer shape " + out.bounds().shapeString()
                    + " differs from the region " + region.shapeString());
        }
        List<Box> slabs = new ArrayList<>();
        long voxels = 0;
        for (Box slab : slabs(out, writer.isSequential())) {
            long left = 0;
            for (Box chunk : new BlockGrid(slab, out.chunk())) {
                left += written.test(chunk) ? 0 : chunk.voxels();
            }
            if (left > 0) {
                slabs.add(slab);
                voxels += left;
            }
        }
        progress.start("writing", voxels, "voxels");
        // Closing the workers waits for them: none may write on once a failure has the temporary deleted.
        try (BoundedPipeline workers = BoundedPipeline.start(threads, "vemseg-copy", "copying")) {
            Iterator<List<Block>> done = workers.map(slabs.iterator(), threads, slab -> {
                List<Block> blocks = blocksOf(slab, out).stream().filter(b -> !written.test(b.box())).toList();
                if (!writer.isSequential()) {
                    write(writer, blocks, progress);
                }
                return blocks;
            });
            while (done.hasNext()) {
                List<Block> blocks = done.next();
                if (writer.isSequential()) {
                    write(writer, blocks, progress);
                }
            }
        } finally {
            progress.finish();
        }
    }

    private static void write(VolumeWriter writer, List<Block> blocks, Progress progress) {
        for (Block b : blocks) {
            writer.write(b);
            progress.advance(b.size());
        }
    }

    /** Reads one slab from the source (shifted by the region origin), converts it, cuts it into chunks. */
    private List<Block> blocksOf(Box slab, VolumeInfo out) {
        return blocksOf(source, region, slab, out.chunk(), out.dataType(), map);
    }

    /**
     * The output chunks under {@code slab} (output coordinates): the slab read from {@code source} at
     * {@code region}'s origin, converted to {@code type} through {@code map}, cut at the {@code chunk} grid. The
     * same voxels whichever process computes them, so that a cluster writes what one machine does.
     */
    static List<Block> blocksOf(VolumeReader source, Box region, Box slab, int[] chunk, DataType type,
            Optional<IntensityMap> map) {
        Block raw = source.read(slab.translate(region.z(), region.y(), region.x()))
                .moveTo(slab.z(), slab.y(), slab.x());
        Block converted = TypeConversion.convert(raw, type, map);
        List<Block> blocks = new ArrayList<>();
        for (Box b : new BlockGrid(slab, chunk)) {
            blocks.add(b.equals(slab) ? converted : converted.crop(b));
        }
        return blocks;
    }

    /** Slabs over the output, aligned to the writer chunks, each decoding source chunks once if it can. */
    List<Box> slabs(VolumeInfo out, boolean sequential) {
        int[] wc = out.chunk();
        int[] rc = source.info().chunk();
        int bytes = Math.max(out.dataType().bytes(), source.info().dataType().bytes()) * 2;
        long rowBytes = out.width() * bytes;
        long z = roundUp(Math.max(wc[0], Math.min(rc[0], out.depth())), wc[0]);
        long y = sequential ? out.height() : roundUp(Math.max(wc[1], Math.min(rc[1], out.height())), wc[1]);
        // Shrink to the budget: first z (keeping whole writer chunks), then y; never below one chunk row.
        while (z > wc[0] && z * y * rowBytes > budgetBytes) {
            z = Math.max(wc[0], roundUp(z / 2, wc[0]));
        }
        while (!sequential && y > wc[1] && z * y * rowBytes > budgetBytes) {
            y = Math.max(wc[1], roundUp(y / 2, wc[1]));
        }
        long x = out.width();
        if (!sequential && z * y * rowBytes > budgetBytes) {
            x = Math.max(wc[2], roundUp(budgetBytes / Math.max(1, z * y * bytes), wc[2]));
        }
        return new BlockGrid(out.bounds(), new int[] {(int) Math.min(z, Integer.MAX_VALUE),
            (int) Math.min(y, Integer.MAX_VALUE), (int) Math.min(x, Integer.MAX_VALUE)});
    }

    private static long roundUp(long v, long multiple) {
        return (v + multiple - 1) / multiple * multiple;
    }

    /** Options of a copy; {@code set*} required, {@code opt*} optional. */
    public static final class Builder {
        private final VolumeReader source;
        private Optional<Box> region = Optional.empty();
        private Optional<IntensityMap> map = Optional.empty();
        private int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        private long budgetBytes = Math.max(8L << 20, Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 10));

        private Builder(VolumeReader source) {
            this.source = source;
        }

        /** Copy only this box of the source (default: all). */
        public Builder optRegion(Box box) {
            this.region = Optional.of(box);
            return this;
        }

        /** Map intensities linearly before converting the type. */
        public Builder optIntensityMap(IntensityMap m) {
            this.map = Optional.of(m);
            return this;
        }

        public Builder optThreads(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("threads must be >= 1, was " + n);
            }
            this.threads = n;
            return this;
        }

        /** Memory for one slab in flight, in bytes (default: a tenth of the heap, 8 to 256 MiB). */
        public Builder optBudgetBytes(long bytes) {
            this.budgetBytes = bytes;
            return this;
        }

        public VolumeCopy build() {
            return new VolumeCopy(this);
        }
    }

    /** Output info for copying {@code region} of {@code in} as {@code type}: crop keeps voxel size. */
    public static VolumeInfo outputInfo(VolumeInfo in, Box region, DataType type) {
        return in.withShape(region).withDataType(type);
    }
}
