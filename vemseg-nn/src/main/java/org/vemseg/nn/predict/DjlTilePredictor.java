package org.vemseg.nn.predict;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.vemseg.core.predict.TilePredictor;
import org.vemseg.nn.model.Downsampling;
import org.vemseg.nn.model.NetworkSpec;

/**
 * A {@link TilePredictor} running one member network of a model bundle with DJL, in inference mode:
 * batch norm uses its running statistics ({@code training = false}), no parameter records gradients,
 * and the logits are turned into probabilities by a softmax over the class axis.
 *
 * <p>Copies per call: the caller's float array into a reused direct buffer, which the engine wraps
 * without copying ({@code from_blob}); and the probabilities from the engine into the caller's array.
 * Every intermediate array lives in a sub-manager closed at the end of the call, so native memory does
 * not grow with the number of tiles.
 *
 * <p>The predictor works in its own sub-manager of the manager holding the network's parameters;
 * {@link #close()} frees that sub-manager, and whoever loaded the network closes the parameters' manager.
 * Not thread-safe, as {@link TilePredictor} allows.
 *
 * <p>A network trained on downsampled slices ({@link Downsampling}) gets full-resolution tiles and returns
 * full-resolution probabilities; its halo, preferred tile and size multiple are in full-resolution pixels, the
 * network's own ones times the factor. Tiles are as large as memory allows (see {@link #workingBytesPerPixel()}).
 */
public final class DjlTilePredictor implements MemberPredictor {

    private final NDManager parameters;
    private final NDManager manager;
    private final Block network;
    private final NetworkSpec spec;
    private final int halo;
    private final int downsample;
    private ByteBuffer inputBuffer;

    /**
     * @param parameters the manager holding {@code network}'s parameters (not closed here)
     * @param network an initialised network built from {@code spec}, with its weights loaded
     * @param halo    margin discarded around each tile, in pixels of the network's input
     * @param downsample in-plane factor by which the network sees slices (1 = full resolution)
     */
    public DjlTilePredictor(NDManager parameters, Block network, NetworkSpec spec, int halo, int downsample) {
        if (halo < 0) {
            throw new IllegalArgumentException("halo must be >= 0, was " + halo);
        }
        if (downsample < 1) {
            throw new IllegalArgumentException("downsample must be >= 1, was " + downsample);
        }
        this.downsample = downsample;
        this.parameters = parameters;
        this.manager = parameters.newSubManager();
        this.network = network;
        this.spec = spec;
        this.halo = halo;
        for (Pair<String, Parameter> p : network.getParameters()) {
            if (p.getValue().isInitialized()) {
                // without tensors that require gradients, the engine records no autograd graph
                p.getValue().getArray().setRequiresGradient(false);
            }
        }
    }

    private DjlTilePredictor(DjlTilePredictor shared) {
        this.parameters = shared.parameters;
        this.manager = shared.parameters.newSubManager();
        this.network = shared.network;
        this.spec = shared.spec;
        this.halo = shared.halo;
        this.downsample = shared.downsample;
    }

    /**
     * Another predictor of the same network for another thread: it shares the weights, which predicting only
     * reads, and has its own buffers and sub-manager. Closing it frees only those; the weights stay with whoever
     * loaded the network.
     */
    @Override
    public DjlTilePredictor share() {
        return new DjlTilePredictor(this);
    }

    @Override
    public String describe() {
        return spec.architecture() + ", " + spec.frames() + " frame(s)";
    }

    /** The network description (architecture, frames, classes, width). */
    public NetworkSpec spec() {
        return spec;
    }

    @Override
    public int frames() {
        return spec.frames();
    }

    @Override
    public int classes() {
        return spec.classes();
    }

    /**
     * The network's activations per pixel of a tile, which the engine keeps until the call ends (see
     * {@link org.vemseg.nn.model.Architecture#activationBytesPerPixel}), at the network's resolution, plus the call's
     * native input and output copies.
     */
    @Override
    public long workingBytesPerPixel() {
        long network = spec.architecture().activationBytesPerPixel(spec.width());
        return network / ((long) downsample * downsample) + 4L * (frames() + classes());
    }

    @Override
    public int halo() {
        return halo * downsample;
    }

    /** The network's total stride (32 for the ResUNet, 16 for DeepEM3D) times the downsampling factor. */
    @Override
    public int sizeMultiple() {
        return spec.architecture().inputMultiple() * downsample;
    }

    @Override
    public void predict(float[] input, int batch, int height, int width, float[] output) {
        checkCall(input, batch, height, width, output);
        int inLength = batch * frames() * height * width;
        int outLength = batch * classes() * height * width;
        ByteBuffer in = inputBuffer(inLength);
        in.asFloatBuffer().put(input, 0, inLength);
        try (NDManager call = manager.newSubManager()) {
            NDArray x = call.create(in, new Shape(batch, frames(), height, width), DataType.FLOAT32);
            NDArray logits = Downsampling.forward(network, new ParameterStore(call, false), x, downsample, false);
            NDArray probabilities = logits.softmax(1);
            probabilities.toByteBuffer().order(ByteOrder.nativeOrder()).asFloatBuffer().get(output, 0, outLength);
        }
    }

    /** A direct native-order buffer of exactly {@code floats} floats, reused while large enough. */
    private ByteBuffer inputBuffer(int floats) {
        int bytes = floats * Float.BYTES;
        if (inputBuffer == null || inputBuffer.capacity() < bytes) {
            inputBuffer = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        }
        ByteBuffer b = inputBuffer.duplicate().order(ByteOrder.nativeOrder());
        b.clear().limit(bytes);
        return b.slice().order(ByteOrder.nativeOrder());
    }

    @Override
    public void close() {
        manager.close();
    }
}
