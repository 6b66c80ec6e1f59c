package org.vemseg.cli;

import org.vemseg.core.predict.InputNormalization;
import org.vemseg.nn.bmz.OutputActivation;
import org.vemseg.nn.predict.TorchScriptOptions;
import picocli.CommandLine.Option;

/**
 * The options that stand in for the rdf.yaml a plain TorchScript file ({@code .pt}) lacks, for {@code predict}; turned
 * into {@link TorchScriptOptions}, which the models check when they load.
 */
final class TorchScriptFlags {

    @Option(names = "--norm", paramLabel = "NORM", converter = Converters.Norm.class,
            description = "Input normalisation of a .pt model, as a bioimage.io rdf.yaml's preprocessing: none; "
                    + "zero-mean-unit-variance[:per-sample] (each plane's mean and std); "
                    + "zero-mean-unit-variance:fixed:MEAN,STD; scale-range[:P_LOW,P_HIGH] (each plane's percentiles, "
                    + "default 0,100, to 0 and 1); scale-linear:GAIN,OFFSET (GAIN x v + OFFSET). Per-plane "
                    + "statistics come from the whole plane, never the tile.")
    InputNormalization norm;

    @Option(names = "--tile-multiple", paramLabel = "N",
            description = "Tile height and width of a .pt model must be multiples of N (e.g. 16 for a U-Net with 4 "
                    + "poolings).")
    Integer tileMultiple;

    @Option(names = "--output-channel", paramLabel = "C",
            description = "Output channel of a .pt model that is the foreground probability (written as class 1).")
    Integer outputChannel;

    @Option(names = "--output-activation", paramLabel = "none|sigmoid|softmax", converter = Converters.Activation.class,
            description = "What makes a .pt model's output probabilities: none (it returns probabilities, the "
                    + "default), sigmoid (logits per channel) or softmax (over the channels).")
    OutputActivation outputActivation;

    @Option(names = "--input-channels", paramLabel = "N",
            description = "z slices a .pt model takes as input channels, odd (default 1).")
    Integer inputChannels;

    /** The options given. */
    TorchScriptOptions options() {
        TorchScriptOptions o = TorchScriptOptions.none();
        if (norm != null) {
            o = o.withNorm(norm);
        }
        if (tileMultiple != null) {
            o = o.withTileMultiple(tileMultiple);
        }
        if (outputChannel != null) {
            o = o.withOutputChannel(outputChannel);
        }
        if (outputActivation != null) {
            o = o.withActivation(outputActivation);
        }
        if (inputChannels != null) {
            o = o.withInputChannels(inputChannels);
        }
        return o;
    }
}
