package org.vemseg.nn.bmz;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The PyTorch state dict of a vemseg network: its DJL parameters under the names the modules of the exported
 * architecture ({@code vemseg_networks.py}) give them.
 *
 * <p>Names follow the block tree: a child of a {@code SequentialBlock} is its 0-based index (as in
 * {@code nn.Sequential}); any other child is the name vemseg gave it ({@code encoder}, {@code layer1},
 * {@code side2dil11}), without DJL's two-digit order prefix. Parameters are renamed to PyTorch's
 * ({@code gamma} → {@code weight}, {@code runningMean} → {@code running_mean}, ...), and each batch norm gets
 * the {@code num_batches_tracked} buffer that PyTorch's strict loading expects (0: the count is not kept).
 */
public final class StateDict {

    private static final Map<String, String> TORCH_NAMES = Map.of("weight", "weight", "bias", "bias",
            "gamma", "weight", "beta", "bias", "runningMean", "running_mean", "runningVar", "running_var");

    private StateDict() {
    }

    /** The tensors of an initialised network, in block order. */
    public static List<TorchTensor> of(Block network) {
        List<TorchTensor> out = new ArrayList<>();
        collect(network, "", out);
        return out;
    }

    private static void collect(Block block, String prefix, List<TorchTensor> out) {
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            String name = TORCH_NAMES.get(p.getKey());
            if (name == null) {
                throw new IllegalStateException("no PyTorch name for parameter " + prefix + p.getKey() + " of "
                        + block.getClass().getSimpleName());
            }
            NDArray a = p.getValue().getArray();
            out.add(TorchTensor.of(prefix + name, a.getShape().getShape(), a.toFloatArray()));
        }
        if (block instanceof BatchNorm) {
            out.add(TorchTensor.scalar(prefix + "num_batches_tracked", 0));
        }
        boolean sequential = block instanceof SequentialBlock;
        int i = 0;
        for (Pair<String, Block> c : block.getChildren()) {
            String name = sequential ? Integer.toString(i) : c.getKey().substring(2);
            collect(c.getValue(), prefix + name + ".", out);
            i++;
        }
    }
}
