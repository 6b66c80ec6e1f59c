package org.vemseg.nn.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The network families vemseg can build, with the sizes their inputs must be multiples of. */
public enum Architecture {
    /**
     * U-Net with a ResNet-18 encoder; five stride-2 steps. Bundles written before {@link #RESUNET50} existed
     * store this id, so it must keep meaning ResNet-18.
     */
    RESUNET("resunet", 32, 0.25, ResNetDepth.RESNET18, 128),
    /**
     * U-Net with a ResNet-50 encoder (the CEM500K fine-tuning network); five stride-2 steps. Default width 0.25
     * as {@code resunet}: the same stem (16 channels) and 3×3 widths, skips four times wider. Measured on the
     * 2-core CPU (batch 4, 160 px), forward and backward take 1.8× as long as {@code resunet}'s (0.19 s vs
     * 0.10 s) and whole training iterations with one thread 1.4–1.7× (up to 4.6× with two threads on a busy
     * machine, probably because its encoder runs 53 convolutions to ResNet-18's 20). Width 0.125 matched
     * {@code resunet}'s speed but halves its 3×3 widths, giving up the capacity this deeper encoder is chosen
     * for; the cost grows about with the square of the width.
     */
    RESUNET50("resunet50", 32, 0.25, ResNetDepth.RESNET50, 192),
    /** DeepEM3D (CDeep3M); four stride-2 steps. */
    DEEPEM3D("deepem3d", 16, 0.25, null, 256);

    private final String id;
    private final int inputMultiple;
    private final double defaultWidth;
    private final ResNetDepth encoder;
    private final int activationFloats;

    Architecture(String id, int inputMultiple, double defaultWidth, ResNetDepth encoder, int activationFloats) {
        this.id = id;
        this.activationFloats = activationFloats;
        this.inputMultiple = inputMultiple;
        this.defaultWidth = defaultWidth;
        this.encoder = encoder;
    }

    public String id() {
        return id;
    }

    /** Height and width of an input must be multiples of this. */
    public int inputMultiple() {
        return inputMultiple;
    }

    /**
     * Width in input pixels of the theoretical receptive field, from the layer structure (see {@link ReceptiveField};
     * the same for every width multiplier): resunet 497, resunet50 489, deepem3d 451.
     */
    public int receptiveField() {
        return (encoder != null ? ReceptiveField.resUNet(encoder) : ReceptiveField.deepEm3d()).field();
    }

    /**
     * The halo prediction uses unless told otherwise: the receptive field's half-width rounded up to the input
     * multiple (resunet and resunet50 256, deepem3d 240), so no output pixel kept from a tile depends on the tile's
     * border, whatever the weights. bench/halo measured the halo the trained networks really need (tiled within
     * 1/255 of a whole plane with full context) at 0.52–0.90 of the half-width, moving with training (resunet 224
     * after 300 iterations, 192 after 3000): only the theoretical field holds for any weights. A multiple of the
     * stride keeps a whole plane's tile, plane + 2 halo, a multiple too for planes that are one.
     */
    public int defaultHalo() {
        int half = (receptiveField() - 1) / 2;
        return (half + inputMultiple - 1) / inputMultiple * inputMultiple;
    }

    /**
     * Estimated bytes of activations per input pixel of one tile in inference, all kept until the call ends (DJL frees
     * a call's arrays with its manager): at the default width 128 floats for resunet (the PyTorch peer in
     * bench/predict counts 77 floats per pixel in its layers' outputs, plus the residual sums, concatenations and
     * upsamplings), 192 for resunet50 (skips four times wider), 256 for deepem3d (its stem and four side outputs at
     * full resolution); scaled with the width, not below a quarter (the decoder keeps at least 8 channels). An
     * estimate that bounds the tiles chosen, not a measurement.
     */
    public long activationBytesPerPixel(double width) {
        return (long) Math.ceil(4.0 * activationFloats * Math.max(0.25, width / defaultWidth));
    }

    /** Width multiplier used when none is given: small enough to train on a 2-core CPU. */
    public double defaultWidth() {
        return defaultWidth;
    }

    /** The ResNet encoder of a U-Net architecture (which pre-trained encoder weights fit); empty for DeepEM3D. */
    public Optional<ResNetDepth> encoder() {
        return Optional.ofNullable(encoder);
    }

    /**
     * Parses {@code resunet}, {@code resunet50} or {@code deepem3d}; throws naming the valid values, and for an
     * encoder id ({@code resnet50}) the network that uses it.
     */
    public static Architecture fromString(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        for (Architecture a : values()) {
            if (a.id.equals(lower)) {
                return a;
            }
        }
        String valid = Arrays.stream(values()).map(Architecture::id).collect(Collectors.joining(", "));
        for (ResNetDepth d : ResNetDepth.values()) {
            if (d.id().equals(lower)) {
                throw new IllegalArgumentException("'" + s + "' is an encoder, not a network: the U-Net with it is "
                        + d.architecture() + " (valid: " + valid + ")");
            }
        }
        throw new IllegalArgumentException("unknown architecture '" + s + "'; valid: " + valid);
    }

    @Override
    public String toString() {
        return id;
    }
}
