package org.vemseg.nn.bmz;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.vemseg.core.VemsegException;

/**
 * What turns a TorchScript model's output into probabilities: nothing (it returns probabilities), a sigmoid per
 * channel, or a softmax over the channels. bioimage.io packages state it as postprocessing ({@code sigmoid},
 * {@code softmax}); a plain {@code .pt} file gets it from {@code --output-activation}.
 */
public enum OutputActivation {
    NONE("none"),
    SIGMOID("sigmoid"),
    SOFTMAX("softmax");

    private final String label;

    OutputActivation(String label) {
        this.label = label;
    }

    /** The activation named {@code text}; throws InvalidInput listing the valid names. */
    public static OutputActivation fromString(String text) {
        for (OutputActivation a : values()) {
            if (a.label.equals(text.toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new VemsegException.InvalidInput("output activation '" + text + "' is not one of "
                + Arrays.stream(values()).map(a -> a.label).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return label;
    }
}
