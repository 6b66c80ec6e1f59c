package org.vemseg.nn.predict;

import java.util.List;
import java.util.Optional;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.predict.ChunkSink;
import org.vemseg.core.predict.PredictionPlan;
import org.vemseg.core.predict.PredictionUnit;
import org.vemseg.core.predict.TiledPrediction;

/**
 * A prediction checked, planned and with its outputs created, handed to a {@link UnitRunner} to write its units;
 * {@link PredictionJob} commits the outputs afterwards. Everything here is open only while the runner runs.
 */
public final class PlannedPrediction {

    private final PredictionRequest request;
    private final TiledPrediction prediction;
    private final VolumeReader input;
    private final PredictionOutputs outputs;

    PlannedPrediction(PredictionRequest request, TiledPrediction prediction, VolumeReader input,
            PredictionOutputs outputs) {
        this.request = request;
        this.prediction = prediction;
        this.input = input;
        this.outputs = outputs;
    }

    /** What was asked for. */
    public PredictionRequest request() {
        return request;
    }

    /** The models, as loaded by this process. */
    public TiledPrediction prediction() {
        return prediction;
    }

    /** The plan, serialisable: its units run anywhere with {@link PredictionPlan#execute}. */
    public PredictionPlan plan() {
        return outputs.plan();
    }

    /** The input, open in this process. */
    public VolumeReader input() {
        return input;
    }

    /** The output, open in this process. */
    public ChunkSink output() {
        return outputs.output();
    }

    /** The uncertainty output, if asked for. */
    public Optional<ChunkSink> uncertainty() {
        return outputs.uncertainty();
    }

    /**
     * Whether the outputs are resumable (OME-Zarr): their chunks are files of their own in a partial folder that
     * other processes can write into ({@link org.vemseg.core.io.zarr.ZarrFormat#openPartial}).
     */
    public boolean resumable() {
        return outputs.resumable();
    }

    /**
     * The units with blocks not yet written in every output (all of them unless resuming), from the job's one scan
     * of the outputs.
     */
    public List<PredictionUnit> unitsToWrite() {
        return plan().unitsToWrite(outputs.written());
    }
}
