package org.vemseg.core.curate;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.Format;
import org.vemseg.core.io.VolumeLocation;

/**
 * Expands the curation inputs into the volumes to read. A file is one volume (a 2D .png or .tif is a
 * one-slice volume). A folder is searched recursively, asking the format registry ({@link Format}) what
 * each file or folder is: a file or container found there contributes each volume its format lists
 * ({@link org.vemseg.core.io.VolumeFormat#list}: an OME-Zarr image is one volume, each 2D/3D dataset of an
 * HDF5 file is one; an HDF5 file given directly must name its dataset, {@code file.h5:/raw}), hidden files
 * and folders are skipped. A folder of slices is searched like any folder, so each image in it is its own
 * source; curation needs no z order across files, and it keeps folders of differently sized 2D images
 * readable.
 *
 * <p>Labels are not images to learn from. With {@code skipLabels}, a file is left out when a folder or
 * file name below the input holds one of the words {@link #LABEL_WORDS} (words are split at
 * non-letters and non-digits, so {@code train-labels.tif} and {@code labels/} match but {@code unlabeled/}
 * does not), or when the file's own name holds a class name {@link #CLASS_WORDS} (label volumes named
 * for what they mark, like {@code train-mito.tif} or {@code mitos_3D.010.png}; a folder named
 * {@code cdeep3m-mito} is not a label). Extra exclusion globs are matched against the path relative to
 * the input, lower case, '/'-separated. Everything left out is listed with the reason.
 */
public final class CurationInputs {

    /** Words in a folder or file name that mark labels. */
    public static final Set<String> LABEL_WORDS = Set.of("label", "labels", "mask", "masks", "gt", "groundtruth",
            "annotation", "annotations", "seg", "segmentation", "segmentations");
    /** Words in a file name that mark a label volume named for its class. */
    public static final Set<String> CLASS_WORDS = Set.of("mito", "mitos", "mitochondria", "membrane", "membranes");

    /** One volume to curate; {@code name} is how the manifest calls it (the path as given, plus the relative part). */
    public record Source(VolumeLocation location, String name) {
    }

    /** A file left out, and why. */
    public record Skipped(String path, String reason) {
    }

    /** The volumes found and the files left out, in a stable (sorted) order. */
    public record Scan(List<Source> sources, List<Skipped> skipped) {
        public Scan {
            sources = List.copyOf(sources);
            skipped = List.copyOf(skipped);
        }
    }

    private CurationInputs() {
    }

    /**
     * Lists the volumes under the inputs. {@code ignore}, if not null, is a folder never entered (the
     * output, when it lies inside an input).
     *
     * @throws VemsegException.IO if an input does not exist or a folder cannot be listed
     */
    public static Scan scan(List<Path> inputs, List<String> excludeGlobs, boolean skipLabels, Path ignore) {
        List<PathMatcher> excludes = new ArrayList<>();
        for (String g : excludeGlobs) {
            excludes.add(FileSystems.getDefault().getPathMatcher("glob:" + g.toLowerCase(Locale.ROOT)));
        }
        List<Source> sources = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Path input : inputs) {
            VolumeLocation parsed = VolumeLocation.parse(input.toString());
            if (parsed.dataset().isPresent() && Files.isRegularFile(parsed.path())) {
                sources.add(new Source(parsed, parsed.toString()));
                continue;
            }
            if (!Files.exists(input)) {
                throw new VemsegException.IO(input + ": no such file or folder");
            }
            if (Files.isRegularFile(input) || isContainer(input)) {
                Path name = input.getFileName();
                String why = name == null ? "" : exclusion(name, excludes, skipLabels);
                if (!why.isEmpty()) {
                    skipped.add(new Skipped(input.toString(), why));
                } else {
                    sources.add(new Source(VolumeLocation.of(input), input.toString()));
                }
                continue;
            }
            walk(input, excludes, skipLabels, ignore, sources, skipped);
        }
        return new Scan(sources, skipped);
    }

    private static void walk(Path root, List<PathMatcher> excludes, boolean skipLabels, Path ignore,
            List<Source> sources, List<Skipped> skipped) {
        Path ignored = ignore == null ? null : ignore.toAbsolutePath().normalize();
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(root) && (hidden(dir) || dir.toAbsolutePath().normalize().equals(ignored))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    if (!dir.equals(root) && isContainer(dir)) {
                        found.add(dir);
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && !hidden(file)
                            && Format.recognising(VolumeLocation.of(file)).isPresent()) {
                        found.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw VemsegException.IO.of(root, "list folder", e);
        }
        found.sort(null);
        for (Path p : found) {
            Path rel = root.relativize(p);
            for (VolumeLocation location : volumesIn(p)) {
                Path relative = location.dataset().map(ds -> rel.resolve(ds.replaceFirst("^/+", ""))).orElse(rel);
                add(location, relative, excludes, skipLabels, sources, skipped);
            }
        }
    }

    /**
     * The volumes a file or folder holds as its format lists them (each dataset of an HDF5 file, each
     * image of a Zarr group), or the whole file when it holds none or cannot be listed: opening it then
     * reports what is wrong with it, where the other sources' errors are reported too.
     */
    private static List<VolumeLocation> volumesIn(Path p) {
        VolumeLocation whole = VolumeLocation.of(p);
        Optional<Format> format = Format.recognising(whole);
        List<VolumeLocation> listed;
        try {
            listed = format.isPresent() ? format.get().format().list(p) : List.of();
        } catch (VemsegException e) {
            listed = List.of();
        }
        return listed.isEmpty() ? List.of(whole) : listed;
    }

    private static void add(VolumeLocation location, Path relative, List<PathMatcher> excludes,
            boolean skipLabels, List<Source> sources, List<Skipped> skipped) {
        String why = exclusion(relative, excludes, skipLabels);
        if (!why.isEmpty()) {
            skipped.add(new Skipped(location.toString(), why));
        } else {
            sources.add(new Source(location, location.toString()));
        }
    }

    /** Why a path (relative to its input) is left out, or "" if it is not. */
    private static String exclusion(Path relative, List<PathMatcher> excludes, boolean skipLabels) {
        Path lower = Path.of(relative.toString().replace('\\', '/').toLowerCase(Locale.ROOT));
        if (excludes.stream().anyMatch(m -> m.matches(lower))) {
            return "excluded (glob)";
        }
        if (!skipLabels) {
            return "";
        }
        int n = lower.getNameCount();
        for (int i = 0; i < n; i++) {
            for (String word : lower.getName(i).toString().split("[^a-z0-9]+")) {
                if (LABEL_WORDS.contains(word) || (i == n - 1 && CLASS_WORDS.contains(word))) {
                    return "excluded (label: '" + word + "')";
                }
            }
        }
        return "";
    }

    /** A folder that a format reads as one container (an OME-Zarr image or group), not a stack of files. */
    private static boolean isContainer(Path dir) {
        return Files.isDirectory(dir) && Format.recognising(VolumeLocation.of(dir))
                .filter(f -> !f.format().isFileStack()).isPresent();
    }

    private static boolean hidden(Path p) {
        Path n = p.getFileName();
        return n != null && n.toString().startsWith(".");
    }
}
