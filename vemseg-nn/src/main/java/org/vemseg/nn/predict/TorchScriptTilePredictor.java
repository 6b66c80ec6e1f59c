package org.vemseg.nn.predict;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Locale;
import org.vemseg.nn.bmz.OutputActivation;

/**
 * A {@link MemberPredictor} running a TorchScript model (e.g. from a bioimage.io package) with DJL's PyTorch engine.
 * The model maps N × frames × H × W normalised input to N × C × H × W outputs, made probabilities by the
 * {@link OutputActivation} (none when the model returns probabilities). With a single output channel, or one channel
 * chosen as the foreground probability p, the predictor reports two classes, 1 − p and p, so that thresholds, class
 * choice and uncertainty work as for vemseg's own models; otherwise the C channels are the classes.
 *
 * <p>Every intermediate array lives in a sub-manager closed at the end of the call. Not thread-safe; {@link #share()}
 * gives a predictor for another thread over the same loaded module, whose weights whoever loaded the
 * {@link Model} frees by closing it.
 */
public final class TorchScriptTilePredictor implements MemberPredictor {

    private final Model model;
    private final NDManager manager;
    private final Block block;
    private final Settings settings;

    /**
     * How to use the model's output and tiles.
     *
     * @param frames input channels
     * @param outputChannels channels the model returns (1 = foreground probability)
     * @param step tile height and width must be multiples of this
     * @param halo margin discarded around each tile, in pixels
     * @param activation applied to the output before anything else
     * @param foreground the output channel that is the foreground probability, or -1 when all channels are classes
     *     (a single channel is the foreground either way)
     */
    public record Settings(int frames, int outputChannels, int step, int halo, OutputActivation activation,
            int foreground) {

        public Settings {
            if (frames < 1 || outputChannels < 1 || step < 1 || halo < 0 || foreground < -1
                    || foreground >= outputChannels) {
                throw new IllegalArgumentException("bad TorchScript settings: frames " + frames + ", channels "
                        + outputChannels + ", step " + step + ", halo " + halo + ", foreground " + foreground);
            }
        }

        /** The channel taken as the foreground probability, or -1 when the channels are the classes. */
        int singleChannel() {
            return outputChannels == 1 ? 0 : foreground;
        }
    }

    /** @param model a loaded TorchScript model (not closed here) */
    public TorchScriptTilePredictor(Model model, Settings settings) {
        this.model = model;
        this.manager = model.getNDManager().newSubManager();
        this.block = model.getBlock();
        this.settings = settings;
    }

    @Override
    public TorchScriptTilePredictor share() {
        return new TorchScriptTilePredictor(model, settings);
    }

    @Override
    public String describe() {
        return "TorchScript, " + settings.frames() + " frame(s)";
    }

    @Override
    public int frames() {
        return settings.frames();
    }

    @Override
    public int classes() {
        return settings.singleChannel() >= 0 ? 2 : settings.outputChannels();
    }

    /** Tile side used before tiles were chosen by memory. */
    private static final int MAX_TILE = 1024;

    /**
     * Tiles of at most 1024 px (rounded up to the step): the memory a foreign network needs per pixel is unknown, so
     * it is not given whole planes that might not fit.
     */
    @Override
    public int maxTile() {
        int s = settings.step();
        return (MAX_TILE + s - 1) / s * s;
    }

    @Override
    public int halo() {
        return settings.halo();
    }

    @Override
    public int sizeMultiple() {
        return settings.step();
    }

    @Override
    public void predict(float[] input, int batch, int height, int width, float[] output) {
        checkCall(input, batch, height, width, output);
        int inLength = batch * frames() * height * width;
        int outLength = batch * classes() * height * width;
        try (NDManager call = manager.newSubManager()) {
            NDArray x = call.create(Arrays.copyOf(input, inLength), new Shape(batch, frames(), height, width));
            NDArray y = block.forward(new ParameterStore(call, false), new NDList(x), false).head();
            long[] s = y.getShape().getShape();
            if (s.length != 4 || s[0] != batch || s[1] != settings.outputChannels() || s[2] != height
                    || s[3] != width) {
                throw new org.vemseg.core.VemsegException.InvalidInput(String.format(Locale.ROOT,
                        "the TorchScript model returned shape %s for input %d x %d x %d x %d; "
                                + "expected %d x %d x %d x %d",
                        y.getShape(), batch, frames(), height, width, batch, settings.outputChannels(), height, width));
            }
            y = switch (settings.activation()) {
                case NONE -> y;
                case SIGMOID -> ai.djl.nn.Activation.sigmoid(y);
                case SOFTMAX -> y.softmax(1);
            };
            int c = settings.singleChannel();
            if (c >= 0) {
                NDArray p = settings.outputChannels() == 1 ? y : y.get(new NDIndex(":, {}:{}", c, c + 1));
                y = p.neg().add(1).concat(p, 1);
            }
            ByteBuffer b = y.toType(DataType.FLOAT32, false).toByteBuffer().order(ByteOrder.nativeOrder());
            b.asFloatBuffer().get(output, 0, outLength);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
