package org.vemseg.core.predict;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.vemseg.core.Progress;
import org.vemseg.core.Settings;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.BlockGrid;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VolumeInfo;

/**
 * How one volume is predicted, worked out once before any voxel is read: the tile geometry fitted to the plane,
 * the output's chunks, and the work units (see {@link UnitPlanner}) that keep the memory in flight within the
 * budget. Creating a plan checks that the smallest units fit the Java heap. Slices smaller than the halo need no
 * refusal: one tile covers them, mirror padded ({@link Reflect} folds back and forth) as the whole plane would be;
 * a model trained with {@code --downsample 4} has a halo of 1024 pixels, wider than many real slices.
 *
 * <p>A plan holds only numbers, no open file or model, and is {@link Serializable}: its {@link #units()} are
 * independent, and {@link #execute} runs any one of them alone, in any order, given the prediction (the models), a
 * reader of the input and the outputs. Running all units, in whatever order, writes the same voxels as
 * {@link TiledPrediction#run}.
 */
public final class PredictionPlan implements Serializable {

    private static final long serialVersionUID = 1L;

    private final long depth;
    private final long height;
    private final long width;
    private final int[] chunk;
    private final TileGeometry geometry;
    /** The models' halo, checked against the prediction that executes units. */
    private final int halo;
    private final int context;
    private final int[] unitShape;
    private final int[] channelClasses;
    private final int squaredChannel;
    private final OutputType outputType;
    private final double threshold;
    /** Type of the spread output, or null without one. */
    private final DataType spreadType;

    PredictionPlan(TiledPrediction p, VolumeInfo input, int[] chunk, boolean sequential,
            Optional<DataType> spreadType) {
        this.depth = input.depth();
        this.height = input.height();
        this.width = input.width();
        this.chunk = chunk.clone();
        this.geometry = p.geometryFor(input);
        this.halo = p.halo();
        this.context = p.frames() / 2;
        this.outputType = p.outputType();
        this.threshold = p.threshold();
        int channels = outputType == OutputType.MASK && p.classes() > 2 ? p.classes() : 1;
        this.channelClasses = new int[channels];
        for (int c = 0; c < channels; c++) {
            channelClasses[c] = channels == 1 ? p.outputClass() : c;
        }
        this.squaredChannel = channels == 1 ? 0 : p.outputClass();
        this.spreadType = spreadType.orElse(null);
        UnitPlanner planner = planner(p, input, chunk, sequential, spreadType.map(DataType::bytes).orElse(0));
        long need = planner.minimumCost() + p.runnerBytes(geometry);
        long heap = Runtime.getRuntime().maxMemory();
        if (need > heap - heap / 8) {
            throw new VemsegException.InvalidInput(String.format(Locale.ROOT, "prediction needs about %d MB for "
                    + "its work units (tile %d x %d, halo %d, output chunks %s) but the Java heap is %d MB: use a "
                    + "smaller %s, shallower %s, or more memory (VEMSEG_JAVA_OPTS=-Xmx...)", need >> 20,
                    geometry.tileHeight(), geometry.tileWidth(), p.halo(), Arrays.toString(chunk), heap >> 20,
                    Settings.name("tile"), Settings.name("chunk")));
        }
        this.unitShape = planner.units().blockShape();
    }

    /**
     * The unit planner of {@code p} for an output of {@code input}'s shape chunked as {@code chunk}, with a spread
     * output of {@code spreadBytes} per voxel (0: none).
     */
    static UnitPlanner planner(TiledPrediction p, VolumeInfo input, int[] chunk, boolean sequential, int spreadBytes) {
        OutputType type = p.outputType();
        VolumeInfo out = new VolumeInfo(input.depth(), input.height(), input.width(), type.dataType(),
                input.voxelSize(), chunk);
        int channels = type == OutputType.MASK && p.classes() > 2 ? p.classes() : 1;
        return new UnitPlanner(out, sequential, p.geometryFor(input), p.frames() / 2,
                channels + (spreadBytes > 0 ? 1 : 0), type.dataType().bytes() + spreadBytes, p.budgetBytes());
    }

    /** The tiles' shape, fitted to the plane. */
    public TileGeometry geometry() {
        return geometry;
    }

    /** The output's chunk (z, y, x); units are whole chunks. */
    public int[] chunk() {
        return chunk.clone();
    }

    /**
     * The work units' extent in y and x. Tiles are placed unit by unit, so units of another extent (from another
     * memory budget, i.e. another heap) place them differently and change the blended voxels: a resumed run must
     * use the same extent.
     */
    public long[] unitPlane() {
        return new long[] {unitShape[1], unitShape[2]};
    }

