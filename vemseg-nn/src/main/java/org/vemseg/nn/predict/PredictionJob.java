package org.vemseg.nn.predict;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.vemseg.core.Progress;
import org.vemseg.core.Settings;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.BlockGrid;
import org.vemseg.core.io.DiskSpace;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.predict.TileGeometry;
import org.vemseg.core.predict.TiledPrediction;
import org.vemseg.core.predict.WrittenBlocks;
import org.vemseg.core.volume.Plane;
import org.vemseg.core.volume.VolumeInfo;

/**
 * {@code vemseg predict} as one service call: loads the models, predicts the input tile by tile with
 * {@link TiledPrediction} and writes the output (and optionally the uncertainty).
 *
 * <p>Every check that can fail on bad input runs before any voxel is predicted: the outputs do not exist (unless
 * overwriting or resuming), the input is readable, the models load and predict the same classes, and the
 * {@link org.vemseg.core.predict.PredictionPlan} finds the tile fitting the models and the work units fitting the
 * heap. Errors are one-line {@link VemsegException}s.
 *
 * <p>Formats differ only behind {@link PredictionOutputs}. OME-Zarr outputs are always written resumably: an
 * interrupted run leaves its partial folder, which {@code resume} continues (skipping chunks already written; the
 * result equals an uninterrupted run) and {@code overwrite} discards. Other formats are written to a temporary name
 * and appear only when complete.
 */
public final class PredictionJob {

    private PredictionJob() {
    }

    /**
     * What a finished prediction did.
     *
     * @param seconds       the whole run, from checking the request to committing the outputs (the JVM's start-up
     *                      not included)
     * @param predictSeconds the part spent predicting the units (reading, inference, writing blocks): without
     *                      loading the models, planning and committing, as a whole-slice baseline times itself
     * @param usefulCompute the plan's useful-compute fraction: network work its output voxels need over the work its
     *                      tiles compute ({@link org.vemseg.core.predict.PredictionPlan#usefulCompute()})
     * @param tile          the tiles' height and width
     */
    public record Result(VolumeLocation output, VolumeInfo info, int networks, int variants, long blocks,
            long skippedBlocks, long predictedVoxels, double seconds, double predictSeconds, double usefulCompute,
            int[] tile) {

        public Result {
            tile = tile.clone();
        }

        @Override
        public int[] tile() {
            return tile.clone();
        }

        /** This result as written to {@code other} instead (a prediction made into a hidden copy, then moved). */
        public Result withOutput(VolumeLocation other) {
            return new Result(other, info, networks, variants, blocks, skippedBlocks, predictedVoxels, seconds,
                    predictSeconds, usefulCompute, tile);
        }

        /** Voxels predicted (not skipped) per second of the whole run, loading included. */
        public double voxelsPerSecond() {
            return predictedVoxels / Math.max(seconds, 1e-9);
        }
    }

    /** Runs the prediction described by {@code r}, reporting blocks written to {@code progress}; no warnings. */
    public static Result run(PredictionRequest r, Progress progress) {
        return run(r, progress, warning -> {
        });
    }

    /**
     * Runs the prediction described by {@code r}, reporting blocks written to {@code progress} and, before any
     * voxel is predicted, one-line warnings to {@code warnings}: chunks missing from the input, too little free
     * space for the outputs.
     */
    public static Result run(PredictionRequest r, Progress progress, Consumer<String> warnings) {
        return run(r, input -> progress, warnings);
    }

    /**
     * Like {@link #run(PredictionRequest, Progress, Consumer)}, with the progress made for the input once it is
     * open (a progress may show voxels per second).
     */
    public static Result run(PredictionRequest r, Function<VolumeInfo, Progress> progress, Consumer<String> warnings) {
        return run(r, progress, warnings, UnitRunner.LOCAL);
    }

