package org.vemseg.nn.predict;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.vemseg.core.Progress;
import org.vemseg.core.VemsegException;
import org.vemseg.core.concurrent.ChunkRunner;
import org.vemseg.core.io.AtomicOutput;
import org.vemseg.core.io.BlockGrid;
import org.vemseg.core.io.Format;
import org.vemseg.core.io.ResumableWriter;
import org.vemseg.core.io.ResumeGuard;
import org.vemseg.core.io.VolumeFormat;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.VolumeWriter;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.predict.ChunkSink;
import org.vemseg.core.predict.OutputType;
import org.vemseg.core.predict.PredictionPlan;
import org.vemseg.core.predict.TiledPrediction;
import org.vemseg.core.predict.WrittenBlocks;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VolumeInfo;

/**
 * The open output (and optional uncertainty) of a prediction with the plan they are written by, closed together.
 *
 * <p>Formats differ only in what they can do: a resumable format ({@link VolumeFormat#isResumable()}, OME-Zarr)
 * takes the chunk the plan chooses and keeps a partial output across an interruption, guarded by a
 * {@link ResumeGuard}; any other format picks its own chunk and writes to a temporary that appears only when
 * complete.
 */
final class PredictionOutputs implements AutoCloseable {

    /** Preferred chunk (z, y, x) of a resumable output when none is given; shallower if memory requires. */
    static final int[] PREFERRED_CHUNK = {32, 256, 256};

    private final PredictionPlan plan;
    private final VolumeWriter outputWriter;
    private final Optional<VolumeWriter> uncertaintyWriter;
    private final Optional<ResumeGuard> guard;
    private WrittenBlocks written;

    private PredictionOutputs(PredictionPlan plan, VolumeWriter outputWriter, Optional<VolumeWriter> uncertaintyWriter,
            Optional<ResumeGuard> guard) {
        this.plan = plan;
        this.outputWriter = outputWriter;
        this.uncertaintyWriter = uncertaintyWriter;
        this.guard = guard;
    }

    /** The formats a request writes in, each looked up once, with its output paths checked. */
    record Targets(VolumeFormat output, Optional<VolumeFormat> uncertainty) {

        /** Cheap checks of the output paths, before the (slow) model loading. */
        static Targets check(PredictionRequest r) {
            Targets t = new Targets(Format.forWriting(r.output()).format(),
                    r.uncertainty().map(u -> Format.forWriting(u).format()));
            boolean resumable = t.output.isResumable();
            ResumeGuard.requireResumable(r.output(), t.output, r.resume());
            if (r.uncertainty().isPresent()) {
                VolumeLocation u = r.uncertainty().get();
                if (t.uncertainty.orElseThrow().isResumable() != resumable) {
                    throw new VemsegException.InvalidInput("{uncertainty} " + u + " must be in the same kind of "
                            + "format as {output} " + r.output() + " (both OME-Zarr or neither), so that their chunks "
                            + "match");
                }
                if (u.path().toAbsolutePath().normalize().equals(r.output().path().toAbsolutePath().normalize())) {
                    throw new VemsegException.InvalidInput("{uncertainty} and {output} are the same path: " + u);
                }
            }
            checkPath(r.output(), r, resumable);
            r.uncertainty().ifPresent(u -> checkPath(u, r, resumable));
            return t;
        }

        private static void checkPath(VolumeLocation out, PredictionRequest r, boolean resumable) {
            if (Files.exists(out.path()) && !r.overwrite()) {
                throw new VemsegException.InvalidInput(out + ": output exists; use {overwrite} to replace it");
            }
            if (resumable) {
                AtomicOutput.checkPartial(out.path(), r.overwrite(), r.resume());
            }
        }

