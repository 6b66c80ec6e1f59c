package org.vemseg.nn.predict;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.vemseg.core.Progress;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.AtomicOutput;
import org.vemseg.core.io.PermutedVolumeReader;
import org.vemseg.core.io.ResumeGuard;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.predict.OutputType;
import org.vemseg.core.volume.Plane;
import org.vemseg.core.volume.VolumeInfo;
import org.vemseg.core.volume.VoxelSize;
import org.vemseg.nn.bundle.ModelBundle;

/**
 * Orthoplane prediction ({@code {planes}}, e.g. {@code xy,xz,yz}), as empanada does for isotropic FIB-SEM: the same
 * 2D models predict the volume along each plane, and the probabilities are averaged voxel by voxel.
 *
 * <p>Each plane is an ordinary {@link PredictionJob} of a {@link PermutedVolumeReader} view of the input (so test-time
 * augmentation, ensembles and the members' 3 or 5 frames, taken along the plane's stacking axis, work as for xy),
 * written as float32 probabilities of the output class into an OME-Zarr in a hidden scratch folder beside the output,
 * {@code .<name>.vemseg-planes}, in the plane's axis order. {@link PlaneAverage} then reads them back block by
 * block, un-permuted, and writes the mean (and the spread over planes, variants and models) in the requested output
 * type. Memory stays that of one prediction; the scratch folder takes 4 bytes a voxel per plane (8 with the spread).
 *
 * <p>Resumable like a single prediction: an interrupted run keeps the scratch folder (finished planes and the
 * partial one) and the partial output; {@code resume} continues them, refused (by a {@link ResumeGuard} beside the
 * output) if the input, the models or a setting changed. The scratch folder is deleted once the output is committed.
 * The output must be OME-Zarr, since the average is written block by block in any order.
 */
public final class OrthoplanePrediction {

    /** Suffix of the scratch folder beside the output. */
    static final String SCRATCH_SUFFIX = ".vemseg-planes";

    private OrthoplanePrediction() {
    }

    /** Runs {@code r} along each of its planes and averages; see the class comment. */
    static PredictionJob.Result run(PredictionRequest r, Function<VolumeInfo, Progress> progress,
            Consumer<String> warnings, UnitRunner runner) {
        List<Plane> planes = r.planesOrXy();
        String names = Plane.names(planes);
        if (runner != UnitRunner.LOCAL) {
            throw new VemsegException.InvalidInput("{planes} " + names + " runs on one machine only; predict along "
                    + "xy alone on a cluster");
        }
        long start = System.nanoTime();
        PredictionOutputs.Targets targets = PredictionOutputs.Targets.check(r);
        if (!targets.output().isResumable()) {
            throw new VemsegException.InvalidInput("{planes} " + names + " needs an OME-Zarr {output} (.zarr), "
                    + "which is written block by block; " + r.output() + " is not");
        }
        checkMask(r);
        Path scratch = scratchPath(r.output().path());
        try (VolumeReader input = Volumes.open(r.input())) {
            VolumeInfo in = input.info();
            input.missingChunks().ifPresent(m -> warnings.accept(m.warning(r.input())));
            ResumeGuard guard = ResumeGuard.of(r.output().path(),
                    JobDescription.request(r, input) + "planes=" + names + '\n');
            startScratch(r, scratch, guard);
            int networks = 0;
            double computedPerOutput = 0; // tile pixels computed per output voxel, summed over the planes run now
            int planesRun = 0;
            double predictSeconds = 0;
            int[] tile = {0, 0};
            for (int i = 0; i < planes.size(); i++) {
                Plane p = planes.get(i);
                PredictionRequest pr = planeRequest(r, p, scratch);
                if (Files.isDirectory(pr.output().path())) {
                    continue; // finished by the interrupted run this one resumes (the guard checked it was this job)
                }
                VolumeReader view = p.isIdentity() ? input : new PermutedVolumeReader(input, p.axes());
                String label = "plane " + p + " (" + (i + 1) + " of " + planes.size() + ")";
                PredictionJob.Result one = predictPlane(pr, p, view, info -> labelled(progress.apply(info), label),
                        warnings);
                networks = one.networks();
                computedPerOutput += 1 / one.usefulCompute();
                predictSeconds += one.predictSeconds();
                planesRun++;
                if (p.isIdentity()) {
                    tile = one.tile();
                }
            }
            PlaneAverage.Written avg = PlaneAverage.write(r, in, planes, scratch,
                    labelled(progress.apply(in), "average of " + names));
            guard.clear();
            AtomicOutput.deleteQuietly(scratch);
            double seconds = (System.nanoTime() - start) / 1e9;
            // every plane computes each output voxel once more: useful compute is that of one plane's worth of work
            double useful = planesRun == 0 ? 1 : planesRun / computedPerOutput / planes.size();
            return new PredictionJob.Result(r.output(), avg.info(), networks, r.tta() * planes.size(), avg.blocks(),
                    avg.skippedBlocks(), in.voxels() - avg.skippedVoxels(), seconds, predictSeconds, useful, tile);
        }
    }

