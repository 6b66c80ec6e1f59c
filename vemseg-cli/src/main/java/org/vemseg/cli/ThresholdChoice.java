package org.vemseg.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.vemseg.nn.predict.MaskThreshold;
import picocli.CommandLine.Option;

/**
 * The {@code --threshold} and {@code --model} options of the commands that read a probability map ({@code analyze},
 * {@code evaluate}): a map carries no threshold of its own, so the model that made it supplies the one calibrated
 * when it was trained, unless the user gives one.
 */
final class ThresholdChoice {

    @Option(names = "--threshold", paramLabel = "P",
            description = "Probability above which a voxel is foreground. Default: the threshold calibrated in "
                    + "--model, else 0.5.")
    Double threshold;

    @Option(names = "--model", paramLabel = "MODEL.vsm",
            description = "The model that made the probability map: its calibrated threshold is used unless "
                    + "--threshold is given.")
    Path model;

    /** The threshold to apply and where it came from. */
    MaskThreshold resolve() {
        if (threshold != null) {
            return MaskThreshold.given(threshold);
        }
        if (model == null) {
            return new MaskThreshold(0.5, "default; give --model to use a model's calibrated threshold");
        }
        return MaskThreshold.resolve(Double.NaN, List.of(model), OptionalInt.empty());
    }
}
