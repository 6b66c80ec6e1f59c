package org.vemseg.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import org.vemseg.core.Progress;
import org.vemseg.core.Settings;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.objects.Connectivity;
import org.vemseg.core.objects.PostProcessing;
import org.vemseg.core.predict.OutputType;
import org.vemseg.core.predict.TiledPrediction;
import org.vemseg.core.volume.Plane;
import org.vemseg.core.volume.VolumeInfo;
import org.vemseg.nn.model.ComputeDevice;
import org.vemseg.nn.predict.ClusterPredictor;
import org.vemseg.nn.predict.ModelPredictors;
import org.vemseg.nn.predict.MaskThreshold;
import org.vemseg.nn.predict.PostProcessedPrediction;
import org.vemseg.nn.predict.PredictionJob;
import org.vemseg.nn.predict.PredictionRequest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vemseg predict}: parses options into a {@link PredictionRequest} and runs the {@link PredictionJob}. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Predict a volume of any size with one or more models (.vsm, bioimage.io packages with "
                + "TorchScript weights, or plain TorchScript files): overlapping tiles with a halo of context, "
                + "test-time augmentation, ensemble averaging, seamless blending.",
            "A plain TorchScript file (model.pt) has no rdf.yaml to say how to run it: give --norm, --tile-multiple "
                    + "and --output-channel (and --output-activation, --input-channels if needed); "
                    + "'vemseg info model.pt' lists them.",
            "An OME-Zarr output (.zarr) survives interruption: rerun with --resume to continue; other formats "
                    + "appear only when complete."})
