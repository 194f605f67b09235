package io.jkeras.layers;

import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;

/**
 * The element-wise minimum of its inputs, as {@code keras.layers.Minimum}.
 *
 * <p>Inputs: at least two tensors whose shapes broadcast (see {@link Merge}), usually equal; output: their
 * broadcast shape. The gradient of each element goes to the input that won there (the first one on ties).
 * No weights.
 *
 * <pre>{@code
 * jshell> new Minimum().apply(Input.shape(8), Input.shape(8)).shape()
 * $1 ==> (None, 8)
 * }</pre>
 */
public class Minimum extends Merge {
    /** A new Minimum layer. */
    public Minimum() {
    }

    @Override
    protected INDArray merge(List<INDArray> xs) {
        INDArray y = Transforms.min(xs.get(0), xs.get(1), true); // a new array; later inputs fold in place
        for (int i = 2; i < xs.size(); i++) Transforms.min(y, xs.get(i), false);
        return y;
    }

    @Override
    protected List<INDArray> gradients(List<INDArray> xs, INDArray y, INDArray g) {
        return winnerGradients(xs, y, g);
    }

    /** Masked entries never win (Keras 3.4+). */
    @Override
    protected Double maskedFill() {
        return Double.MAX_VALUE;
    }

    /** From a config (only the base keys). */
    public static Minimum fromConfig(Config c) {
        return new Minimum().withBaseConfig(c);
    }
}
