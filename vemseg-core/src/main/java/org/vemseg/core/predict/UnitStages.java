package org.vemseg.core.predict;

import java.util.Optional;
import org.vemseg.core.Progress;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.volume.Box;

/**
 * The three stages of predicting one unit of a {@link PredictionPlan}: read its input, run the models on its tiles
 * into blended sums, and write its output blocks. {@link TiledPrediction} overlaps them across units; a unit run
 * on its own calls them one after the other. Not thread-safe (the tile runner reuses its buffers): compute on one
 * thread; read and write may run on others.
 */
final class UnitStages {

    private final PredictionPlan plan;
    private final BlendWeights weightsY;
    private final BlendWeights weightsX;
    private final TileRunner runner;
    private final OutputEncoder encoder;
    private final int channels;
    private final java.util.Optional<double[]> planePercentiles;
    /** Created with the first read, for that reader (one per run). */
    private PlaneStatistics statistics;

    UnitStages(PredictionPlan plan, TiledPrediction prediction) {
        TileGeometry g = plan.geometry();
        if (prediction.halo() != plan.halo() || prediction.frames() / 2 != plan.context()) {
            throw new IllegalArgumentException("the plan was made for models with a halo of " + plan.halo() + " and "
                    + plan.context() + " slices of z context, not " + prediction.halo() + " and "
                    + prediction.frames() / 2);
        }
        this.plan = plan;
        // Ramps as long as the real overlap, which the stride's rounding to the multiple may make larger than asked.
        this.weightsY = new BlendWeights(g.validHeight(), g.validHeight() - g.strideY());
        this.weightsX = new BlendWeights(g.validWidth(), g.validWidth() - g.strideX());
        int[] channelClasses = plan.channelClasses();
        this.channels = channelClasses.length;
        this.runner = new TileRunner(prediction.members(), g, prediction.batchSize(), channelClasses);
        this.planePercentiles = prediction.planePercentiles();
        this.encoder = new OutputEncoder(plan.outputType(), plan.threshold(), prediction.members().size());
    }

    /**
     * The unit's input, mirror padded, as floats, with the statistics of the slices it comes from if a model
     * normalises per plane.
     */
    UnitInput read(VolumeReader reader, PredictionUnit unit) {
        UnitInput in = UnitInput.load(reader, unit, plan.context());
        if (planePercentiles.isEmpty()) {
            return in;
        }
        return in.withStatistics(statistics(reader), reader.info().depth());
    }

    private synchronized PlaneStatistics statistics(VolumeReader reader) {
        if (statistics == null) {
            statistics = new PlaneStatistics(reader, planePercentiles.get());
        }
        return statistics;
    }

    /** The ensemble's blended sums over the unit. */
    UnitAccumulator compute(UnitInput input) {
        UnitAccumulator acc = new UnitAccumulator(input.unit, channels, plan.hasSpread(), plan.squaredChannel(),
                weightsY, weightsX);
        runner.run(input, acc);
        return acc;
    }

    /** Writes the unit's blocks (and their spread), advancing {@code progress} by one per block. */
    void write(UnitAccumulator acc, ChunkSink output, Optional<ChunkSink> uncertainty, Progress progress) {
        for (Box b : acc.unit.blocks()) {
            output.write(encoder.prediction(acc, b));
            uncertainty.ifPresent(s -> s.write(encoder.spread(acc, b, s.info().dataType())));
            progress.advance(1);
        }
    }
}
