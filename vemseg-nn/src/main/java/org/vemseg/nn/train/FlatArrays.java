package org.vemseg.nn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Many small arrays re-seated as views of one flat array, so that an element-wise update of all of them is one
 * engine call instead of one per array: a network has dozens of small parameter arrays, and per-array calls cost
 * more than their arithmetic (see {@link Optimiser}).
 */
final class FlatArrays {

    private FlatArrays() {
    }

    /**
     * Copies {@code arrays} into one new flat array (without gradient) and makes each of them, in place, a view of
     * its consecutive slice: the array objects the network holds keep their values and now read and write the
     * flat array's storage, also when the engine updates them in place (batch-norm statistics).
     */
    static NDArray seat(List<NDArray> arrays) {
        NDList pieces = new NDList();
        for (NDArray a : arrays) {
            pieces.add(a.reshape(-1));
        }
        NDArray flat = NDArrays.concat(pieces);
        pieces.close();
        flat.setRequiresGradient(false);
        long offset = 0;
        for (NDArray a : arrays) {
            Shape shape = a.getShape();
            // the array object takes over the view's native handle
            a.intern(view(flat, offset, shape));
            offset += shape.size();
        }
        return flat;
    }

    /** The slice of {@code flat} from {@code offset}, shaped as {@code shape}. */
    static NDArray view(NDArray flat, long offset, Shape shape) {
        return flat.get(new NDIndex("{}:{}", offset, offset + shape.size())).reshape(shape);
    }
}
