package org.vemseg.core.predict;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vemseg.core.Progress;
import org.vemseg.core.Settings;
import org.vemseg.core.VemsegException;
import org.vemseg.core.concurrent.BoundedPipeline;
import org.vemseg.core.io.BlockGrid;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.VolumeWriter;
import org.vemseg.core.transform.GeometricVariant;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VolumeInfo;

/**
 * Predicts a whole volume of any size with one or more {@link TilePredictor}s: overlapping 2D tiles
 * with z context and a discarded halo, a narrow mirror border at the volume's edges, test-time augmentation,
 * ensemble averaging, seamless blending, and bounded memory.
 *
 * <p>The output is cut into work units aligned to its chunk grid (see {@link UnitPlanner}). Three
 * stages overlap: a read-ahead thread reads each unit's input (plus z context and halo) and converts
 * it to float; the calling thread runs the networks on batches of tiles and accumulates the blended
 * sums; a write-behind thread turns the sums into output blocks and writes them, in grid order when
 * the output is sequential. Bounded queues between the stages (a {@link BoundedPipeline}) keep at most
 * {@link UnitPlanner#IN_FLIGHT} units of each kind in memory, whatever the volume size. The units come from a
 * {@link PredictionPlan}, which can also hand them out to run one by one.
 *
 * <p>Each model averages its variants, then models are averaged with equal weight. The optional
 * uncertainty output is the weighted standard deviation of the output class's probability over all
 * contributions (variants, models, and overlapping tiles, which agree where the halo covers the
 * receptive field).
 *
 * <p>Resume: grid blocks for which every sink reports {@link ChunkSink#isWritten} are skipped;
 * units all of whose blocks are written are neither read nor predicted.
 */
public final class TiledPrediction {

    /** {@link Builder#optBorder} value for mirror padding as wide as the halo at the volume's edges. */
    public static final int HALO_BORDER = -1;

    private final Ensemble ensemble;
    private final int tile;
    private final int overlap;
    private final OutputType outputType;
    private final double threshold;
    private final int outputClass;
    private final int batchSize;
    private final long budgetBytes;
    private final long callBytes;
    /** Mirror padding at the volume's edges, or {@link #HALO_BORDER} for the halo. */
    private final int border;

