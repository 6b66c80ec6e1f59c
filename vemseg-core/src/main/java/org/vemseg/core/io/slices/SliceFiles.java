package org.vemseg.core.io.slices;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.SliceFormat;

/**
 * The image files that make up a slice volume, in z order: either the .png or .tif/.tiff files of one
 * folder, sorted by {@link NaturalOrder} on their names, or a single image file (a 1-slice volume).
 *
 * <p>Hidden files (names starting with a dot, such as macOS {@code ._x.png} or vemseg's own temporary
 * outputs), sub-folders and files with other extensions (.txt, .json, ...) are ignored. A folder holding
 * both PNG and TIFF slices is refused: which of them belongs to the volume is anyone's guess.
 *
 * @param source the folder or single file
 * @param format the image type of every file
 * @param files  the slice files, z = index
 */
record SliceFiles(Path source, SliceFormat format, List<Path> files) {

    SliceFiles {
        files = List.copyOf(files);
    }

    /** Number of slices. */
    int count() {
        return files.size();
    }

    /** The file of slice {@code z}. */
    Path file(int z) {
        return files.get(z);
    }

    /**
     * Lists a folder's slices or wraps a single image file.
     *
     * @throws VemsegException.InvalidInput if the folder holds no slices, or both PNG and TIFF slices
     * @throws VemsegException.Unsupported if a single file is not a .png or .tif
     */
    static SliceFiles of(Path path) {
        if (!Files.isDirectory(path)) {
            SliceFormat format = formatOf(path).orElseThrow(() -> new VemsegException.Unsupported(
                    path + ": not a slice image; a slice volume is a folder of .png or .tif files, or one such file"));
            return new SliceFiles(path, format, List.of(path));
        }
        List<Path> png = new ArrayList<>();
        List<Path> tif = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
            for (Path p : entries) {
                Optional<SliceFormat> f = isCandidate(p) ? formatOf(p) : Optional.empty();
                if (f.isPresent()) {
                    (f.get() == SliceFormat.PNG ? png : tif).add(p);
                }
            }
        } catch (IOException e) {
            throw VemsegException.IO.of(path, "list folder", e);
        }
        if (!png.isEmpty() && !tif.isEmpty()) {
            throw new VemsegException.InvalidInput(path + ": folder mixes " + png.size() + " .png and " + tif.size()
                    + " .tif slices (e.g. " + png.get(0).getFileName() + ", " + tif.get(0).getFileName()
                    + "); keep one kind of slice per folder");
        }
        if (png.isEmpty() && tif.isEmpty()) {
            throw new VemsegException.InvalidInput(path + ": folder holds no .png or .tif slices");
        }
        List<Path> files = png.isEmpty() ? tif : png;
        files.sort(Comparator.comparing(p -> p.getFileName().toString(), NaturalOrder.INSTANCE));
        return new SliceFiles(path, png.isEmpty() ? SliceFormat.TIFF : SliceFormat.PNG, files);
    }

    /** Whether a folder holds at least one slice file (stops at the first). */
    static boolean containsSlices(Path folder) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path p : entries) {
                if (isCandidate(p) && formatOf(p).isPresent()) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false; // not recognised; opening it later reports the real problem
        }
    }

    /** The slice image type of a file by its extension: .png, or .tif/.tiff (any case). */
    static Optional<SliceFormat> formatOf(Path file) {
        Path name = file.getFileName();
        String n = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".png")) {
            return Optional.of(SliceFormat.PNG);
        }
        if (n.endsWith(".tif") || n.endsWith(".tiff")) {
            return Optional.of(SliceFormat.TIFF);
        }
        return Optional.empty();
    }

    private static boolean isCandidate(Path p) {
        return !p.getFileName().toString().startsWith(".") && Files.isRegularFile(p);
    }
}
