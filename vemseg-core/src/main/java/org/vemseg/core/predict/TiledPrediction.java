package org.vemseg.core.predict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.vemseg.core.Progress;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.BlockGrid;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.VolumeWriter;
import org.vemseg.core.io.WriterPool;
import org.vemseg.core.transform.GeometricVariant;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VolumeInfo;

/**
 * Predicts a whole volume of any size with one or more {@link TilePredictor}s: overlapping 2D tiles
 * with z context and a discarded halo, mirror padding at the volume borders, test-time augmentation,
 * ensemble averaging, seamless blending, and bounded memory.
 *
 * <p>The output is cut into work units aligned to its chunk grid (see {@link UnitPlanner}). Three
 * stages overlap: a read-ahead thread reads each unit's input (plus z context and halo) and converts
 * it to float; the calling thread runs the networks on batches of tiles and accumulates the blended
 * sums; a write-behind thread turns the sums into output blocks and writes them, in grid order when
 * the output is sequential. Bounded queues between the stages keep at most
 * {@link UnitPlanner#IN_FLIGHT} units of each kind in memory, whatever the volume size.
 *
 * <p>Each model averages its variants, then models are averaged with equal weight. The optional
 * uncertainty output is the weighted standard deviation of the output class's probability over all
 * contributions (variants, models, and overlapping tiles, which agree where the halo covers the
 * receptive field).
 *
 * <p>Resume: grid blocks for which every sink reports {@link ChunkSink#isWritten(Box)} are skipped;
 * units all of whose blocks are written are neither read nor predicted.
 */
public final class TiledPrediction {

    private static final Object END = new Object();

    private final List<EnsembleMember> members;
    private final int frames;
    private final int classes;
    private final int halo;
    private final int multiple;
    private final int tile;
    private final int overlap;
    private final OutputType outputType;
    private final double threshold;
    private final int outputClass;
    private final int batchSize;
    private final long budgetBytes;

