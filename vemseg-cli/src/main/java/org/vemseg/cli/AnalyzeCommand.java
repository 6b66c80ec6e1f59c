package org.vemseg.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.mesh.MeshFormat;
import org.vemseg.core.objects.Connectivity;
import org.vemseg.core.objects.PostProcessing;
import org.vemseg.core.report.AnalysisOptions;
import org.vemseg.core.report.AnalysisResult;
import org.vemseg.core.report.ClusterAnalysis;
import org.vemseg.core.report.ObjectAnalysis;
import org.vemseg.core.volume.VoxelSize;
import org.vemseg.nn.predict.MaskThreshold;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vemseg analyze}: objects, counts, densities, meshes and plots from a probability map or mask. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Threshold a probability map or mask, label 3D objects and measure them.",
            "Writes to --out: objects.csv (id, voxels, volume, centroid, bounding box, equivalent diameter, surface "
                    + "area, sphericity), summary.json (count, density, volume fraction), density-profile.csv/.png "
                    + "(sliding window along z, y, x), size-histogram.png, an instance-label volume and optional "
                    + "meshes."})
final class AnalyzeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "VOLUME", converter = Converters.Location.class,
            description = "Probability map (float 0-1 or uint8 0-255) or mask (non-zero = object).")
    VolumeLocation input;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Mixin
    ThresholdChoice threshold;

    @Mixin
    PostProcessingChoice postProcessing;

    @Option(names = "--connectivity", paramLabel = "6|18|26", defaultValue = "26",
            converter = Converters.Neighbours.class,
            description = "Which voxels touch: 6 faces, 18 + edges, 26 + corners (default ${DEFAULT-VALUE}).")
    Connectivity connectivity;

    @Option(names = "--per-slice", description = "Label each z slice on its own (2D objects), e.g. cells in "
            + "serial-section TEM whose z step is far coarser than the pixels, where 3D objects merge through slices.")
    boolean perSlice;

    @Option(names = "--split-touching", description = "Separate touching roundish objects (vesicles, nuclei) with "
            + "the distance transform and a seeded 3D watershed.")
    boolean splitTouching;

    @Option(names = "--seed-height", paramLabel = "LENGTH", converter = Length.Converter.class,
            description = "With --split-touching: how far a distance maximum must rise above the saddle to a "
                    + "deeper one to seed its own object (h-maxima), e.g. 0.1um (default: one voxel).")
    Length seedHeight;

    @Option(names = "--seed-distance", paramLabel = "LENGTH", converter = Length.Converter.class,
            description = "With --split-touching: smallest distance between two seeds of one object, e.g. 0.3um "
                    + "(default: no such rule).")
    Length seedDistance;

    @Option(names = "--window", paramLabel = "LENGTH", converter = Length.Converter.class, defaultValue = "20um",
            description = "Sliding window of the density profile: 20um, 500nm or 40vox (default ${DEFAULT-VALUE}).")
    Length window;

    @Option(names = "--mesh", paramLabel = "stl|ply|obj", description = "Write surface meshes (marching cubes, "
            + "physical units in µm).")
    MeshFormat mesh;

    @Option(names = "--mesh-per-object", description = "One mesh file per object (meshes/object-NNNNN.ext) instead of "
            + "one for the whole mask.")
    boolean meshPerObject;

    @Option(names = "--smooth", paramLabel = "N", defaultValue = "0",
            description = "Taubin smoothing rounds for written meshes (default ${DEFAULT-VALUE}).")
    int smooth;

    @Option(names = "--labels", paramLabel = "NAME", defaultValue = "labels.tif",
            description = "File name of the instance-label volume in --out (uint16, uint32 past 65535 objects), "
                    + "or 'none' (default ${DEFAULT-VALUE}; labels.ome.zarr with --spark).")
    String labelsFile;

    @Option(names = "--voxel-size", paramLabel = "z,y,x", converter = Converters.Voxel.class,
            description = "Voxel size in nm, overriding the input's, e.g. 50,4,4.")
    VoxelSize voxelSize;

    @Option(names = "--spark", paramLabel = "MASTER", description = "Label and measure on Apache Spark, with the same "
            + "objects and table: local[N] in this process, spark://HOST:7077 on a standalone cluster. The labels are "
            + "written as OME-Zarr (default labels.ome.zarr); the input and --out must be on storage every node sees. "
            + "Not with --split-touching or --mesh.")
    String spark;

    @Mixin
    Overwrite overwrite;

    @Mixin
    Quiet quiet;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        if (spark != null && !spec.commandLine().getParseResult().hasMatchedOption("--labels")) {
            // Executors write the labels chunk by chunk: OME-Zarr, not the single-machine default TIFF.
            labelsFile = "labels.ome.zarr";
        }
        AnalysisResult r;
        if (spark == null) {
            try (VolumeReader reader = Volumes.open(input)) {
                r = ObjectAnalysis.run(reader, input.toString(), out, options(reader, o));
            }
        } else {
            // The cluster's libraries load only when asked for (./vemseg adds them to the class path for --spark).
            ClusterAnalysis cluster = ClusterAnalysis.find();
            AnalysisOptions options;
            try (VolumeReader reader = Volumes.open(input)) {
                options = options(reader, o);
            }
            r = cluster.run(spark, input, out, options, quiet.progress(1));
        }
        o.print(r.summary(new FlagNames(spec.root().commandLine())));
        o.flush();
        return 0;
    }

    /** The options, with lengths in the input's unit (µm, or voxels without a voxel size). */
    private AnalysisOptions options(VolumeReader reader, PrintWriter o) {
        Optional<VoxelSize> vs = Optional.ofNullable(voxelSize).or(() -> reader.info().voxelSize());
        if (vs.isEmpty() && !window.isVoxels()) {
            o.printf(Locale.ROOT, "note: no voxel size, so the window %s is taken as %s voxels%n", window,
                    fmt(window.value()));
        }
        MaskThreshold t = threshold.resolve();
        o.println("threshold " + t);
        PostProcessing post = postProcessing.resolve();
        return new AnalysisOptions(t.value(), post.minSize(), connectivity, perSlice,
                splitTouching, seedHeight == null ? 0 : seedHeight.inAnalysisUnit(vs),
                seedDistance == null ? 0 : seedDistance.inAnalysisUnit(vs), window.inAnalysisUnit(vs),
                Optional.ofNullable(mesh), meshPerObject, Math.max(0, smooth),
                labelsFile.equalsIgnoreCase("none") ? Optional.empty() : Optional.of(labelsFile),
                Optional.ofNullable(voxelSize), overwrite.requested(), post.fillHoles());
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