    /** Every unit of the volume in grid order (z, then y, then x), each writing all its output blocks. */
    public List<PredictionUnit> units() {
        Box bounds = Box.ofShape(depth, height, width);
        List<PredictionUnit> units = new ArrayList<>();
        for (Box u : new BlockGrid(bounds, unitShape)) {
            TilePlan plan = TilePlan.cover(height, width, u.y(), u.end(1), u.x(), u.end(2), geometry);
            long z0 = Math.max(0, u.z() - context);
            long y0 = Math.max(0, plan.inputY0());
            long x0 = Math.max(0, plan.inputX0());
            Box input = new Box(z0, y0, x0, Math.min(depth, u.end(0) + context) - z0,
                    Math.min(height, plan.inputY0() + plan.inputHeight()) - y0,
                    Math.min(width, plan.inputX0() + plan.inputWidth()) - x0);
            units.add(new PredictionUnit(u, plan, input, new BlockGrid(u, chunk)));
        }
        return units;
    }

    /**
     * Useful-compute fraction of this plan: the network work its output voxels need, over the work its tiles compute
     * (halo, mirror padding and overlaps included), between 0 and 1.
     *
     * <p>Counted in pixels, which is exact for FLOPs: the networks are fully convolutional and tiles are multiples
     * of their stride, so every layer's output has (tile area / its stride²) pixels and a forward pass costs a fixed
     * number of FLOPs per input pixel; the output voxels need that cost once each. Test-time variants and ensemble
     * members multiply both sides alike (every tile goes through every variant of every model), so they cancel.
     */
    public double usefulCompute() {
        long output = 0;
        long computed = 0;
        for (PredictionUnit u : units()) {
            output += u.box().voxels();
            TileGeometry g = u.plan().geometry();
            computed += u.box().depth() * u.plan().tileCount() * g.tileHeight() * g.tileWidth();
        }
        return (double) output / computed;
    }

    /** The units with blocks that {@code written} does not report, each writing only those blocks. */
    public List<PredictionUnit> unitsToWrite(Predicate<Box> written) {
        List<PredictionUnit> todo = new ArrayList<>();
        for (PredictionUnit u : units()) {
            List<Box> pending = u.blocks().stream().filter(written.negate()).toList();
            if (!pending.isEmpty()) {
                todo.add(pending.size() == u.blocks().size() ? u : u.withBlocks(pending));
            }
        }
        return todo;
    }

    /**
     * Predicts one unit with {@code prediction} (the models this plan was made with), reading {@code input} and
     * writing the unit's blocks to {@code output}, and the spread to {@code uncertainty} if the plan has one.
     */
    public void execute(PredictionUnit unit, TiledPrediction prediction, VolumeReader input, ChunkSink output,
            Optional<ChunkSink> uncertainty) {
        checkSinks(output, uncertainty);
        UnitStages stages = new UnitStages(this, prediction);
        stages.write(stages.compute(stages.read(input, unit)), output, uncertainty, Progress.NONE);
    }

    /**
     * Throws InvalidInput unless the outputs have the volume's shape, this plan's chunk and types: the output
     * {@link OutputType#dataType()}, the spread uint8 or float32.
     */
    void checkSinks(ChunkSink output, Optional<ChunkSink> uncertainty) {
        VolumeInfo out = output.info();
        if (depth != out.depth() || height != out.height() || width != out.width()) {
            throw new VemsegException.InvalidInput("output shape " + out.bounds().shapeString()
                    + " differs from the input shape " + Box.ofShape(depth, height, width).shapeString());
        }
        if (out.dataType() != outputType.dataType()) {
            throw new VemsegException.InvalidInput("output type " + outputType + " is written as "
                    + outputType.dataType() + ", but the output was created as " + out.dataType());
        }
        if (uncertainty.isPresent()) {
            VolumeInfo u = uncertainty.get().info();
            if (!u.bounds().equals(out.bounds()) || !Arrays.equals(u.chunk(), out.chunk())) {
                throw new VemsegException.InvalidInput("uncertainty output (" + u
                        + ") must have the shape and chunks of the output (" + out + ")");
            }
            if (u.dataType() != DataType.UINT8 && u.dataType() != DataType.FLOAT32) {
                throw new VemsegException.InvalidInput("uncertainty output must be uint8 or float32, was "
                        + u.dataType());
            }
        }
    }

    int context() {
        return context;
    }

    int halo() {
        return halo;
    }

    int[] channelClasses() {
        return channelClasses.clone();
    }

    int squaredChannel() {
        return squaredChannel;
    }

    OutputType outputType() {
        return outputType;
    }

    double threshold() {
        return threshold;
    }

    boolean hasSpread() {
        return spreadType != null;
    }
}
