package org.vemseg.nn.predict;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.vemseg.core.Progress;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.AtomicOutput;
import org.vemseg.core.io.BlockGrid;
import org.vemseg.core.io.DiskSpace;
import org.vemseg.core.io.Format;
import org.vemseg.core.io.ResumableWriter;
import org.vemseg.core.io.VolumeFingerprint;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.VolumeWriter;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.predict.ChunkSink;
import org.vemseg.core.predict.OutputType;
import org.vemseg.core.predict.TiledPrediction;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VolumeInfo;

/**
 * {@code vemseg predict} as one service call: loads the models, predicts the input tile by tile with
 * {@link TiledPrediction} and writes the output (and optionally the uncertainty).
 *
 * <p>Every check that can fail on bad input runs before any voxel is predicted: the input is readable
 * and large enough for the halo, the outputs do not exist (unless overwriting or resuming), the models
 * load and predict the same classes, the tile fits the models. Errors are one-line {@link VemsegException}s.
 *
 * <p>OME-Zarr outputs are always written resumably: an interrupted run leaves its partial folder, which
 * {@code resume} continues (skipping chunks already written; the result equals an uninterrupted run) and
 * {@code overwrite} discards. Other formats are written to a temporary name and appear only when complete.
 */
public final class PredictionJob {

    /** Preferred OME-Zarr output chunk (z, y, x) when --chunk is not given; shallower if memory requires. */
    static final int[] ZARR_CHUNK = {32, 256, 256};

    private PredictionJob() {
    }

    /** What a finished prediction did. */
    public record Result(VolumeLocation output, VolumeInfo info, int networks, int variants, long blocks,
            long skippedBlocks, long predictedVoxels, double seconds) {

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
        long start = System.nanoTime();
        boolean zarr = isZarr(r.output());
        checkOutputs(r, zarr);
        try (VolumeReader input = Volumes.open(r.input())) {
            VolumeInfo in = input.info();
            checkInput(r, in);
            input.missingChunks().ifPresent(m -> warnings.accept(m.warning(r.input())));
            try (ModelPredictors models = ModelPredictors.load(r.models(), r.device(), r.halo())) {
                TiledPrediction prediction = prediction(r, models);
                prediction.geometryFor(in); // validates tile, halo and overlap for this plane size
                VolumeInfo outInfo = new VolumeInfo(in.depth(), in.height(), in.width(), r.outputType().dataType(),
                        in.voxelSize(), in.chunk());
                WriteOptions options = WriteOptions.defaults().withOverwrite(r.overwrite())
                        .withLabels(r.outputType() == OutputType.MASK);
                if (r.chunk().isPresent()) {
                    options = options.withChunk(r.chunk().get());
                } else if (zarr) {
                    options = options.withChunk(prediction.outputChunkFor(in, ZARR_CHUNK, r.uncertainty().isPresent()));
                }
                Optional<ResumeGuard> guard = Optional.empty();
                if (zarr) {
                    prediction.checkMemory(in, options.chunk().orElseThrow(), false, r.uncertainty().isPresent());
                    guard = Optional.of(resumeGuard(r, input, prediction, options.chunk().orElseThrow()));
                }
                try (Outputs out = Outputs.create(r, outInfo, options, zarr)) {
                    guard.ifPresent(ResumeGuard::record);
                    long[] skipped = out.skipped();
                    DiskSpace.warnings(out.neededBytes(r, in.voxels() - skipped[1])).forEach(warnings);
                    prediction.run(input, out.output, out.uncertaintySink, progress);
                    out.commit();
                    guard.ifPresent(ResumeGuard::clear);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    return new Result(r.output(), out.outputWriter.info(), models.members().size(), r.tta(),
                            BlockGrid.of(out.outputWriter.info()).size(), skipped[0], in.voxels() - skipped[1],
                            seconds);
                }
            }
        }
    }

    private static boolean isZarr(VolumeLocation location) {
        return Format.forWriting(location) == Format.ZARR;
    }

    /** Cheap checks of the output paths, before the (slow) model loading. */
    private static void checkOutputs(PredictionRequest r, boolean zarr) {
        if (r.resume() && !zarr) {
            throw new VemsegException.InvalidInput(r.output() + ": --resume needs an OME-Zarr output (.zarr), "
                    + "whose chunks are stored separately");
        }
        if (r.uncertainty().isPresent()) {
            VolumeLocation u = r.uncertainty().get();
            if (isZarr(u) != zarr) {
                throw new VemsegException.InvalidInput("--uncertainty " + u + " must be in the same kind of format as "
                        + "--output " + r.output() + " (both OME-Zarr or neither), so that their chunks match");
            }
            if (u.path().toAbsolutePath().normalize().equals(r.output().path().toAbsolutePath().normalize())) {
                throw new VemsegException.InvalidInput("--uncertainty and --output are the same path: " + u);
            }
        }
        checkOutput(r.output(), r, zarr);
        r.uncertainty().ifPresent(u -> checkOutput(u, r, zarr));
    }