    private TiledPrediction(Builder b) {
        this.ensemble = Ensemble.of(b.models, b.normalizations, b.variants);
        this.tile = b.tile;
        this.overlap = b.overlap;
        if (tile > 0) {
            if (tile % ensemble.multiple() != 0) {
                throw new VemsegException.InvalidInput("tile size " + tile + " must be a multiple of "
                        + ensemble.multiple() + " for this model");
            }
            TileGeometry.square(tile, ensemble.halo(), overlap, ensemble.multiple());
        }
        this.outputType = b.outputType;
        this.threshold = b.threshold;
        int classes = ensemble.classes();
        this.outputClass = b.outputClass >= 0 ? b.outputClass : (classes == 1 ? 0 : 1);
        if (outputClass >= classes) {
            throw new VemsegException.InvalidInput("output class " + outputClass + " does not exist: the model "
                    + "predicts " + classes + " classes (0 to " + (classes - 1) + ")");
        }
        this.batchSize = b.batchSize;
        this.budgetBytes = b.budgetBytes;
        this.callBytes = b.callBytes;
        this.border = b.border;
        if (border > ensemble.halo()) {
            throw new VemsegException.InvalidInput(Settings.name("border") + " " + border + " is wider than the halo "
                    + ensemble.halo() + ": it would only add mirrored pixels the models cannot see");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Largest number of input frames any model needs (the z context is half of it on each side). */
    public int frames() {
        return ensemble.frames();
    }

    /** The halo discarded around each tile: the largest of the models'. */
    public int halo() {
        return ensemble.halo();
    }

    /**
     * Mirror padding at the volume's edges in pixels: what was asked for, or the halo. A narrower border computes
     * fewer pixels (the margin is mirrored, invented context anyway) and changes only voxels within the receptive
     * field of the volume's edges; the result is the same however the plane is tiled (see {@link TileAxis}).
     */
    public int border() {
        return border == HALO_BORDER ? ensemble.halo() : border;
    }

    /**
     * The tile geometry used for a volume of this plane size: the tile asked for (smaller for small volumes), or
     * without one the tiles that compute the fewest pixels within the memory allowed, the whole plane in one call
     * when it fits (see {@link TileChooser}).
     */
    public TileGeometry geometryFor(VolumeInfo input) {
        int m = ensemble.multiple();
        if (tile > 0) {
            return TileGeometry.square(tile, ensemble.halo(), overlap, m).withBorder(border())
                    .fitTo(input.height(), input.width(), m);
        }
        long heap = Runtime.getRuntime().maxMemory();
        return TileChooser.choose(input.height(), input.width(), limits(), heap - heap / 8);
    }

    private TileChooser.Limits limits() {
        return new TileChooser.Limits(ensemble.halo(), border(), overlap, ensemble.multiple(), ensemble.maxTile(),
                batchSize, ensemble.workingBytes(), runnerFloats(), ensemble.frames() / 2, callBytes, budgetBytes);
    }

    /**
     * Floats per tile pixel in the tile runner's buffers: a batch in and out for each distinct frame count (twice, for
     * the smaller last batch), a scratch tile in and out.
     */
    private int runnerFloats() {
        return 2 * batchSize * (ensemble.frameSum() + ensemble.classes()) + ensemble.frames() + ensemble.classes();
    }

    /** Java heap the tile runner's buffers take with tiles of {@code g}. */
    long runnerBytes(TileGeometry g) {
        return 4L * g.tileHeight() * g.tileWidth() * runnerFloats();
    }

    /** The memory budget of the work units in flight, in bytes (by default derived from the Java heap). */
    public long budgetBytes() {
        return budgetBytes;
    }

    /**
     * The output chunk for {@code input} when the user chose none: {@code preferred}, made shallower (halved,
     * down to one slice) until the work units it implies fit the memory budget, so that a large tile on a small
     * heap still runs. Assumes a non-sequential output (OME-Zarr); {@code uncertainty} adds the spread output.
     */
    public int[] outputChunkFor(VolumeInfo input, int[] preferred, boolean uncertainty) {
        int spreadBytes = uncertainty ? outputType.dataType().bytes() : 0;
        int depth = preferred[0];
        while (depth > 1 && !PredictionPlan.planner(this, input, new int[] {depth, preferred[1], preferred[2]}, false,
                spreadBytes).fits()) {
            depth /= 2;
        }
        return new int[] {depth, preferred[1], preferred[2]};
    }

    /**
     * The plan for predicting {@code input} into an output chunked as {@code outputChunk}, which needs its blocks in
     * grid order if {@code sequential}, with a spread output of type {@code spread} if present. Throws InvalidInput,
     * before any voxel is read, if even the smallest work units cannot fit the Java heap (the budget is a target the
     * planner meets when it can; units that cannot fit the heap at all would only run out of memory later).
     */
    public PredictionPlan plan(VolumeInfo input, int[] outputChunk, boolean sequential, Optional<DataType> spread) {
        return new PredictionPlan(this, input, outputChunk, sequential, spread);
    }

    /** Predicts {@code input} into a plain writer (not committed; the caller commits and closes). */
    public void run(VolumeReader input, VolumeWriter output, Progress progress) {
        run(input, ChunkSink.of(output), Optional.empty(), progress);
    }

    /**
     * Predicts {@code input} into {@code output}, and the spread into {@code uncertainty} if given.
     * Both sinks must have the input's shape and the same chunk grid; the output's data type must be
     * {@link OutputType#dataType()}, the spread's uint8 or float32. All checks happen before any voxel
     * is read.
     */
    public void run(VolumeReader input, ChunkSink output, Optional<ChunkSink> uncertainty, Progress progress) {
        boolean sequential = output.isSequential() || uncertainty.map(ChunkSink::isSequential).orElse(false);
        PredictionPlan plan = plan(input.info(), output.info().chunk(), sequential,
                uncertainty.map(u -> u.info().dataType()));
        run(plan, input, output, uncertainty, progress);
    }

    /**
     * Predicts the units of {@code plan} whose blocks are not all written yet, with the sinks already checked.
     * Reading, inference and writing overlap (see the class comment).
     */
    public void run(PredictionPlan plan, VolumeReader input, ChunkSink output, Optional<ChunkSink> uncertainty,
            Progress progress) {
        run(plan, plan.unitsToWrite(ChunkSink.writtenInAll(output, uncertainty)), input, output, uncertainty,
                progress);
    }

    /**
     * Predicts {@code todo}, the units of {@code plan} (or parts of them) still to write, as a caller that knows
     * them already (from one scan of the outputs) found them.
     */
    public void run(PredictionPlan plan, List<PredictionUnit> todo, VolumeReader input, ChunkSink output,
            Optional<ChunkSink> uncertainty, Progress progress) {
        plan.checkSinks(output, uncertainty);
        int blocks = BlockGrid.of(output.info()).size();
        progress.start("predicting", blocks, "blocks");
        try {
            progress.advance(blocks - todo.stream().mapToLong(u -> u.blocks().size()).sum());
            UnitStages stages = new UnitStages(plan, this);
            // Two threads: one reads ahead, one writes behind. On failure or Ctrl-C both are stopped before the
            // output is cleaned up. Two units are read ahead of the one predicted: with the one being written and
            // the one waiting for it, at most UnitPlanner.IN_FLIGHT units of each kind live.
            try (BoundedPipeline io = BoundedPipeline.start(2, "vemseg-predict-io", "predicting")) {
                io.run(todo, UnitPlanner.IN_FLIGHT - 1, u -> stages.read(input, u), stages::compute,
                        acc -> stages.write(acc, output, uncertainty, progress));
            }
        } finally {
            progress.finish();
        }
    }

    int classes() {
        return ensemble.classes();
    }

    int outputClass() {
        return outputClass;
    }

    OutputType outputType() {
        return outputType;
    }

    double threshold() {
        return threshold;
    }

    List<EnsembleMember> members() {
        return ensemble.members();
    }

    /** The percentiles (0–100) the models' per-plane normalisations need, or empty if none normalises per plane. */
    java.util.Optional<double[]> planePercentiles() {
        if (ensemble.members().stream().noneMatch(m -> m.normalization().perPlane())) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(ensemble.members().stream()
                .flatMapToDouble(m -> java.util.Arrays.stream(m.normalization().percentiles())).distinct().toArray());
    }

    int batchSize() {
        return batchSize;
    }

    /** Options of a prediction: models with {@code add*}, the rest {@code opt*} with defaults. */
    public static final class Builder {
        private final List<TilePredictor> models = new ArrayList<>();
        private final List<InputNormalization> normalizations = new ArrayList<>();
        private List<GeometricVariant> variants = GeometricVariant.first(1);
        private int tile;
        private int overlap = 64;
        private OutputType outputType = OutputType.PROB8;
        private double threshold = 0.5;
        private int outputClass = -1;
        private int batchSize = 4;
        private long budgetBytes = Math.max(32L << 20, Math.min(1L << 30, Runtime.getRuntime().maxMemory() / 4));
        private long callBytes = defaultCallBytes();
        private int border;

        private Builder() {
        }

        /**
         * Adds a model of the ensemble with the intensity normalisation it was trained with, fixed or computed per
         * plane ({@link PlaneNormalization}, which costs a pass over each slice, see {@link PlaneStatistics}).
         */
        public Builder addModel(TilePredictor predictor, InputNormalization normalization) {
            models.add(java.util.Objects.requireNonNull(predictor, "predictor"));
            normalizations.add(java.util.Objects.requireNonNull(normalization, "normalization"));
            return this;
        }

        /** Test-time augmentation: the first {@code n} of the 16 variants (1, 2, 4, 8 or 16; default 1). */
        public Builder optTta(int n) {
            this.variants = GeometricVariant.first(n);
            return this;
        }

        /** Any non-empty set of variants (for experiments and tests). */
        public Builder optVariants(List<GeometricVariant> v) {
            if (v.isEmpty()) {
                throw new IllegalArgumentException("at least one variant is needed");
            }
            this.variants = List.copyOf(v);
            return this;
        }

        /**
         * Tile edge in pixels, what the network sees (default: chosen for each volume from its plane size and the
         * memory allowed, see {@link TileChooser}).
         */
        public Builder optTile(int pixels) {
            if (pixels < 1) {
                throw new IllegalArgumentException("tile must be positive, was " + pixels);
            }
            this.tile = pixels;
            return this;
        }

        /** Minimum overlap of neighbouring tiles' valid regions, blended smoothly (default 64). */
        public Builder optOverlap(int pixels) {
            if (pixels < 0) {
                throw new IllegalArgumentException("overlap must be >= 0, was " + pixels);
            }
            this.overlap = pixels;
            return this;
        }

        public Builder optOutputType(OutputType t) {
            this.outputType = t;
            return this;
        }

        /** Probability at or above which a voxel is foreground in a {@link OutputType#MASK} (default 0.5). */
        public Builder optThreshold(double t) {
            this.threshold = t;
            return this;
        }

        /** Class whose probability is written (default 1, or 0 for one-class models). */
        public Builder optOutputClass(int c) {
            if (c < 0) {
                throw new IllegalArgumentException("output class must be >= 0, was " + c);
            }
            this.outputClass = c;
            return this;
        }

        /** Tiles per network call (default 4). */
        public Builder optBatchSize(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("batch size must be >= 1, was " + n);
            }
            this.batchSize = n;
            return this;
        }

        /** Memory for the units in flight, in bytes (default a quarter of the heap, 32 MiB to 1 GiB). */
        public Builder optBudgetBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("budget must be positive, was " + bytes);
            }
            this.budgetBytes = bytes;
            return this;
        }

        /**
         * Memory (bytes) one network call may use beyond the Java heap, e.g. the engine's activations (default: a
         * quarter of the machine's memory, 256 MiB to 4 GiB). Limits the tiles chosen when no tile is given.
         */
        public Builder optCallBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("call memory must be positive, was " + bytes);
            }
            this.callBytes = bytes;
            return this;
        }

        /**
         * Mirror padding (pixels) at the volume's edges, at most the halo, or {@link #HALO_BORDER} for the halo
         * (default 0: the networks were trained seeing their crops' edges zero padded, and it computes least). Any
         * tiling gives the same result as the whole plane predicted in one call with this border.
         */
        public Builder optBorder(int pixels) {
            if (pixels < 0 && pixels != HALO_BORDER) {
                throw new IllegalArgumentException("border must be >= 0, was " + pixels);
            }
            this.border = pixels;
            return this;
        }

        private static long defaultCallBytes() {
            long total = 4L << 30;
            if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    instanceof com.sun.management.OperatingSystemMXBean os) {
                total = os.getTotalMemorySize();
            }
            return Math.max(256L << 20, Math.min(4L << 30, total / 4));
        }

        public TiledPrediction build() {
            return new TiledPrediction(this);
        }
    }
}