    /**
     * One plane's ordinary prediction of {@code view}. Its errors about the input (xz and yz slices, as deep as the
     * volume, shallower than the halo) say which plane they concern.
     */
    private static PredictionJob.Result predictPlane(PredictionRequest pr, Plane p, VolumeReader view,
            Function<VolumeInfo, Progress> progress, Consumer<String> warnings) {
        try {
            return PredictionJob.run(pr, PredictionOutputs.Targets.check(pr), view, p, progress, warnings,
                    UnitRunner.LOCAL, System.nanoTime());
        } catch (VemsegException.InvalidInput e) {
            if (p.isIdentity()) {
                throw e;
            }
            throw new VemsegException.InvalidInput("{planes} " + p + ": " + e.message(k -> "{" + k + "}"));
        }
    }

    /**
     * The one-line notice that {@code r}, predicting along xy by default, could predict along all three planes
     * because {@code in}'s voxels are near-isotropic ({@link Plane#isNearIsotropic}); empty when the planes were
     * chosen or the voxels are anisotropic or unknown.
     */
    static Optional<String> isotropyNotice(PredictionRequest r, VolumeInfo in) {
        if (r.planes().isPresent() || in.depth() < 2 || in.voxelSize().isEmpty()
                || !Plane.isNearIsotropic(in.voxelSize().get())) {
            return Optional.empty();
        }
        VoxelSize v = in.voxelSize().get();
        return Optional.of("the input's voxels are near-isotropic (" + v + "): {planes} xy,xz,yz would also predict "
                + "along xz and yz and average the three, as for FIB-SEM: 3x the passes (on Lucchi++ 4.7x the time, "
                + "+0.02 IoU)");
    }

    /** The hidden scratch folder of the planes of an output at {@code target}. */
    static Path scratchPath(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        return abs.resolveSibling("." + abs.getFileName() + SCRATCH_SUFFIX);
    }

    /** Averaged probabilities have one class, so a mask of a model with more classes (argmax) cannot be made. */
    private static void checkMask(PredictionRequest r) {
        if (r.outputType() != OutputType.MASK) {
            return;
        }
        Path model = r.models().get(0);
        if (ModelPredictors.isTorchScript(model)) {
            return; // its output channel makes two classes
        }
        int classes = ModelBundle.readManifest(model).classNames().size();
        if (classes > 2) {
            throw new VemsegException.InvalidInput("{planes} with a mask {outputType} needs a model of one or two "
                    + "classes, but " + model + " has " + classes + "; write prob32 instead");
        }
    }

    /**
     * Creates (or, resuming, keeps) the scratch folder and records the job. Like a partial output, an existing
     * scratch folder is continued only with {@code resume} and discarded only with {@code overwrite}.
     */
    private static void startScratch(PredictionRequest r, Path scratch, ResumeGuard guard) {
        if (Files.exists(scratch) && !r.resume()) {
            if (!r.overwrite()) {
                throw new VemsegException.InvalidInput(r.output() + ": an interrupted run left its planes ("
                        + scratch.getFileName() + "); use {resume} to continue it or {overwrite} to start again");
            }
            AtomicOutput.deleteQuietly(scratch);
        }
        if (r.resume()) {
            guard.checkResumable(r.output().path());
        }
        try {
            Files.createDirectories(scratch);
        } catch (IOException e) {
            throw VemsegException.IO.of(scratch, "create scratch folder", e);
        }
        guard.record();
    }

    /** The prediction of one plane: {@code r}'s settings, float32 probabilities into the scratch folder. */
    static PredictionRequest planeRequest(PredictionRequest r, Plane p, Path scratch) {
        PredictionRequest.Builder b = PredictionRequest.builder(r.models(), r.input(),
                VolumeLocation.of(scratch.resolve(p + ".zarr"))).optTta(r.tta()).optTile(r.tile())
                .optOverlap(r.overlap()).optOutputType(OutputType.PROB32)
                .optThreshold(r.threshold()).optBatch(r.batch()).optDevice(r.device()).optResume(r.resume())
                .optPlanes(List.of(Plane.XY));
        r.outputClass().ifPresent(b::optOutputClass);
        r.memoryBudget().ifPresent(b::optMemoryBudget);
        r.halo().ifPresent(b::optHalo);
        r.border().ifPresentOrElse(b::optBorder, b::optHaloBorder);
        b.optTorchScript(r.torchScript());
        if (r.uncertainty().isPresent()) {
            b.optUncertainty(VolumeLocation.of(spreadPath(scratch, p)));
        }
        return b.build();
    }

    /** Where the spread of plane {@code p} is kept in the scratch folder. */
    static Path spreadPath(Path scratch, Plane p) {
        return scratch.resolve(p + "-spread.zarr");
    }

    /** {@code p} with its tasks named after {@code label}, so that each plane's bar says which it is. */
    private static Progress labelled(Progress p, String label) {
        return new Progress() {
            @Override
            public void start(String task, long total, String unit) {
                p.start(label + ": " + task, total, unit);
            }

            @Override
            public void advance(long amount) {
                p.advance(amount);
            }

            @Override
            public void finish() {
                p.finish();
            }

            @Override
            public void message(String text) {
                p.message(text);
            }
        };
    }
}