    private static void checkOutput(VolumeLocation out, PredictionRequest r, boolean zarr) {
        if (Files.exists(out.path()) && !r.overwrite()) {
            throw new VemsegException.InvalidInput(out + ": output exists; use --overwrite to replace it");
        }
        if (zarr && !r.resume() && !r.overwrite() && Files.isDirectory(AtomicOutput.partialPath(out.path()))) {
            throw new VemsegException.InvalidInput(out + ": an interrupted run left a partial output ("
                    + AtomicOutput.partialPath(out.path()).getFileName()
                    + "); use --resume to continue it or --overwrite to start again");
        }
    }

    private static TiledPrediction prediction(PredictionRequest r, ModelPredictors models) {
        TiledPrediction.Builder b = models.addTo(TiledPrediction.builder());
        try {
            b.optTta(r.tta());
        } catch (IllegalArgumentException e) {
            throw new VemsegException.InvalidInput("--tta: " + e.getMessage());
        }
        if (r.tile() > 0) {
            b.optTile(r.tile());
        }
        b.optOverlap(r.overlap()).optOutputType(r.outputType()).optThreshold(r.threshold()).optBatchSize(r.batch());
        r.outputClass().ifPresent(b::optOutputClass);
        r.memoryBudget().ifPresent(b::optBudgetBytes);
        return b.build();
    }

    /** Every predictor gets the request's halo, so the input can be checked before the models load. */
    private static void checkInput(PredictionRequest r, VolumeInfo in) {
        if (in.height() < r.halo() || in.width() < r.halo()) {
            throw new VemsegException.InvalidInput(r.input() + ": slices of " + in.height() + " x " + in.width()
                    + " are smaller than the halo of " + r.halo() + " pixels the models need as context");
        }
    }

    /**
     * The guard of an OME-Zarr output, describing this job. When resuming it is checked here, before the partial
     * output is opened: a refusal leaves the partial output as it was.
     */
    private static ResumeGuard resumeGuard(PredictionRequest r, VolumeReader input, TiledPrediction prediction,
            int[] chunk) {
        VolumeInfo in = input.info();
        ResumeGuard guard = ResumeGuard.of(r.output().path(), describe(r, in, VolumeFingerprint.of(r.input(), input),
                tiling(prediction, in, chunk, r.uncertainty().isPresent()), memory(prediction)));
        if (r.resume()) {
            guard.checkResumable(r.output().path());
        }
        return guard;
    }

    /**
     * The settings that determine the output's voxels, {@code key=value} one per line (for {@link ResumeGuard}), and
     * a note of the memory the tiling was derived from.
     */
    private static String describe(PredictionRequest r, VolumeInfo in, VolumeFingerprint input, String tiling,
            String memory) {
        StringBuilder s = new StringBuilder();
        s.append("input=").append(r.input().path().toAbsolutePath().normalize())
                .append(r.input().dataset().map(d -> ":" + d).orElse("")).append(' ')
                .append(in.bounds().shapeString()).append(' ').append(in.dataType()).append('\n');
        s.append(ResumeGuard.INPUT_CONTENT).append('=').append(input.content()).append('\n');
        s.append(ResumeGuard.INPUT_FILES).append('=').append(input.files()).append('\n');
        for (Path m : r.models()) {
            s.append("model=").append(m.toAbsolutePath().normalize()).append(' ').append(fileStamp(m)).append('\n');
        }
        s.append("tta=").append(r.tta()).append('\n');
        s.append("tile=").append(r.tile()).append('\n');
        s.append("overlap=").append(r.overlap()).append('\n');
        s.append("halo=").append(r.halo()).append('\n');
        s.append("output-type=").append(r.outputType()).append('\n');
        s.append("threshold=").append(r.threshold()).append('\n');
        s.append("class=").append(r.outputClass().isPresent() ? r.outputClass().getAsInt() : "default").append('\n');
        s.append("uncertainty=").append(r.uncertainty().isPresent()).append('\n');
        s.append("chunk=").append(r.chunk().map(java.util.Arrays::toString).orElse("default")).append('\n');
        s.append(ResumeGuard.TILING).append('=').append(tiling).append('\n');
        s.append(ResumeGuard.MEMORY).append('=').append(memory).append('\n');
        return s.toString();
    }

