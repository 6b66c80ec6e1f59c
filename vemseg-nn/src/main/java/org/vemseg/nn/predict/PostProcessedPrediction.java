package org.vemseg.nn.predict;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;
import org.vemseg.core.Progress;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.AtomicOutput;
import org.vemseg.core.io.Format;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.objects.Connectivity;
import org.vemseg.core.objects.PostProcessing;
import org.vemseg.core.objects.Thresholding;
import org.vemseg.core.ops.MaskPostProcessor;
import org.vemseg.core.predict.OutputType;
import org.vemseg.core.volume.VolumeInfo;
import org.vemseg.nn.bundle.ModelBundle;

/**
 * A mask prediction post-processed before it appears ({@link PostProcessing}: holes filled, small objects
 * removed). Holes and object sizes are properties of whole 3D objects, known only once every chunk is predicted,
 * so the mask is first predicted into a hidden sibling of the output ({@code .vemseg-unprocessed-NAME}), then
 * read back slab by slab (memory: the objects' outlines) and written post-processed to the output, and the
 * hidden copy is deleted. The extra pass costs a mask's read and write, little beside the network.
 *
 * <p>Not resumable: the hidden mask is rewritten from the start by each run.
 */
public final class PostProcessedPrediction {

    /** The prediction and what post-processing changed. */
    public record Result(PredictionJob.Result prediction, PostProcessing.Result postProcessing) {
    }

    private PostProcessedPrediction() {
    }

    /**
     * @throws VemsegException.InvalidInput before any work if the request is not a binary mask prediction that can
     *     be post-processed, or its output exists without overwrite
     */
    public static Result run(PredictionRequest r, Connectivity connectivity, PostProcessing post,
            Function<VolumeInfo, Progress> progress, Consumer<String> warnings) {
        check(r);
        VolumeLocation hidden = new VolumeLocation(r.output().path().toAbsolutePath().normalize()
                .resolveSibling(".vemseg-unprocessed-" + r.output().fileName()), r.output().dataset());
        // A hidden copy left by a killed run is ours to replace.
        AtomicOutput.deleteQuietly(hidden.path());
        AtomicOutput.discardPartial(hidden.path());
        try {
            PredictionJob.Result predicted = PredictionJob.run(r.withOutput(hidden), progress, warnings);
            try (VolumeReader mask = Volumes.open(hidden)) {
                if (Thresholding.Scale.detect(mask) != Thresholding.Scale.MASK) {
                    throw new VemsegException.InvalidInput("the models predict more than two classes, so the mask is "
                            + "a class map; {fillHoles} and {minSize} need a binary model's mask");
                }
                WriteOptions options = WriteOptions.defaults().withOverwrite(r.overwrite());
                PostProcessing.Result changed = MaskPostProcessor.write(mask, 0.5, hidden.toString(), r.output(),
                        r.chunk().map(options::withChunk).orElse(options), connectivity, post);
                return new Result(predicted.withOutput(r.output()), changed);
            }
        } finally {
            AtomicOutput.deleteQuietly(hidden.path());
        }
    }

    /** Refuses, before the slow model loading, what cannot be post-processed or would fail only at the end. */
    static void check(PredictionRequest r) {
        if (r.outputType() != OutputType.MASK) {
            throw new VemsegException.InvalidInput("{fillHoles} and {minSize} post-process a mask; give "
                    + "{outputType} mask, or analyze or evaluate the probability map with them");
        }
        if (r.resume()) {
            throw new VemsegException.InvalidInput("a post-processed mask ({fillHoles}, {minSize}) cannot "
                    + "{resume}: predict a probability map to resume, then analyze it with them");
        }
        Format.forWriting(r.output());
        if (!r.overwrite() && Files.exists(r.output().path())) {
            throw new VemsegException.InvalidInput(r.output() + ": output exists; use {overwrite} to replace it");
        }
        for (Path p : r.models()) {
            // Packages carry no manifest: their class count shows only in the predicted mask (checked there).
            int classes = ModelPredictors.isPackage(p) ? 2 : ModelBundle.readManifest(p).classNames().size();
            if (classes > 2) {
                throw new VemsegException.InvalidInput(p + " predicts " + classes + " classes, so its mask is a class "
                        + "map; {fillHoles} and {minSize} need a binary model's mask");
            }
        }
    }
}
