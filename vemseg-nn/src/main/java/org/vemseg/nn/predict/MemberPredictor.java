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
}