    private TiledPrediction(Builder b) {
        if (b.models.isEmpty()) {
            throw new IllegalArgumentException("a prediction needs at least one model");
        }
        List<GeometricVariant> variants = b.variants;
        List<EnsembleMember> ms = new ArrayList<>();
        for (int k = 0; k < b.models.size(); k++) {
            ms.add(EnsembleMember.of(b.models.get(k), b.normalizations.get(k), variants));
        }
        this.members = List.copyOf(ms);
        TilePredictor first = b.models.get(0);
        this.classes = first.classes();
        int maxFrames = 0;
        int maxHalo = 0;
        int lcm = 1;
        for (TilePredictor p : b.models) {
            if (p.classes() != classes) {
                throw new VemsegException.InvalidInput("the models of an ensemble must predict the same classes, but one has "
                        + classes + " and another " + p.classes());
            }
            if (p.frames() < 1 || p.frames() % 2 == 0) {
                throw new VemsegException.InvalidInput("a model's frame count must be odd, was " + p.frames());
            }
            maxFrames = Math.max(maxFrames, p.frames());
            maxHalo = Math.max(maxHalo, p.halo());
            lcm = lcm(lcm, p.sizeMultiple());
        }
        this.frames = maxFrames;
        this.halo = maxHalo;
        this.multiple = lcm;
        this.tile = b.tile > 0 ? b.tile : first.preferredTile();
        if (tile % multiple != 0) {
            throw new VemsegException.InvalidInput("tile size " + tile + " must be a multiple of " + multiple
                    + " for this model");
        }
        this.overlap = b.overlap;
        TileGeometry.square(tile, halo, overlap);
        this.outputType = b.outputType;
        this.threshold = b.threshold;
        this.outputClass = b.outputClass >= 0 ? b.outputClass : (classes == 1 ? 0 : 1);
        if (outputClass >= classes) {
            throw new VemsegException.InvalidInput("output class " + outputClass + " does not exist: the model predicts "
                    + classes + " classes (0 to " + (classes - 1) + ")");
        }
        this.batchSize = b.batchSize;
        this.budgetBytes = b.budgetBytes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Largest number of input frames any model needs (the z context is half of it on each side). */
    public int frames() {
        return frames;
    }

    /** The halo discarded around each tile: the largest of the models'. */
    public int halo() {
        return halo;
    }

    /** The tile geometry used for a volume of this plane size (small volumes get smaller tiles). */
    public TileGeometry geometryFor(VolumeInfo input) {
        return TileGeometry.square(tile, halo, overlap).fitTo(input.height(), input.width(), multiple);
    }

    /**
     * The output chunk for {@code input} when the user chose none: {@code preferred}, made shallower (halved,
     * down to one slice) until the work units it implies fit the memory budget, so that a large tile on a small
     * heap still runs. Assumes a non-sequential output (OME-Zarr); {@code uncertainty} adds the spread output.
     */
    public int[] outputChunkFor(VolumeInfo input, int[] preferred, boolean uncertainty) {
        int depth = preferred[0];
        while (depth > 1 && !planner(input, new int[] {depth, preferred[1], preferred[2]}, false,
                spreadBytes(uncertainty)).fits()) {
            depth /= 2;
        }
        return new int[] {depth, preferred[1], preferred[2]};
    }

    /**
     * Throws InvalidInput, before any work, if even the smallest work units for an output chunked as
     * {@code outputChunk} cannot fit the Java heap (the budget is a target the planner meets when it can; units
     * that cannot fit the heap at all would only run out of memory later). {@code uncertainty} adds a spread
     * output in the output's precision.
     */
    public void checkMemory(VolumeInfo input, int[] outputChunk, boolean sequential, boolean uncertainty) {
        requireFitsHeap(planner(input, outputChunk, sequential, spreadBytes(uncertainty)), outputChunk);
    }

    /**
     * The work units' extent in y and x for an output of {@code input}'s shape chunked as {@code outputChunk}. Tiles
     * are placed unit by unit, so units of another extent (from another memory budget, i.e. another heap) place
     * them differently and change the blended voxels: a resumed run must use the same extent.
     */
    public long[] unitPlane(VolumeInfo input, int[] outputChunk, boolean sequential, boolean uncertainty) {
        int[] unit = planner(input, outputChunk, sequential, spreadBytes(uncertainty)).units().blockShape();
        return new long[] {unit[1], unit[2]};
    }

    /** The memory budget of the work units in flight, in bytes (by default derived from the Java heap). */
    public long budgetBytes() {
        return budgetBytes;
    }

    private void requireFitsHeap(UnitPlanner planner, int[] outputChunk) {
        long need = planner.minimumCost();
        long heap = Runtime.getRuntime().maxMemory();
        if (need > heap - heap / 8) {
            throw new VemsegException.InvalidInput(String.format(Locale.ROOT, "prediction needs about %d MB for "
                    + "its work units (tile %d, halo %d, output chunks %s) but the Java heap is %d MB: use a "
                    + "smaller --tile, shallower --chunk, or more memory (VEMSEG_JAVA_OPTS=-Xmx...)",
                    need >> 20, tile, halo, Arrays.toString(outputChunk), heap >> 20));
        }
    }

    /** Bytes per voxel of a spread output written in the output's precision, or 0 without one. */
    private int spreadBytes(boolean uncertainty) {
        return uncertainty ? outputType.dataType().bytes() : 0;
    }

    /** Output channels accumulated per voxel: all classes for a multi-class mask, else the one class. */
    private int channels() {
        return outputType == OutputType.MASK && classes > 2 ? classes : 1;
    }

    /**
     * The unit planner for an output of {@code input}'s shape chunked as {@code chunk}, with a spread output of
     * {@code spreadBytes} per voxel (0: none).
     */
    private UnitPlanner planner(VolumeInfo input, int[] chunk, boolean sequential, int spreadBytes) {
        VolumeInfo out = new VolumeInfo(input.depth(), input.height(), input.width(), outputType.dataType(),
                input.voxelSize(), chunk);
        return new UnitPlanner(out, sequential, geometryFor(input), frames / 2,
                channels() + (spreadBytes > 0 ? 1 : 0), outputType.dataType().bytes() + spreadBytes, budgetBytes);
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
        VolumeInfo in = input.info();
        check(in, output, uncertainty);
        TileGeometry g = geometryFor(in);
        boolean sequential = output.isSequential() || uncertainty.map(ChunkSink::isSequential).orElse(false);
        int channels = channels();
        int[] channelClasses = new int[channels];
        for (int c = 0; c < channels; c++) {
            channelClasses[c] = channels == 1 ? outputClass : c;
        }
        int squaredChannel = channels == 1 ? 0 : outputClass;
        int context = frames / 2;
        UnitPlanner planner = planner(in, output.info().chunk(), sequential,
                uncertainty.map(u -> u.info().dataType().bytes()).orElse(0));
        requireFitsHeap(planner, output.info().chunk());
        List<PredictionUnit> todo = new ArrayList<>();
        BlockGrid units = planner.units();
        BlockGrid blocks = BlockGrid.of(output.info());
        progress.start("predicting", blocks.size(), "blocks");
        try {
            long skipped = 0;
            for (Box u : units) {
                List<Box> pending = new ArrayList<>();
                for (Box b : new BlockGrid(u, output.info().chunk())) {
                    if (!output.isWritten(b) || uncertainty.map(s -> !s.isWritten(b)).orElse(false)) {
                        pending.add(b);
                    } else {
                        skipped++;
                    }
                }
                if (!pending.isEmpty()) {
                    TilePlan plan = TilePlan.cover(in.height(), in.width(), u.y(), u.end(1), u.x(), u.end(2), g);
                    todo.add(new PredictionUnit(u, plan, List.copyOf(pending)));
                }
            }
            progress.advance(skipped);
            BlendWeights wy = new BlendWeights(g.validHeight(), overlap);
            BlendWeights wx = new BlendWeights(g.validWidth(), overlap);
            TileRunner runner = new TileRunner(members, g, batchSize, channelClasses, wy, wx);
            OutputEncoder encoder = new OutputEncoder(outputType, threshold, members.size());
            pipeline(input, todo, context, unitInput -> {
                UnitAccumulator acc = new UnitAccumulator(unitInput.unit, channels, uncertainty.isPresent(),
                        squaredChannel, wy, wx);
                runner.run(unitInput, acc);
                return acc;
            }, acc -> {
                for (Box b : acc.unit.blocks()) {
                    output.write(encoder.prediction(acc, b));
                    uncertainty.ifPresent(s -> s.write(encoder.spread(acc, b, s.info().dataType())));
                    progress.advance(1);
                }
            });
        } finally {
            progress.finish();
        }
    }

    private void check(VolumeInfo in, ChunkSink output, Optional<ChunkSink> uncertainty) {
        VolumeInfo out = output.info();
        if (in.depth() != out.depth() || in.height() != out.height() || in.width() != out.width()) {
            throw new VemsegException.InvalidInput("output shape " + out.bounds().shapeString()
                    + " differs from the input shape " + in.bounds().shapeString());
        }
        if (out.dataType() != outputType.dataType()) {
            throw new VemsegException.InvalidInput("output type " + outputType + " is written as "
                    + outputType.dataType() + ", but the output was created as " + out.dataType());
        }
        if (in.height() < halo || in.width() < halo) {
            throw new VemsegException.InvalidInput("input plane " + in.height() + " x " + in.width()
                    + " is smaller than the model's halo of " + halo + " pixels; the model needs more context");
        }
        if (uncertainty.isPresent()) {
            VolumeInfo u = uncertainty.get().info();
            if (!u.bounds().equals(out.bounds()) || !java.util.Arrays.equals(u.chunk(), out.chunk())) {
                throw new VemsegException.InvalidInput("uncertainty output (" + u + ") must have the shape and chunks of the output ("
                        + out + ")");
            }
            if (u.dataType() != DataType.UINT8 && u.dataType() != DataType.FLOAT32) {
                throw new VemsegException.InvalidInput("uncertainty output must be uint8 or float32, was " + u.dataType());
            }
        }
    }

    /** Stage of the pipeline run on the calling thread. */
    private interface Infer {
        UnitAccumulator apply(UnitInput in);
    }

    /** Stage of the pipeline run on the write-behind thread. */
    private interface Write {
        void accept(UnitAccumulator acc);
    }

    private static void pipeline(VolumeReader reader, List<PredictionUnit> units, int context, Infer infer, Write write) {
        if (units.isEmpty()) {
            return;
        }
        // Capacity 1: with the one being produced and the one being consumed, 3 units of each kind live.
        BlockingQueue<Object> inputs = new ArrayBlockingQueue<>(1);
        BlockingQueue<Object> results = new ArrayBlockingQueue<>(1);
        // A WriterPool: on failure or Ctrl-C the write-behind thread is stopped before the output is cleaned up.
        try (WriterPool io = WriterPool.start(2, "vemseg-predict-io")) {
            Future<?> reading = io.submit(() -> {
                for (PredictionUnit u : units) {
                    inputs.put(UnitInput.load(reader, u, context));
                }
                inputs.put(END);
                return null;
            });
            Future<?> writing = io.submit(() -> {
                for (Object o = results.take(); o != END; o = results.take()) {
                    write.accept((UnitAccumulator) o);
                }
                return null;
            });
            for (Object o = take(inputs, reading); o != END; o = take(inputs, reading)) {
                UnitAccumulator acc = infer.apply((UnitInput) o);
                put(results, acc, writing);
            }
            put(results, END, writing);
            await(writing);
        }
    }

    /** Takes the next item, rethrowing the producer's failure instead of waiting forever. */
    private static Object take(BlockingQueue<Object> q, Future<?> producer) {
        try {
            while (true) {
                Object o = q.poll(100, TimeUnit.MILLISECONDS);
                if (o != null) {
                    return o;
                }
                if (producer.isDone() && q.isEmpty()) {
                    await(producer);
                    throw new IllegalStateException("reader stopped without finishing");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VemsegException("prediction interrupted");
        }
    }

    /** Puts an item, rethrowing the consumer's failure instead of waiting forever. */
    private static void put(BlockingQueue<Object> q, Object item, Future<?> consumer) {
        try {
            while (!q.offer(item, 100, TimeUnit.MILLISECONDS)) {
                if (consumer.isDone()) {
                    await(consumer);
                    throw new IllegalStateException("writer stopped before the end");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VemsegException("prediction interrupted");
        }
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VemsegException("prediction interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new VemsegException(c.toString(), c);
        }
    }

    private static int lcm(int a, int b) {
        if (a < 1 || b < 1) {
            throw new IllegalArgumentException("size multiples must be positive, were " + a + " and " + b);
        }
        int x = a;
        int y = b;
        while (y != 0) {
            int t = x % y;
            x = y;
            y = t;
        }
        return a / x * b;
    }

    /** Options of a prediction: models with {@code add*}, the rest {@code opt*} with defaults. */
    public static final class Builder {
        private final List<TilePredictor> models = new ArrayList<>();
        private final List<Normalization> normalizations = new ArrayList<>();
        private List<GeometricVariant> variants = GeometricVariant.first(1);
        private int tile;
        private int overlap = 64;
        private OutputType outputType = OutputType.PROB8;
        private double threshold = 0.5;
        private int outputClass = -1;
        private int batchSize = 4;
        private long budgetBytes = Math.max(32L << 20, Math.min(1L << 30, Runtime.getRuntime().maxMemory() / 4));

        private Builder() {
        }

        /** Adds a model of the ensemble with the intensity normalisation it was trained with. */
        public Builder addModel(TilePredictor predictor, Normalization normalization) {
            models.add(java.util.Objects.requireNonNull(predictor, "predictor"));
            normalizations.add(java.util.Objects.requireNonNull(normalization, "normalization"));
            return this;
        }

        /** {@code --tta n}: the first {@code n} of the 16 variants (1, 2, 4, 8 or 16; default 1). */
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

        /** Tile edge in pixels, what the network sees (default: the first model's preferred tile). */
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

        public TiledPrediction build() {
            return new TiledPrediction(this);
        }
    }
}
