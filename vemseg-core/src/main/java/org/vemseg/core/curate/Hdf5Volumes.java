package org.vemseg.core.curate;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The datasets of an HDF5 file that are images or volumes (2 or 3 dimensions after dropping leading
 * size-1 ones), so a curation input folder can hold HDF5 files with raw data and labels side by side:
 * each dataset is a source of its own, and label datasets are skipped by name like label files.
 */
final class Hdf5Volumes {

    private Hdf5Volumes() {
    }

    /** Dataset paths such as {@code /volumes/raw}, depth first; empty if the file cannot be listed. */
    static List<String> list(Path file) {
        List<String> out = new ArrayList<>();
        try (HdfFile h = new HdfFile(file)) {
            collect(h, out);
        } catch (RuntimeException e) {
            return List.of(); // opening the file as a volume later reports what is wrong with it
        }
        return out;
    }

    private static void collect(Group group, List<String> out) {
        for (Node child : group.getChildren().values()) {
            if (child.isLink()) {
                continue;
            }
            if (child instanceof Dataset d && !d.isScalar() && isVolume(d.getDimensions())) {
                out.add(d.getPath().startsWith("/") ? d.getPath() : "/" + d.getPath());
            } else if (child instanceof Group g) {
                collect(g, out);
            }
        }
    }

    private static boolean isVolume(int[] dims) {
        int first = 0;
        while (first < dims.length - 2 && dims[first] == 1) {
            first++;
        }
        int rank = dims.length - first;
        return rank == 2 || rank == 3;
    }
}
