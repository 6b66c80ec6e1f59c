package org.vemseg.nn.predict;

import org.vemseg.core.predict.TilePredictor;

/**
 * A {@link TilePredictor} for one network of an ensemble that can be shared across threads: {@link #share()} gives
 * another predictor over the same weights with buffers of its own. Closing a predictor frees only its own buffers;
 * whoever loaded the weights frees them. Implemented by {@link DjlTilePredictor} (vemseg's networks) and
 * {@link TorchScriptTilePredictor} (TorchScript models from other tools).
 */
public interface MemberPredictor extends TilePredictor, AutoCloseable {

    /** Another predictor of the same network for another thread. */
    MemberPredictor share();

    /** What the network is, for messages, e.g. "resunet, 3 frame(s)". */
    String describe();

    @Override
    void close();

    /**
     * Checks the arguments of a {@link #predict} call: arrays long enough, tile a multiple of {@link #sizeMultiple()};
     * throws IllegalArgumentException naming them.
     */
    default void checkCall(float[] input, int batch, int height, int width, float[] output) {
        long inLength = (long) batch * frames() * height * width;
        long outLength = (long) batch * classes() * height * width;
        if (input.length < inLength || output.length < outLength) {
            throw new IllegalArgumentException("arrays of " + input.length + " and " + output.length
                    + " floats are too short for " + batch + " tiles of " + frames() + " x " + height + " x " + width
                    + " in and " + classes() + " classes out");
        }
        if (height % sizeMultiple() != 0 || width % sizeMultiple() != 0) {
            throw new IllegalArgumentException("tile " + height + " x " + width + " is not a multiple of "
                    + sizeMultiple());
        }
    }
}