final class PredictCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL",
            description = "Model bundle (.vsm), a bioimage.io package (.zip or folder) with TorchScript weights, "
                    + "whose rdf.yaml gives normalisation, tile step and halo, or a plain TorchScript file (.pt, "
                    + "with --norm, --tile-multiple, --output-channel); repeat for an ensemble (all members are "
                    + "averaged).")
    List<Path> models = new ArrayList<>();

    @Option(names = "--input", required = true, paramLabel = "VOLUME", converter = Converters.Location.class,
            description = "Volume to predict.")
    VolumeLocation input;

    @Option(names = "--output", required = true, paramLabel = "VOLUME", converter = Converters.Location.class,
            description = "Prediction to write (.tif, .zarr, or a folder of slices).")
    VolumeLocation output;

    @Option(names = "--tta", paramLabel = "N", defaultValue = "1",
            description = "Test-time variants averaged: 1, 2, 4, 8 (all flips/rotations) or 16 (also z flips). "
                    + "Default: ${DEFAULT-VALUE}.")
    int tta;

    @Option(names = "--tile", paramLabel = "PX",
            description = "Tile edge the network sees, a multiple of 32 for resunet, 16 for deepem3d. Default: "
                    + "chosen from the plane size and memory, a whole plane per network call when it fits.")
    int tile;

    @Option(names = "--overlap", paramLabel = "PX", defaultValue = "64",
            description = "Overlap of neighbouring tiles, blended smoothly. Default: ${DEFAULT-VALUE}.")
    int overlap;

    @Option(names = "--halo", paramLabel = "PX",
            description = "Context discarded around each tile, in pixels of the network's input (times the "
                    + "model's downsampling in the volume); smaller is faster but less like a whole-image "
                    + "prediction. Default: the model's receptive field (256 for resunet and resunet50, 240 for "
                    + "deepem3d).")
    Integer halo;

    @Option(names = "--border", paramLabel = "PX|halo", converter = Converters.Border.class,
            description = "Mirror padding at the volume's edges, at most the halo, or 'halo' for the full mirrored "
                    + "context: wider computes more and changes only voxels near the edges; however a plane is "
                    + "tiled, the result is that of the whole plane with this border. Default: 0 (networks are "
                    + "trained seeing zero padding at their crops' edges; on unseen Lucchi++ slices 0 was 2x faster "
                    + "than 'halo', with half the memory and no loss of IoU).")
    Integer border;

    @Option(names = "--chunk", paramLabel = "Z,Y,X", split = ",",
            description = "Chunk shape of OME-Zarr outputs (default 32,256,256, shallower if the Java heap "
                    + "needs it).")
    int[] chunk;

    @Option(names = "--output-type", paramLabel = "prob8|prob32|mask", defaultValue = "prob8",
            converter = Converters.Output.class,
            description = "prob8: probability x 255 as uint8 (as CDeep3M); prob32: float32; mask: 0/1 at "
                    + "--threshold, post-processed with --fill-holes and --min-size if given. Default: "
                    + "${DEFAULT-VALUE}.")
    OutputType outputType;

    @Option(names = "--threshold", paramLabel = "P",
            description = "Probability at or above which a voxel is foreground in a mask. Default: the threshold "
                    + "calibrated in the model when it was trained (train --calibrate), else 0.5.")
    Double threshold;

    @Mixin
    PostProcessingChoice postProcessing;

    @Option(names = "--connectivity", paramLabel = "6|18|26", defaultValue = "26",
            converter = Converters.Neighbours.class,
            description = "With --min-size or --fill-holes: which voxels touch, 6 faces, 18 + edges, 26 + corners "
                    + "(default ${DEFAULT-VALUE}).")
    Connectivity connectivity;

    @Option(names = "--class", paramLabel = "N", description = "Class whose probability is written (default 1).")
    Integer outputClass;

    @Option(names = "--uncertainty", paramLabel = "VOLUME", converter = Converters.Location.class,
            description = "Also write the per-voxel spread across variants and models.")
    VolumeLocation uncertainty;

    @Option(names = "--planes", paramLabel = "xy,xz,yz",
            description = "Planes to predict along with the same 2D model(s), averaged, as empanada does for "
                    + "isotropic FIB-SEM: xy (default), or e.g. xy,xz,yz: 3x the passes (on Lucchi++ 4.7x the "
                    + "time for +0.02 IoU, all of it precision). More than xy needs an "
                    + "OME-Zarr output.")
    String planes;

    @Mixin
    TorchScriptFlags torchScript;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "2",
            description = "Tiles per network call. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--device", paramLabel = "cpu|gpu", defaultValue = "cpu",
            description = "Default: ${DEFAULT-VALUE}.")
    ComputeDevice device;

    @Mixin
    EngineThreads engine;

    @Option(names = "--resume", description = "Continue an interrupted OME-Zarr prediction, skipping finished chunks. "
            + "Refused if the input, the models or a setting changed, or if another Java heap would place the tiles "
            + "differently.")
    boolean resume;

    @Option(names = "--spark", paramLabel = "MASTER", description = "Run on Apache Spark, with the same result: "
            + "local[N] in this process, spark://HOST:7077 on a standalone cluster. The output must be OME-Zarr; the "
            + "input, the models and the output must be on storage every node sees.")
    String spark;

    @Mixin
    Overwrite overwrite;

    @Mixin
    Quiet quiet;

    @Override
    public Integer call() {
        engine.configure();
        PredictionRequest request = request();
        if (spark != null && request.models().stream().anyMatch(ModelPredictors::isTorchScript)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--spark does not run plain TorchScript "
                    + "(.pt) models yet: predict without --spark, or package the model as bioimage.io");
        }
        PrintWriter err = spec.commandLine().getErr();
        Function<VolumeInfo, Progress> progress = in -> quiet.progress(1).withVoxelRate(in.voxels());
        FlagNames flags = new FlagNames(spec.commandLine().getCommandSpec().root().commandLine());
        Consumer<String> warnings = warning -> {
            err.println("warning: " + Settings.render(warning, flags));
            err.flush();
        };
        PostProcessing post = postProcessing.resolve();
        if (!post.isNone() && spark != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--fill-holes and --min-size cannot run "
                    + "with --spark; predict the probability map, then analyze it with them");
        }
        PostProcessedPrediction.Result processed = post.isNone() ? null
                : PostProcessedPrediction.run(request, connectivity, post, progress, warnings);
        // The cluster's libraries are loaded only when asked for (./vemseg adds them to the class path for --spark).
        PredictionJob.Result r = processed != null ? processed.prediction()
                : spark == null ? PredictionJob.run(request, progress, warnings)
                : ClusterPredictor.find().run(spark, request, progress, warnings);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "wrote %s: %d x %d x %d %s, %d network(s) x %d variant(s), %d blocks%s in %.1f s "
                + "(%.2f Mvoxels/s)%n", r.output(), r.info().depth(), r.info().height(), r.info().width(),
                request.outputType(), r.networks(), r.variants(), r.blocks(),
                r.skippedBlocks() > 0 ? " (" + r.skippedBlocks() + " already done)" : "", r.seconds(),
                r.voxelsPerSecond() / 1e6);
        if (request.outputType() == OutputType.MASK) {
            out.println("mask threshold " + MaskThreshold.resolve(request.threshold(), request.models(),
                    request.outputClass()));
        }
        if (processed != null) {
            out.println("post-processing " + post + ": " + processed.postProcessing().summary(post));
        }
        // What the tile settings cost: 1 would compute each output voxel once, without halo or padding.
        out.printf(Locale.ROOT, "useful compute %.2f (tiles %d x %d)%n", r.usefulCompute(), r.tile()[0], r.tile()[1]);
        // The steady-state figure, comparable with a baseline that times its inference loop alone.
        out.printf(Locale.ROOT, "predicting %.2f s (%.2f Mvoxels/s), without loading models, planning and "
                + "committing%n", r.predictSeconds(), r.predictedVoxels() / Math.max(r.predictSeconds(), 1e-9) / 1e6);
        out.flush();
        return 0;
    }

    PredictionRequest request() {
        try {
            PredictionRequest.Builder b = PredictionRequest.builder(models, input, output).optTta(tta).optTile(tile)
                    .optOverlap(overlap).optOutputType(outputType)
                    .optThreshold(threshold == null ? Double.NaN : threshold)
                    .optBatch(batch).optDevice(device).optResume(resume).optOverwrite(overwrite.requested());
            if (halo != null) {
                b.optHalo(halo);
            }
            if (border != null && border == TiledPrediction.HALO_BORDER) {
                b.optHaloBorder();
            } else if (border != null) {
                b.optBorder(border);
            }
            if (outputClass != null) {
                b.optOutputClass(outputClass);
            }
            if (uncertainty != null) {
                b.optUncertainty(uncertainty);
            }
            if (chunk != null) {
                b.optChunk(chunk);
            }
            if (planes != null) {
                b.optPlanes(Plane.parseList(planes));
            }
            b.optTorchScript(torchScript.options());
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
