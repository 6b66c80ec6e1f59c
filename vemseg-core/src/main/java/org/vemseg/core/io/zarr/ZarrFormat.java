package org.vemseg.core.io.zarr;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.AtomicOutput;
import org.vemseg.core.io.VolumeFormat;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.ResumableWriter;
import org.vemseg.core.io.VolumeWriter;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.volume.VolumeInfo;
import org.vemseg.core.volume.VoxelSize;

/**
 * OME-Zarr (NGFF 0.4) and plain Zarr v2 on the local file system, in pure Java.
 *
 * <p>Reading accepts an OME-Zarr image group ({@code .zattrs} with {@code multiscales}; level chosen with
 * {@code image.zarr:/1}, default the first, finest level), a plain array folder ({@code .zarray}), or a
 * group holding exactly one array or image (otherwise name it, {@code group.zarr:/raw}).
 *
 * <p>Writing creates an OME-Zarr image: see {@link ZarrVolumeWriter}.
 */
public final class ZarrFormat implements VolumeFormat {

    static final String ZATTRS = ".zattrs";
    static final String ZGROUP = ".zgroup";

    @Override
    public boolean recognises(VolumeLocation location) {
        if (location.fileName().endsWith(".zarr")) {
            return true;
        }
        Path p = location.path();
        return Files.isDirectory(p) && (Files.isRegularFile(p.resolve(ZarrArray.ZARRAY))
                || Files.isRegularFile(p.resolve(ZATTRS)) || Files.isRegularFile(p.resolve(ZGROUP)));
    }

    @Override
    public VolumeReader open(VolumeLocation location) {
        Path root = location.path();
        if (!Files.isDirectory(root)) {
            throw new VemsegException.IO(root + ": no such Zarr folder");
        }
        Optional<String> sub = location.dataset().map(OmeMultiscales::trimSlashes).filter(s -> !s.isEmpty());
        return resolve(root, sub, location.toString());
    }

    /**
     * The folder itself when it is one array or one OME-Zarr image (the levels of a multiscale image are one
     * volume at several resolutions), else each array or image of the group as {@code group.zarr:/name},
     * sorted by name.
     */
    @Override
    public List<VolumeLocation> list(Path container) {
        if (!Files.isDirectory(container)) {
            throw new VemsegException.IO(container + ": no such Zarr folder");
        }
        if (Files.isRegularFile(container.resolve(ZarrArray.ZARRAY)) || multiscales(container).isPresent()) {
            return List.of(VolumeLocation.of(container));
        }
        return children(container).stream().map(c -> new VolumeLocation(container, Optional.of("/" + c))).toList();
    }

    private static VolumeReader resolve(Path dir, Optional<String> sub, String where) {
        Optional<OmeMultiscales> ms = multiscales(dir);
        if (sub.isPresent()) {
            if (ms.isPresent()) {
                Optional<Integer> level = ms.get().indexOf(sub.get());
                if (level.isPresent()) {
                    return level(dir, ms.get(), level.get());
                }
            }
            Path child = dir.resolve(sub.get()).normalize();
            if (!child.startsWith(dir.normalize()) || !Files.isDirectory(child)) {
                throw new VemsegException.InvalidInput(where + ": no level or array '" + sub.get() + "' in " + dir
                        + "; it holds " + contents(dir, ms));
            }
            return resolve(child, Optional.empty(), where);
        }
        if (Files.isRegularFile(dir.resolve(ZarrArray.ZARRAY))) {
            ZarrArray a = ZarrArray.open(dir);
            return new ZarrVolumeReader(a, Optional.empty(), "Zarr v2 (" + a.metadata().codec().describe() + ")");
        }
        if (ms.isPresent()) {
            return level(dir, ms.get(), 0);
        }
        List<String> children = children(dir);
        if (children.size() == 1) {
            return resolve(dir.resolve(children.get(0)), Optional.empty(), where);
        }
        if (children.isEmpty()) {
            throw new VemsegException.InvalidInput(dir + ": Zarr group holds no array");
        }
        throw new VemsegException.InvalidInput(dir + ": Zarr group holds several arrays (" + String.join(", ", children)
                + "); choose one as " + dir + ":/" + children.get(0));
    }

