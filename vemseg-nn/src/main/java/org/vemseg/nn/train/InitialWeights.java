package org.vemseg.nn.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.nio.file.Path;
import org.vemseg.core.VemsegException;
import org.vemseg.nn.bundle.ModelBundle;
import org.vemseg.nn.model.NetworkSpec;

/**
 * Starts a network from the weights of a trained bundle ({@code --init}, transfer learning): the bundle's member
 * of the same architecture, frame count and width.
 *
 * <p>A member trained for another number of classes still gives every layer except the class logits: those
 * layers (ResUNet's 1×1 head, DeepEM3D's dilated side-output convolutions) are the only ones whose shapes
 * depend on the class count, and they keep their fresh initialisation. Starting, say, a 3-class
 * mitochondria-and-membrane network from a binary mitochondria model is the usual CDeep3M-style transfer, and the
 * learned features are what makes it worthwhile; refusing it would throw them away.
 */
final class InitialWeights {

    private InitialWeights() {
    }

    /**
     * Loads the matching member of {@code path} into {@code net} (initialised, built from {@code spec}).
     *
     * @return the number of parameters left at their initialisation because the class count differs (0 when it
     *     is the same)
     */
    static int load(Path path, NetworkSpec spec, Block net, NDManager manager) {
        try (NDManager scratch = manager.newSubManager()) {
            ModelBundle init = ModelBundle.load(path, scratch);
            for (int i = 0; i < init.manifest().members().size(); i++) {
                NetworkSpec s = init.manifest().members().get(i).spec();
                if (s.architecture() == spec.architecture() && s.frames() == spec.frames()
                        && s.width() == spec.width()) {
                    Block source = init.members().get(i);
                    if (s.classes() == spec.classes()) {
                        ModelBundle.loadParameters(net, ModelBundle.parameters(source), manager, path.toString());
                        return 0;
                    }
                    // the class layers keep their fresh initialisation
                    return ModelBundle.copyParameters(source, net, path.toString(), (name, from, to) -> false);
                }
            }
        }
        throw new VemsegException.InvalidInput(path + ": no member with " + spec.architecture() + ", "
                + spec.frames() + " frame(s), width " + spec.width() + " to start from");
    }
}