    /**
     * Like {@link #run(PredictionRequest, Function, Consumer)}, with the units written by {@code runner} (e.g. on a
     * cluster): the checks, the plan, the outputs and the commit stay those of this method.
     */
    public static Result run(PredictionRequest r, Function<VolumeInfo, Progress> progress, Consumer<String> warnings,
            UnitRunner runner) {
        if (!r.planesOrXy().equals(List.of(Plane.XY))) {
            return OrthoplanePrediction.run(r, progress, warnings, runner);
        }
        long start = System.nanoTime();
        PredictionOutputs.Targets targets = PredictionOutputs.Targets.check(r);
        try (VolumeReader input = Volumes.open(r.input())) {
            input.missingChunks().ifPresent(m -> warnings.accept(m.warning(r.input())));
            OrthoplanePrediction.isotropyNotice(r, input.info()).ifPresent(warnings);
            return run(r, targets, input, Plane.XY, progress, warnings, runner, start);
        }
    }

    /**
     * Predicts {@code input}, already open (it may be a view of {@code r.input()} along {@code plane}, as orthoplane
     * prediction's {@link org.vemseg.core.io.PermutedVolumeReader}; the caller closes it), into the outputs checked
     * as {@code targets}.
     */
    static Result run(PredictionRequest r, PredictionOutputs.Targets targets, VolumeReader input, Plane plane,
            Function<VolumeInfo, Progress> progress, Consumer<String> warnings, UnitRunner runner, long start) {
        VolumeInfo in = input.info();
        try (ModelPredictors models = ModelPredictors.load(r.models(), r.device(), r.halo(), r.torchScript())) {
            TiledPrediction prediction = tiledPrediction(r, models);
            if (!plane.isIdentity() && in.height() < prediction.halo()) {
                // An xy slice smaller than the halo is still a whole image; an xz or yz slice that shallow is a strip
                // whose context would be mostly mirror images of itself, which would only blur the average.
                throw new VemsegException.InvalidInput("its slices are " + in.height() + " pixels deep (the stack's "
                        + "depth), less than the halo of " + prediction.halo() + " pixels the models see as context: "
                        + "predict along xy alone");
            }
            try (PredictionOutputs out = targets.open(r, input, prediction)) {
                WrittenBlocks skipped = out.written();
                DiskSpace.warnings(out.neededBytes(r, in.voxels() - skipped.voxels())).forEach(warnings);
                Progress shown = progress.apply(in);
                long predicting = System.nanoTime();
                runner.run(new PlannedPrediction(r, prediction, input, out), shown);
                double predictSeconds = (System.nanoTime() - predicting) / 1e9;
                out.commit(runner.pyramid(), shown);
                double seconds = (System.nanoTime() - start) / 1e9;
                TileGeometry g = out.plan().geometry();
                return new Result(r.output(), out.info(), models.members().size(), r.tta(),
                        BlockGrid.of(out.info()).size(), skipped.blocks(), in.voxels() - skipped.voxels(), seconds,
                        predictSeconds, out.plan().usefulCompute(), new int[] {g.tileHeight(), g.tileWidth()});
            }
        }
    }

    /**
     * The tiled prediction {@code r} asks for with {@code models}: tiling, test-time augmentation, output type and
     * class. A worker of a cluster job builds it from the same request to run the units of the plan it was given.
     */
    public static TiledPrediction tiledPrediction(PredictionRequest r, ModelPredictors models) {
        TiledPrediction.Builder b = models.addTo(TiledPrediction.builder());
        try {
            b.optTta(r.tta());
        } catch (IllegalArgumentException e) {
            throw new VemsegException.InvalidInput(Settings.name("tta") + ": " + e.getMessage());
        }
        if (r.tile() > 0) {
            b.optTile(r.tile());
        }
        b.optOverlap(r.overlap()).optOutputType(r.outputType()).optBatchSize(r.batch())
                .optThreshold(MaskThreshold.resolve(r.threshold(), r.models(), r.outputClass()).value());
        r.outputClass().ifPresent(b::optOutputClass);
        r.memoryBudget().ifPresent(b::optBudgetBytes);
        b.optBorder(r.border().orElse(TiledPrediction.HALO_BORDER));
        return b.build();
    }
}