    private static VolumeReader level(Path dir, OmeMultiscales ms, int index) {
        OmeMultiscales.Level level = ms.levels().get(index);
        Path arrayDir = dir.resolve(OmeMultiscales.trimSlashes(level.path()));
        if (!Files.isRegularFile(arrayDir.resolve(ZarrArray.ZARRAY))) {
            throw new VemsegException.Corrupt(dir + ": multiscales level '" + level.path() + "' has no array ("
                    + arrayDir.resolve(ZarrArray.ZARRAY) + " is missing)");
        }
        ZarrArray a = ZarrArray.open(arrayDir);
        String desc = "OME-Zarr " + ms.version() + " (" + a.metadata().codec().describe() + ", level " + index + " of "
                + ms.levels().size() + ")";
        Optional<VoxelSize> vs = level.voxelSize();
        return new ZarrVolumeReader(a, vs, desc);
    }

    private static Optional<OmeMultiscales> multiscales(Path dir) {
        Path attrs = dir.resolve(ZATTRS);
        if (!Files.isRegularFile(attrs)) {
            return Optional.empty();
        }
        JsonObject o = ZarrJson.read(attrs);
        return OmeMultiscales.parse(o, attrs.toString());
    }

    /** Child folders that are arrays or OME-Zarr images. */
    private static List<String> children(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory)
                    .filter(c -> Files.isRegularFile(c.resolve(ZarrArray.ZARRAY))
                            || Files.isRegularFile(c.resolve(ZATTRS)))
                    .map(c -> c.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw VemsegException.IO.of(dir, "list", e);
        }
    }

    private static String contents(Path dir, Optional<OmeMultiscales> ms) {
        String levels = ms.map(m -> "levels " + m.levels().stream().map(OmeMultiscales.Level::path)
                .collect(Collectors.joining(", "))).orElse("");
        List<String> c = children(dir);
        String arrays = c.isEmpty() ? "" : "arrays " + String.join(", ", c);
        String all = Stream.of(levels, arrays).filter(s -> !s.isEmpty()).collect(Collectors.joining("; "));
        return all.isEmpty() ? "nothing readable" : all;
    }

    @Override
    public boolean isWritable() {
        return true;
    }

    @Override
    public VolumeWriter create(VolumeLocation location, VolumeInfo info, WriteOptions options) {
        return ZarrVolumeWriter.create(location, info, options);
    }

    @Override
    public boolean isResumable() {
        return true;
    }

    @Override
    public ResumableWriter createResumable(VolumeLocation location, VolumeInfo info, WriteOptions options,
            boolean resume) {
        return ZarrVolumeWriter.createResumable(location, info, options, resume);
    }

    /**
     * The full-resolution array of the partial output that {@link #createResumable} keeps for {@code location}
     * until it is committed, opened to write chunks from another process: a worker of a cluster job, while the
     * process that created the output commits it at the end. Chunk writes are atomic (write, then rename) and may
     * be repeated, so a retried task is harmless. Nothing is created, committed or deleted here.
     *
     * @throws VemsegException.IO if this process sees no such partial output (e.g. the path is not on storage
     *     shared with the process that created it)
     */
    public static ZarrArray openPartial(VolumeLocation location) {
        Path dir = AtomicOutput.partialPath(location.path()).resolve("0");
        if (!Files.isRegularFile(dir.resolve(ZarrArray.ZARRAY))) {
            throw new VemsegException.IO(location + ": no partial output at " + dir + " (is the output on storage "
                    + "that every node sees?)");
        }
        return ZarrArray.open(dir);
    }

    /**
     * The chunk (z, y, x) that {@link #create} and {@link #createResumable} give an image of {@code shape} (z, y, x)
     * written with {@code options}, known before it is created: a cluster job aligns its work to it.
     */
    public static int[] chunk(long[] shape, WriteOptions options) {
        return ZarrVolumeWriter.chunk(shape, options);
    }

    @Override
    public String toString() {
        return "OME-Zarr";
    }
}