    /** The output chunks and work-unit extent: together they fix where every tile is placed. */
    private static String tiling(TiledPrediction prediction, VolumeInfo in, int[] chunk, boolean uncertainty) {
        long[] unit = prediction.unitPlane(in, chunk, false, uncertainty);
        return String.format(Locale.ROOT, "chunks %d x %d x %d, work units %d x %d pixels", chunk[0], chunk[1],
                chunk[2], unit[0], unit[1]);
    }

    /** Where the tiling's memory budget came from, to explain a refusal to resume with another heap. */
    private static String memory(TiledPrediction prediction) {
        return String.format(Locale.ROOT, "Java heap %d MB, work-unit budget %d MB", Runtime.getRuntime().maxMemory()
                >> 20, prediction.budgetBytes() >> 20);
    }

    private static String fileStamp(Path p) {
        try {
            return Files.size(p) + " bytes, modified " + Files.getLastModifiedTime(p);
        } catch (java.io.IOException e) {
            throw VemsegException.IO.of(p, "read model", e);
        }
    }

    /** The output writer and the optional uncertainty writer, closed together. */
    private static final class Outputs implements AutoCloseable {
        final VolumeWriter outputWriter;
        final ChunkSink output;
        final Optional<VolumeWriter> uncertaintyWriter;
        final Optional<ChunkSink> uncertaintySink;

        private Outputs(VolumeWriter outputWriter, ChunkSink output, Optional<VolumeWriter> uncertaintyWriter,
                Optional<ChunkSink> uncertaintySink) {
            this.outputWriter = outputWriter;
            this.output = output;
            this.uncertaintyWriter = uncertaintyWriter;
            this.uncertaintySink = uncertaintySink;
        }

        static Outputs create(PredictionRequest r, VolumeInfo info, WriteOptions options, boolean zarr) {
            VolumeWriter out = open(r.output(), info, options, zarr, r.resume());
            if (r.uncertainty().isEmpty()) {
                return new Outputs(out, sink(out), Optional.empty(), Optional.empty());
            }
            try {
                // The spread is written in the output's precision: 8-bit beside prob8/mask, float beside prob32.
                DataType type = r.outputType() == OutputType.PROB32 ? DataType.FLOAT32 : DataType.UINT8;
                VolumeWriter u = open(r.uncertainty().get(), info.withDataType(type),
                        options.withChunk(out.info().chunk()).withLabels(false), zarr, r.resume());
                return new Outputs(out, sink(out), Optional.of(u), Optional.of(sink(u)));
            } catch (RuntimeException e) {
                out.close();
                throw e;
            }
        }

        private static VolumeWriter open(VolumeLocation location, VolumeInfo info, WriteOptions options, boolean zarr,
                boolean resume) {
            return zarr ? Volumes.createResumable(location, info, options, resume)
                    : Volumes.create(location, info, options);
        }

        private static ChunkSink sink(VolumeWriter w) {
            return w instanceof ResumableWriter rw ? ChunkSink.of(rw) : ChunkSink.of(w);
        }

        /** Blocks and voxels an earlier run already finished in every output (0 unless resuming). */
        long[] skipped() {
            long blocks = 0;
            long voxels = 0;
            for (Box b : BlockGrid.of(outputWriter.info())) {
                if (output.isWritten(b) && uncertaintySink.map(s -> s.isWritten(b)).orElse(true)) {
                    blocks++;
                    voxels += b.voxels();
                }
            }
            return new long[] {blocks, voxels};
        }

        /**
         * The most each output still takes on disk for {@code voxels} voxels to write: uncompressed, so an upper
         * bound for compressed outputs.
         */
        Map<Path, Long> neededBytes(PredictionRequest r, long voxels) {
            Map<Path, Long> needs = new LinkedHashMap<>();
            needs.put(r.output().path(), voxels * outputWriter.info().dataType().bytes());
            uncertaintyWriter.ifPresent(u -> needs.put(r.uncertainty().orElseThrow().path(),
                    voxels * u.info().dataType().bytes()));
            return needs;
        }

        void commit() {
            outputWriter.commit();
            uncertaintyWriter.ifPresent(VolumeWriter::commit);
        }

        @Override
        public void close() {
            try {
                outputWriter.close();
            } finally {
                uncertaintyWriter.ifPresent(VolumeWriter::close);
            }
        }
    }
}
