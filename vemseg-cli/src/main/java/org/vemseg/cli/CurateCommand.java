package org.vemseg.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.vemseg.core.curate.CurationOptions;
import org.vemseg.core.curate.CurationSummary;
import org.vemseg.core.curate.Curator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vemseg curate}: a non-redundant set of informative patches from unlabeled EM. */
@Command(name = "curate", mixinStandardHelpOptions = true,
        description = {"Cut square patches from EM images and volumes, drop uninformative ones (blank, saturated, "
                + "empty resin, featureless) and near-duplicates (dHash), and write the rest as 8-bit PNGs.",
            "Output folder: patches/, manifest.csv (every patch: source, plane, z, y, x, hash, score, kept, reason), "
                    + "summary.json, contact_kept.png, contact_dropped.png, contact_threshold.png "
                    + "(patches either side of --min-score). "
                    + "It appears only when complete; there is no resume.",
            "Folders are searched recursively; files named like labels (label, mask, gt, seg...; mito, membrane "
                    + "in a file name) are skipped unless --include-labels."})
final class CurateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, arity = "1..*", paramLabel = "PATH",
            description = "Volumes, images or folders to curate (repeatable).")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--size", paramLabel = "PX", description = "Patch side in pixels (default ${DEFAULT-VALUE}).")
    int size = CurationOptions.DEFAULT_SIZE;

    /** Which planes patches are cut from. */
    enum Planes {
        XY, ALL
    }

    @Option(names = "--planes", paramLabel = "xy|all",
            description = "xy slices only (default), or also xz and yz where voxels are near-isotropic "
                    + "(largest / smallest voxel side <= 1.5; unknown voxel size = xy only).")
    Planes planes = Planes.XY;

    @Option(names = "--stride", paramLabel = "PX", description = "Step between patches (default: the patch size, "
            + "no overlap).")
    Integer stride;

    @Option(names = "--margin", paramLabel = "PX",
            description = "Border left out of every image (default ${DEFAULT-VALUE}).")
    int margin = CurationOptions.DEFAULT_MARGIN;

    @Option(names = "--hamming", paramLabel = "BITS",
            description = "A patch within this dHash distance of a kept one is a duplicate (default ${DEFAULT-VALUE}).")
    int hamming = CurationOptions.DEFAULT_HAMMING;

    @Option(names = "--min-score", paramLabel = "X",
            description = "Smallest informativeness score to keep, in grey levels (default ${DEFAULT-VALUE}).")
    double minScore = CurationOptions.DEFAULT_MIN_SCORE;

    @Option(names = "--max-patches", paramLabel = "N",
            description = "Stop after keeping N patches (default: no limit).")
    long maxPatches;

    @Option(names = "--exclude-glob", paramLabel = "GLOB",
            description = "Also skip inputs whose path below the input folder matches (repeatable), "
                    + "e.g. '**/raw/*.tif'.")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--include-labels", description = "Do not skip files named like labels.")
    boolean includeLabels;

    @Mixin
    Quiet quiet;

    @Mixin
    Overwrite overwrite;

    @Override
    public Integer call() {
        boolean all = planes == Planes.ALL;
        CurationOptions options = new CurationOptions(inputs, out, size, all, stride == null ? size : stride, margin,
                hamming, minScore, maxPatches, excludes, !includeLabels, overwrite.requested(),
                CurationOptions.DEFAULT_MEMORY);
        CurationSummary summary = new Curator(options, quiet.progress(200)).run();
        PrintWriter o = spec.commandLine().getOut();
        o.println("wrote " + out);
        summary.describe(new FlagNames(spec.root().commandLine())).forEach(o::println);
        o.flush();
        return 0;
    }
}