        /**
         * Plans the prediction of {@code input} and creates the outputs. A resumable output's chunk and plan come
         * first, so that resuming is refused (by the guard) before the partial output is opened; other outputs are
         * created first, since their format chooses the chunk the plan works in.
         */
        PredictionOutputs open(PredictionRequest r, VolumeReader input, TiledPrediction prediction) {
            VolumeInfo in = input.info();
            VolumeInfo info = new VolumeInfo(in.depth(), in.height(), in.width(), r.outputType().dataType(),
                    in.voxelSize(), in.chunk());
            WriteOptions options = WriteOptions.defaults().withOverwrite(r.overwrite())
                    .withLabels(r.outputType() == OutputType.MASK);
            // The spread is written in the output's precision: 8-bit beside prob8/mask, float beside prob32.
            Optional<DataType> spread = r.uncertainty()
                    .map(u -> r.outputType() == OutputType.PROB32 ? DataType.FLOAT32 : DataType.UINT8);
            if (output.isResumable()) {
                int[] chunk = r.chunk().orElseGet(() -> prediction.outputChunkFor(in, PREFERRED_CHUNK,
                        spread.isPresent()));
                PredictionPlan plan = prediction.plan(in, chunk, false, spread);
                ResumeGuard guard = ResumeGuard.checked(r.output().path(),
                        JobDescription.of(r, input, plan, prediction.budgetBytes()), r.resume());
                PredictionOutputs out = create(r, info, options.withChunk(chunk), spread, plan, Optional.of(guard));
                try {
                    guard.record();
                    return out;
                } catch (RuntimeException e) {
                    out.close();
                    throw e;
                }
            }
            PredictionOutputs created = create(r, info, r.chunk().map(options::withChunk).orElse(options), spread,
                    null, Optional.empty());
            try {
                boolean sequential = created.outputWriter.isSequential()
                        || created.uncertaintyWriter.map(VolumeWriter::isSequential).orElse(false);
                PredictionPlan plan = prediction.plan(in, created.outputWriter.info().chunk(), sequential,
                        spread);
                return new PredictionOutputs(plan, created.outputWriter, created.uncertaintyWriter, Optional.empty());
            } catch (RuntimeException e) {
                created.close();
                throw e;
            }
        }

        private PredictionOutputs create(PredictionRequest r, VolumeInfo info, WriteOptions options,
                Optional<DataType> spread, PredictionPlan plan, Optional<ResumeGuard> guard) {
            VolumeWriter out = create(output, r.output(), info, options, r.resume());
            if (spread.isEmpty()) {
                return new PredictionOutputs(plan, out, Optional.empty(), guard);
            }
            try {
                VolumeWriter u = create(uncertainty.orElseThrow(), r.uncertainty().orElseThrow(),
                        info.withDataType(spread.get()), options.withChunk(out.info().chunk()).withLabels(false),
                        r.resume());
                return new PredictionOutputs(plan, out, Optional.of(u), guard);
            } catch (RuntimeException e) {
                out.close();
                throw e;
            }
        }

        private static VolumeWriter create(VolumeFormat format, VolumeLocation location, VolumeInfo info,
                WriteOptions options, boolean resume) {
            return format.isResumable() ? format.createResumable(location, info, options, resume)
                    : format.create(location, info, options);
        }
    }

    PredictionPlan plan() {
        return plan;
    }

    /** Whether the outputs are resumable partial folders (then every writer is). */
    boolean resumable() {
        return guard.isPresent();
    }

    VolumeInfo info() {
        return outputWriter.info();
    }

    ChunkSink output() {
        return sink(outputWriter);
    }

    Optional<ChunkSink> uncertainty() {
        return uncertaintyWriter.map(PredictionOutputs::sink);
    }

    private static ChunkSink sink(VolumeWriter w) {
        return w instanceof ResumableWriter rw ? ChunkSink.of(rw) : ChunkSink.of(w);
    }

    /**
     * The blocks an earlier run already finished in every output, found with one scan of the outputs on first use
     * (none without a resumed partial output, where nothing is asked).
     */
    synchronized WrittenBlocks written() {
        if (written == null) {
            BlockGrid grid = BlockGrid.of(outputWriter.info());
            boolean resumed = isResumed(outputWriter) || uncertaintyWriter.map(PredictionOutputs::isResumed)
                    .orElse(false);
            written = resumed ? WrittenBlocks.scan(grid, ChunkSink.writtenInAll(output(), uncertainty()))
                    : WrittenBlocks.none(grid);
        }
        return written;
    }

    private static boolean isResumed(VolumeWriter w) {
        return w instanceof ResumableWriter rw && rw.resumed();
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

    /**
     * Makes the outputs visible, with their pyramids built by {@code pyramid} if given (else by the writers on this
     * machine), and forgets the job a partial output was guarded by.
     */
    void commit(Optional<ChunkRunner> pyramid, Progress progress) {
        commit(outputWriter, pyramid, progress);
        uncertaintyWriter.ifPresent(u -> commit(u, pyramid, progress));
        guard.ifPresent(ResumeGuard::clear);
    }

    private static void commit(VolumeWriter w, Optional<ChunkRunner> pyramid, Progress progress) {
        if (pyramid.isPresent() && w instanceof ResumableWriter rw) {
            rw.commit(pyramid.get(), progress);
        } else {
            w.commit();
        }
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
