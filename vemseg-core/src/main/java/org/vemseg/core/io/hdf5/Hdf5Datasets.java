package org.vemseg.core.io.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfInvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.vemseg.core.VemsegException;

/**
 * Finds the dataset a location names inside an HDF5 file ({@code file.h5:/group/dataset}), or the only
 * volume in the file when none is named. Every failure lists the volumes the file does hold, so the
 * user can retype the location.
 */
final class Hdf5Datasets {

    /** At most this many dataset paths are listed in an error message. */
    private static final int MAX_LISTED = 12;

    private Hdf5Datasets() {
    }

    /**
     * The dataset at {@code requested} (absolute, leading slash optional), or the single 2D/3D dataset of
     * the file when {@code requested} is empty.
     *
     * @throws VemsegException.InvalidInput if the path is missing or not a dataset, or the choice is ambiguous
     */
    static Dataset select(HdfFile file, Path path, Optional<String> requested) {
        String wanted = requested.map(Hdf5Datasets::normalise).orElse("/");
        if (wanted.equals("/")) {
            List<Dataset> volumes = volumes(file);
            if (volumes.size() == 1) {
                return volumes.get(0);
            }
            if (volumes.isEmpty()) {
                throw new VemsegException.InvalidInput(path + ": holds no 2D or 3D dataset" + otherDatasets(file));
            }
            Dataset example = volumes.stream().filter(d -> d.getName().toLowerCase(Locale.ROOT).contains("raw"))
                    .findFirst().orElse(volumes.get(0));
            throw new VemsegException.InvalidInput(path + ": which dataset? it holds " + list(volumes) + "; use " + path
                    + ":" + example.getPath());
        }
        Node node;
        try {
            node = file.getByPath(wanted);
        } catch (HdfInvalidPathException e) {
            node = null;
        }
        if (node instanceof Dataset dataset) {
            return dataset;
        }
        String what = node == null ? "no dataset " + wanted : wanted + " is a group, not a dataset";
        List<Dataset> volumes = volumes(file);
        throw new VemsegException.InvalidInput(path + ": " + what
                + (volumes.isEmpty() ? "; it holds no 2D or 3D dataset" : "; it holds " + list(volumes)));
    }

    /** A dataset path as jHDF gives it, with the leading slash a location needs. */
    static String absolute(String datasetPath) {
        return datasetPath.startsWith("/") ? datasetPath : "/" + datasetPath;
    }

    /** {@code "/a/b"} for {@code "a/b"}, {@code "/a/b/"} or {@code "//a/b"}. */
    private static String normalise(String dataset) {
        String p = dataset.trim().replaceAll("/+", "/");
        if (p.endsWith("/") && p.length() > 1) {
            p = p.substring(0, p.length() - 1);
        }
        return p.startsWith("/") ? p : "/" + p;
    }

    /** All datasets that are 2D or 3D volumes (after squeezing leading size-1 dimensions), depth first. */
    static List<Dataset> volumes(HdfFile file) {
        List<Dataset> out = new ArrayList<>();
        for (Dataset d : datasets(file)) {
            if (!d.isScalar() && Hdf5Shape.of(d.getDimensionsAsLong()).isPresent()) {
                out.add(d);
            }
        }
        return out;
    }

    private static List<Dataset> datasets(Group group) {
        List<Dataset> out = new ArrayList<>();
        for (Node child : group.getChildren().values()) {
            if (child.isLink()) {
                continue; // soft and external links may dangle or form cycles; name them explicitly instead
            }
            if (child instanceof Dataset d) {
                out.add(d);
            } else if (child instanceof Group g) {
                out.addAll(datasets(g));
            }
        }
        return out;
    }

    /** For the "no volume" message: what the file holds instead, with shapes. */
    private static String otherDatasets(HdfFile file) {
        List<Dataset> all = datasets(file);
        if (all.isEmpty()) {
            return " (no datasets at all)";
        }
        return "; it holds " + all.stream().limit(MAX_LISTED)
                .map(d -> d.getPath() + " (" + Hdf5Shape.describe(d.getDimensionsAsLong()) + ")")
                .collect(Collectors.joining(", ")) + more(all.size());
    }

    private static String list(List<Dataset> datasets) {
        return datasets.stream().limit(MAX_LISTED).map(Dataset::getPath).collect(Collectors.joining(", "))
                + more(datasets.size());
    }

    private static String more(int count) {
        return count > MAX_LISTED ? " and " + (count - MAX_LISTED) + " more" : "";
    }
}
