package org.vemseg.core.io;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a volume lives: a file or folder, and optionally a dataset inside it, written
 * {@code file.h5:/group/dataset} on the command line (HDF5; also {@code volume.zarr:/1} for one level of
 * an OME-Zarr multiscale image).
 */
public record VolumeLocation(Path path, Optional<String> dataset) {

    /**
     * Parses {@code path[:/dataset]}. The dataset part is recognised only after a container extension
     * ({@code .h5 .hdf5 .hdf .zarr}), so ordinary paths with colons stay intact.
     */
    public static VolumeLocation parse(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String ext : new String[] {".h5:", ".hdf5:", ".hdf:", ".he5:", ".zarr:", ".zarr/:"}) {
            int at = lower.indexOf(ext);
            if (at >= 0) {
                int colon = at + ext.length() - 1;
                String ds = text.substring(colon + 1);
                return new VolumeLocation(Path.of(text.substring(0, colon)),
                        ds.isEmpty() ? Optional.empty() : Optional.of(ds));
            }
        }
        return new VolumeLocation(Path.of(text), Optional.empty());
    }

    public static VolumeLocation of(Path path) {
        return new VolumeLocation(path, Optional.empty());
    }

    /** Lower-case file name, for extension checks. */
    public String fileName() {
        Path name = path.getFileName();
        return name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
    }

    /** Lower-case extension of the file name with its dot, such as {@code ".h5"}; empty if it has none. */
    public String extension() {
        String name = fileName();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot) : "";
    }

    @Override
    public String toString() {
        return dataset.map(d -> path + ":" + d).orElse(path.toString());
    }
}
