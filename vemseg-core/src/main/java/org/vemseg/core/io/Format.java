package org.vemseg.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.hdf5.Hdf5Format;
import org.vemseg.core.io.mrc.MrcFormat;
import org.vemseg.core.io.slices.SliceFolderFormat;
import org.vemseg.core.io.tiff.TiffFormat;
import org.vemseg.core.io.zarr.ZarrFormat;

/**
 * The registry of volume formats. The one place that maps a path to a format: by extension, then by
 * folder content, then by file signature. Order matters: OME-Zarr folders are recognised before plain
 * slice folders.
 */
public enum Format {
    ZARR("OME-Zarr", new ZarrFormat()),
    TIFF("TIFF", new TiffFormat()),
    HDF5("HDF5", new Hdf5Format()),
    MRC("MRC", new MrcFormat()),
    SLICES("slice folder", new SliceFolderFormat());

    private final String title;
    private final VolumeFormat format;

    Format(String title, VolumeFormat format) {
        this.title = title;
        this.format = format;
    }

    public VolumeFormat format() {
        return format;
    }

    @Override
    public String toString() {
        return title;
    }

    /** What vemseg reads, for error messages. */
    public static final String READABLE = ".tif/.tiff (multi-page, BigTIFF), a folder or a single file of "
            + ".png/.tif slices, .h5/.hdf5 with ':/dataset', .mrc/.rec, .zarr (OME-Zarr)";

    /** What vemseg writes, for error messages. */
    public static final String WRITABLE = ".tif/.tiff, .zarr / .ome.zarr, or a folder of slices (no extension)";

    /**
     * The format of an existing input.
     *
     * @throws VemsegException.IO if nothing exists at the path
     * @throws VemsegException.Unsupported if no format recognises it
     */
    public static Format forReading(VolumeLocation location) {
        if (!Files.exists(location.path())) {
            throw new VemsegException.IO(location.path() + ": no such file or folder");
        }
        Optional<Format> named = recognising(location);
        if (named.isPresent()) {
            return named.get();
        }
        if (Files.isRegularFile(location.path())) {
            byte[] header = readHeader(location);
            for (Format f : values()) {
                if (f.format.matchesSignature(header)) {
                    return f;
                }
            }
        }
        throw new VemsegException.Unsupported(location.path() + ": unknown format; vemseg reads " + READABLE);
    }

    /**
     * The first format that recognises a location by its name or, for a folder, by its content; unlike
     * {@link #forReading} it reads no file, so it suits searches through many files.
     */
    public static Optional<Format> recognising(VolumeLocation location) {
        return Arrays.stream(values()).filter(f -> f.format.recognises(location)).findFirst();
    }

    /** The format to write an output path in, chosen by its extension (no extension = slice folder). */
    public static Format forWriting(VolumeLocation location) {
        for (Format f : values()) {
            if (f.format.isWritable() && f.format.recognises(location) && f != SLICES) {
                return f;
            }
        }
        String name = location.fileName();
        boolean hasExtension = name.lastIndexOf('.') > 0;
        if (!hasExtension || Files.isDirectory(location.path())) {
            return SLICES;
        }
        throw new VemsegException.Unsupported(location.path() + ": cannot write '"
                + name.substring(name.lastIndexOf('.')) + "' files; vemseg writes " + WRITABLE);
    }

    /** Parses a format name such as {@code tiff} or {@code zarr}. */
    public static Optional<Format> named(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.name().toLowerCase(Locale.ROOT).equals(n)).findFirst();
    }

    private static byte[] readHeader(VolumeLocation location) {
        try (InputStream in = Files.newInputStream(location.path())) {
            return in.readNBytes(1024);
        } catch (IOException e) {
            throw VemsegException.IO.of(location.path(), "read", e);
        }
    }
}
