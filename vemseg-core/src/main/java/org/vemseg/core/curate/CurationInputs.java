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
import java.util.Set;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.Format;
import org.vemseg.core.io.VolumeLocation;

/**
 * Expands the curation inputs into the volumes to read. A file is one volume (a 2D .png or .tif is a
 * one-slice volume). A folder is searched recursively: every file with a volume or image extension is one
 * volume, an OME-Zarr folder is one volume, hidden files and folders are skipped. Each image of a folder
 * of slices is thus its own source; curation needs no z order across files, and it keeps folders of
 * differently sized 2D images readable.
 *
 * <p>Labels are not images to learn from. Paths (relative to the input folder, '/'-separated, lower
 * case) matching any exclusion glob are skipped and listed. The default globs skip anything with
 * "label" or "mask" in a folder or file name, and files with "mito" in their own name (label volumes
 * named for the class, like {@code train-mito.tif}); a folder named {@code cdeep3m-mito} is not skipped.
 */
public final class CurationInputs {

    /** Default exclusion globs, matched against the lower-case relative path. */
    public static final List<String> DEFAULT_EXCLUDES = List.of("**label**", "**mask**", "*mito*.*", "**/*mito*.*");

    private static final Set<String> EXTENSIONS = Set.of("tif", "tiff", "png", "h5", "hdf5", "hdf", "he5", "mrc",
            "rec", "map", "st");

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
    public static Scan scan(List<Path> inputs, List<String> excludeGlobs, Path ignore) {
        List<PathMatcher> excludes = new ArrayList<>();
        for (String g : excludeGlobs) {
            excludes.add(FileSystems.getDefault().getPathMatcher("glob:" + g.toLowerCase(Locale.ROOT)));
        }
        List<Source> sources = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                throw new VemsegException.IO(input + ": no such file or folder");
            }
            if (Files.isRegularFile(input) || isZarr(input)) {
                Path name = input.getFileName();
                if (name != null && excluded(name, excludes)) {
                    skipped.add(new Skipped(input.toString(), "excluded"));
                } else {
                    sources.add(new Source(VolumeLocation.of(input), input.toString()));
                }
                continue;
            }
            walk(input, excludes, ignore, sources, skipped);
        }
        return new Scan(sources, skipped);
    }

    private static void walk(Path root, List<PathMatcher> excludes, Path ignore, List<Source> sources,
            List<Skipped> skipped) {
        Path ignored = ignore == null ? null : ignore.toAbsolutePath().normalize();
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(root) && (hidden(dir) || dir.toAbsolutePath().normalize().equals(ignored))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    if (!dir.equals(root) && isZarr(dir)) {
                        found.add(dir);
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && !hidden(file) && EXTENSIONS.contains(extension(file))) {
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
            if (excluded(rel, excludes)) {
                skipped.add(new Skipped(p.toString(), "excluded"));
            } else {
                sources.add(new Source(VolumeLocation.of(p), p.toString()));
            }
        }
    }

    private static boolean excluded(Path relative, List<PathMatcher> excludes) {
        Path lower = Path.of(relative.toString().replace('\\', '/').toLowerCase(Locale.ROOT));
        return excludes.stream().anyMatch(m -> m.matches(lower));
    }

    private static boolean isZarr(Path dir) {
        return Files.isDirectory(dir) && Format.ZARR.format().recognises(VolumeLocation.of(dir));
    }

    private static boolean hidden(Path p) {
        Path n = p.getFileName();
        return n != null && n.toString().startsWith(".");
    }

    private static String extension(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1);
    }
}
