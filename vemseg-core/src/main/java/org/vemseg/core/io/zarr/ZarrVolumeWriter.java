package org.vemseg.core.io.zarr;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.vemseg.core.Progress;
import org.vemseg.core.VemsegException;
import org.vemseg.core.concurrent.ChunkRunner;
import org.vemseg.core.io.AtomicOutput;
import org.vemseg.core.io.Compression;
import org.vemseg.core.io.ResumableWriter;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.VolumeInfo;

/**
 * Writes an OME-Zarr (NGFF 0.4, Zarr v2) image: a group with {@code .zgroup}, {@code .zattrs}
 * (multiscales) and arrays {@code "0"} (full resolution), {@code "1"}, ... Everything goes to a temporary
 * folder that {@link #commit()} renames into place after building the pyramid.
 *
 * <p>Chunk: {@link WriteOptions#chunk()}, else {@link #DEFAULT_CHUNK} clipped to the shape. Compression:
 * blosc-zstd unless chosen otherwise (blosc-lz4, deflate = zlib, none). Chunk files use
 * {@code dimension_separator "/"} (one folder per z and y chunk index keeps folders small). Blocks may
 * arrive in any order and from several threads at once.
 */
final class ZarrVolumeWriter implements ResumableWriter {

    /**
     * Default chunk (z, y, x). 32×256×256 is 2 MiB of uint8, 8 MiB of float32: large enough to compress
     * well and to keep the file count low, small enough that a slice viewer (napari, Neuroglancer) reading
     * one z plane decodes only 32 planes, and that block-wise processing holds few chunks in memory.
     */
    static final int[] DEFAULT_CHUNK = {32, 256, 256};

    private final AtomicOutput output;
    private final ZarrArray level0;
    private final VolumeInfo info;
    private final int scaleLevels;
    private final boolean labels;
    private final String name;
    private volatile boolean committed;

    private ZarrVolumeWriter(AtomicOutput output, ZarrArray level0, VolumeInfo info, int scaleLevels,
            boolean labels, String name) {
        this.output = output;
        this.level0 = level0;
        this.info = info;
        this.scaleLevels = scaleLevels;
        this.labels = labels;
        this.name = name;
    }

    static ZarrVolumeWriter create(VolumeLocation location, VolumeInfo info, WriteOptions options) {
        return create(location, info, options, Optional.empty());
    }

    /**
     * A writer into the fixed partial folder of {@link AtomicOutput#resumable}: chunks written by an
     * interrupted run stay, and {@link #isWritten(Box)} reports them. A partial output whose array does
     * not match (shape, chunk, type or compression) is refused rather than mixed.
     */
    static ZarrVolumeWriter createResumable(VolumeLocation location, VolumeInfo info, WriteOptions options,
            boolean resume) {
        return create(location, info, options, Optional.of(resume));
    }

    private static ZarrVolumeWriter create(VolumeLocation location, VolumeInfo info, WriteOptions options,
            Optional<Boolean> resume) {
        if (location.dataset().isPresent()) {
            throw new VemsegException.Unsupported(location + ": vemseg writes a whole OME-Zarr image; "
                    + "give the folder without ':/" + location.dataset().get() + "'");
        }
        ChunkCodec codec = ChunkCodec.of(options.compression().orElse(Compression.BLOSC_ZSTD));
        int[] chunk = chunk(info.shape(), options);
        // validates the chunk size before anything is created
        ZarrArrayMetadata meta = ZarrArrayMetadata.create(info.shape(), chunk, info.dataType(), codec);
        AtomicOutput out = resume.isPresent()
                ? AtomicOutput.resumable(location.path(), options.overwrite(), resume.get())
                : AtomicOutput.begin(location.path(), options.overwrite(), true);
        try {
            ZarrJson.write(out.temp().resolve(ZarrFormat.ZGROUP), zgroup());
            ZarrArray level0 = out.resumed() && Files.isDirectory(out.temp().resolve("0"))
                    ? reopen(out.temp().resolve("0"), meta, location)
                    : ZarrArray.create(out.temp().resolve("0"), meta);
            return new ZarrVolumeWriter(out, level0, info.withChunk(chunk), options.scaleLevels(),
                    options.labels(), imageName(location));
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** The chunk of an image of {@code shape} written with {@code options}: the chosen one clipped to the shape. */
    static int[] chunk(long[] shape, WriteOptions options) {
        int[] requested = options.chunk().orElse(DEFAULT_CHUNK);
        int[] chunk = new int[3];
        for (int d = 0; d < 3; d++) {
            chunk[d] = (int) Math.min(requested[d], shape[d]);
        }
        return chunk;
    }

    private static ZarrArray reopen(Path dir, ZarrArrayMetadata expected, VolumeLocation location) {
        ZarrArray existing = ZarrArray.open(dir);
        if (!existing.metadata().toJson().equals(expected.toJson())) {
            throw new VemsegException.InvalidInput(location + ": the partial output of the interrupted run has a "
                    + "different shape, chunk, type or compression; use {overwrite} to start again");
        }
        return existing;
    }

    @Override
    public boolean isWritten(Box box) {
        return level0.chunkExists(level0.gridPosition(box));
    }

    @Override
    public boolean resumed() {
        return output.resumed();
    }

    private static JsonObject zgroup() {
        JsonObject g = new JsonObject();
        g.addProperty("zarr_format", 2);
        return g;
    }

    private static String imageName(VolumeLocation location) {
        String n = location.path().getFileName() == null ? "image" : location.path().getFileName().toString();
        String lower = n.toLowerCase(Locale.ROOT);
        for (String ext : new String[] {".ome.zarr", ".zarr"}) {
            if (lower.endsWith(ext) && lower.length() > ext.length()) {
                return n.substring(0, n.length() - ext.length());
            }
        }
        return n;
    }

    @Override
    public VolumeInfo info() {
        return info;
    }

    @Override
    public void write(Block block) {
        if (committed) {
            throw new IllegalStateException(output.target() + ": already committed");
        }
        if (block.type() != info.dataType()) {
            throw new IllegalArgumentException("cannot write a " + block.type() + " block to the " + info.dataType()
                    + " volume " + output.target());
        }
        level0.writeChunk(block);
    }

    /** Builds the pyramid on this machine's threads, writes the multiscales metadata and moves the image into place. */
    @Override
    public void commit() {
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        commit(ZarrPyramid.local(level0, threads), Progress.NONE);
    }

    /** Builds the pyramid with {@code runner}, writes the multiscales metadata and moves the image into place. */
    @Override
    public synchronized void commit(ChunkRunner runner, Progress progress) {
        if (committed) {
            return;
        }
        List<ZarrPyramid.Level> levels = ZarrPyramid.build(output.temp(), level0, info.voxelSize(), scaleLevels,
                labels, runner, progress);
        List<int[]> factors = new ArrayList<>();
        for (ZarrPyramid.Level l : levels) {
            factors.add(l.factor());
        }
        ZarrJson.write(output.temp().resolve(ZarrFormat.ZATTRS),
                OmeMultiscales.toZattrs(name, factors, info.voxelSize()));
        output.commit();
        committed = true;
    }

    @Override
    public void close() {
        output.close();
    }
}
