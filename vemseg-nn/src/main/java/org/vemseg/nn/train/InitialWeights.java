package org.vemseg.nn.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.nio.file.Path;
import org.vemseg.core.VemsegException;
import org.vemseg.nn.bundle.MemberManifest;
import org.vemseg.nn.bundle.ModelBundle;
import org.vemseg.nn.model.NetworkSpec;

/**
 * Starts a network from the weights of a trained bundle ({@code init}, transfer learning): the bundle's member
 * of the same architecture, frame count and width. The bundle is read once, by {@link #read}, checked against
 * every network of the run by {@link #checkFits}, and then used.
 *
 * <p>A member trained for another number of classes still gives every layer except the class logits: those
 * layers (ResUNet's 1×1 head, DeepEM3D's dilated side-output convolutions) are the only ones whose shapes
 * depend on the class count, and they keep their fresh initialisation. Starting, say, a 3-class
 * mitochondria-and-membrane network from a binary mitochondria model is the usual CDeep3M-style transfer, and the
 * learned features are what makes it worthwhile; refusing it would throw them away.
 */
record InitialWeights(Path source, ModelBundle.Stored bundle) {

    static InitialWeights read(Path path) {
        return new InitialWeights(path, ModelBundle.readStored(path));
    }

    /** Throws InvalidInput naming the file if no member can start a network built from {@code spec}. */
    void checkFits(NetworkSpec spec) {
        member(spec);
    }

    /**
     * Loads the matching member into {@code net} (initialised, built from {@code spec}).
     *
     * @return the number of parameters left at their initialisation because the class count differs (0 when it
     *     is the same)
     */
    int loadInto(NetworkSpec spec, Block net, NDManager manager) {
        int i = member(spec);
        NetworkSpec s = bundle.manifest().members().get(i).spec();
        byte[] weights = bundle.weights().get(i);
        if (s.classes() == spec.classes()) {
            ModelBundle.loadParameters(net, weights, manager, source.toString());
            return 0;
        }
        try (NDManager scratch = manager.newSubManager()) {
            Block from = s.newInitializedBlock(scratch);
            ModelBundle.loadParameters(from, weights, scratch, source.toString());
            // the class layers keep their fresh initialisation
            return ModelBundle.copyParameters(from, net, source.toString(), (name, a, b) -> false);
        }
    }

    private int member(NetworkSpec spec) {
        for (int i = 0; i < bundle.manifest().members().size(); i++) {
            MemberManifest m = bundle.manifest().members().get(i);
            NetworkSpec s = m.spec();
            if (s.architecture() == spec.architecture() && s.frames() == spec.frames()
                    && s.width() == spec.width()) {
                return i;
            }
        }
        throw new VemsegException.InvalidInput(source + ": no member with " + spec.architecture() + ", "
                + spec.frames() + " frame(s), width " + spec.width() + " to start from");
    }
}
