package org.vemseg.nn.predict;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.vemseg.core.Settings;
import org.vemseg.core.VemsegException;
import org.vemseg.core.predict.InputNormalization;
import org.vemseg.nn.bmz.OutputActivation;

/**
 * What a plain TorchScript file ({@code model.pt}, no rdf.yaml) does not say and a bioimage.io package's rdf.yaml
 * would: the input normalisation, the tile step, which output channel is the foreground probability and whether the
 * output still needs an activation, and how many input channels (z slices) it takes. The first three are required
 * for a {@code .pt}; given with no {@code .pt} model they are refused, since packages and {@code .vsm} bundles state
 * their own.
 *
 * @param norm          input normalisation ({@code --norm}, see {@link org.vemseg.nn.bmz.Preprocessing})
 * @param tileMultiple  tile height and width must be multiples of this ({@code --tile-multiple})
 * @param outputChannel the output channel that is the foreground probability ({@code --output-channel})
 * @param activation    what makes the output probabilities (default none: it returns probabilities)
 * @param inputChannels odd number of z slices the model takes as channels (default 1)
 */
public record TorchScriptOptions(Optional<InputNormalization> norm, OptionalInt tileMultiple,
        OptionalInt outputChannel, Optional<OutputActivation> activation, OptionalInt inputChannels) {

    public TorchScriptOptions {
        if (tileMultiple.orElse(1) < 1) {
            throw new VemsegException.InvalidInput(Settings.name("tileMultiple") + " must be >= 1, was "
                    + tileMultiple.getAsInt());
        }
        if (outputChannel.orElse(0) < 0) {
            throw new VemsegException.InvalidInput(Settings.name("outputChannel") + " must be >= 0, was "
                    + outputChannel.getAsInt());
        }
        int f = inputChannels.orElse(1);
        if (f < 1 || f % 2 == 0) {
            throw new VemsegException.InvalidInput(Settings.name("inputChannels") + " must be odd (z slices around "
                    + "the predicted one), was " + f);
        }
    }

    /** No option given. */
    public static TorchScriptOptions none() {
        return new TorchScriptOptions(Optional.empty(), OptionalInt.empty(), OptionalInt.empty(), Optional.empty(),
                OptionalInt.empty());
    }

    public TorchScriptOptions withNorm(InputNormalization n) {
        return new TorchScriptOptions(Optional.of(n), tileMultiple, outputChannel, activation, inputChannels);
    }

    public TorchScriptOptions withTileMultiple(int m) {
        return new TorchScriptOptions(norm, OptionalInt.of(m), outputChannel, activation, inputChannels);
    }

    public TorchScriptOptions withOutputChannel(int c) {
        return new TorchScriptOptions(norm, tileMultiple, OptionalInt.of(c), activation, inputChannels);
    }

    public TorchScriptOptions withActivation(OutputActivation a) {
        return new TorchScriptOptions(norm, tileMultiple, outputChannel, Optional.of(a), inputChannels);
    }

    public TorchScriptOptions withInputChannels(int f) {
        return new TorchScriptOptions(norm, tileMultiple, outputChannel, activation, OptionalInt.of(f));
    }

    /** The settings given, as {@link Settings#name} placeholders. */
    List<String> given() {
        List<String> g = new ArrayList<>();
        norm.ifPresent(n -> g.add(Settings.name("norm")));
        tileMultiple.ifPresent(n -> g.add(Settings.name("tileMultiple")));
        outputChannel.ifPresent(n -> g.add(Settings.name("outputChannel")));
        activation.ifPresent(n -> g.add(Settings.name("outputActivation")));
        inputChannels.ifPresent(n -> g.add(Settings.name("inputChannels")));
        return g;
    }

    /** The settings a {@code .pt} needs and that are missing, as placeholders. */
    List<String> missing() {
        List<String> m = new ArrayList<>();
        if (norm.isEmpty()) {
            m.add(Settings.name("norm"));
        }
        if (tileMultiple.isEmpty()) {
            m.add(Settings.name("tileMultiple"));
        }
        if (outputChannel.isEmpty()) {
            m.add(Settings.name("outputChannel"));
        }
        return m;
    }
}
