package org.vemseg.core.io;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.vemseg.core.VemsegException;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.VolumeInfo;

/**
 * Identifies an input volume cheaply, so that {@code predict --resume} can tell whether the input changed since
 * the interrupted run. Two digests, compared separately so that a refusal can say what changed:
 *
 * <ul>
 *   <li>{@code files}: size and modification time of the files that make up the volume: the file itself (TIFF,
 *       MRC; for HDF5 the whole container), every file of a slice folder, and for OME-Zarr only the metadata
 *       files of the folder and its levels (stat-ing every chunk file of a terabyte volume would take minutes);
 *   <li>{@code content}: the header as read (shape, type, voxel size, chunking, format) and the voxels of
 *       {@value #SAMPLES} blocks spread evenly over the volume. The sample is what catches rewritten Zarr chunks,
 *       and files copied with their old modification time.
 * </ul>
 *
 * @param files   hex digest of the files' sizes and modification times
 * @param content hex digest of the header and the sampled voxels
 */
public record VolumeFingerprint(String files, String content) {

    /** Blocks whose voxels are sampled: few enough to read in well under a second. */
    static final int SAMPLES = 16;

    /** Largest part of one block sampled, in bytes (a TIFF's natural block can be a whole large slice). */
    static final long SAMPLE_BYTES = 1 << 20;

    private static final List<String> ZARR_METADATA = List.of(".zarray", ".zattrs", ".zgroup", "zarr.json");

    /** Fingerprints the volume at {@code location}, open as {@code reader}. */
    public static VolumeFingerprint of(VolumeLocation location, VolumeReader reader) {
        return new VolumeFingerprint(filesDigest(location), contentDigest(reader));
    }

    private static String filesDigest(VolumeLocation location) {
        MessageDigest d = sha256();
        for (Path f : identifyingFiles(location)) {
            try {
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                String stamp = location.path().relativize(f) + " " + a.size() + " " + a.lastModifiedTime().toMillis()
                        + "\n";
                d.update(stamp.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw VemsegException.IO.of(f, "read", e);
            }
        }
        return hex(d);
    }

    /** The files whose size and modification time stand for the volume's content, in a stable order. */
    static List<Path> identifyingFiles(VolumeLocation location) {
        Path p = location.path();
        if (!Files.isDirectory(p)) {
            return List.of(p);
        }
        if (Format.forReading(location) != Format.ZARR) {
            return regularFiles(p); // a slice folder: a listing of a few thousand files is cheap
        }
        // Metadata only: the folder's, and if it is a group its children's (the levels, or its arrays). An array
        // folder's children are chunks: not listed.
        List<Path> files = new ArrayList<>(metadataFiles(p));
        if (Files.isRegularFile(p.resolve(".zarray"))) {
            return files;
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(p, Files::isDirectory)) {
            List<Path> sorted = new ArrayList<>();
            children.forEach(sorted::add);
            sorted.sort(null);
            for (Path c : sorted) {
                files.addAll(metadataFiles(c));
            }
        } catch (IOException e) {
            throw VemsegException.IO.of(p, "list", e);
        }
        return files;
    }

    private static List<Path> metadataFiles(Path dir) {
        return ZARR_METADATA.stream().map(dir::resolve).filter(Files::isRegularFile).toList();
    }

    private static List<Path> regularFiles(Path dir) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, Files::isRegularFile)) {
            s.forEach(files::add);
        } catch (IOException e) {
            throw VemsegException.IO.of(dir, "list", e);
        }
        files.sort(null);
        return files;
    }

    private static String contentDigest(VolumeReader reader) {
        VolumeInfo info = reader.info();
        MessageDigest d = sha256();
        d.update((info + " " + reader.describeFormat() + "\n").getBytes(StandardCharsets.UTF_8));
        for (Box b : sampleBoxes(info)) {
            d.update(reader.read(b).toBytes(ByteOrder.LITTLE_ENDIAN));
        }
        return hex(d);
    }

    /**
     * The sampled boxes: the volume's natural blocks at {@value #SAMPLES} evenly spaced places of the grid's
     * z-y-x order (all blocks of a small volume), each cut to its first {@link #SAMPLE_BYTES}.
     */
    static List<Box> sampleBoxes(VolumeInfo info) {
        int[] chunk = info.chunk();
        long[] counts = new long[3];
        long total = 1;
        for (int d = 0; d < 3; d++) {
            counts[d] = (info.bounds().size(d) + chunk[d] - 1) / chunk[d];
            total *= counts[d];
        }
        List<Box> boxes = new ArrayList<>();
        long n = Math.min(total, SAMPLES);
        for (long k = 0; k < n; k++) {
            long index = n == 1 ? 0 : k * (total - 1) / (n - 1);
            long[] position = {index / (counts[1] * counts[2]), index / counts[2] % counts[1], index % counts[2]};
            long[] min = new long[3];
            long[] size = new long[3];
            for (int d = 0; d < 3; d++) {
                min[d] = position[d] * chunk[d];
                size[d] = Math.min(chunk[d], info.bounds().size(d) - min[d]);
            }
            for (int d = 0; d < 3; d++) {
                while (size[d] > 1 && size[0] * size[1] * size[2] * info.dataType().bytes() > SAMPLE_BYTES) {
                    size[d] = (size[d] + 1) / 2;
                }
            }
            boxes.add(Box.of(min, size));
        }
        return boxes;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The first 16 hex digits: plenty to tell two states of one input apart. */
    private static String hex(MessageDigest d) {
        return HexFormat.of().formatHex(d.digest(), 0, 8);
    }
}
