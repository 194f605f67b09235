package io.jkeras.layers;

import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * Multiplies its inputs element-wise, as {@code keras.layers.Multiply} (gating, attention weights).
 *
 * <p>Inputs: at least two tensors whose shapes broadcast (see {@link Merge}), usually equal; output: their
 * broadcast shape. No weights.
 *
 * <pre>{@code
 * jshell> new Multiply().apply(Input.shape(8), Input.shape(8)).shape()
 * $1 ==> (None, 8)
 * }</pre>
 */
public class Multiply extends Merge {
    /** A new Multiply layer. */
    public Multiply() {
    }

    @Override
    protected INDArray merge(List<INDArray> xs) {
        INDArray y = xs.get(0).mul(xs.get(1));
        for (int i = 2; i < xs.size(); i++) y.muli(xs.get(i));
        return y;
    }

    @Override
    protected List<INDArray> gradients(List<INDArray> xs, INDArray y, INDArray g) {
        // d(x_0 * ... * x_n)/d(x_i) is the product of the others (no division: inputs may be 0).
        List<INDArray> out = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            INDArray d = null;
            for (int j = 0; j < xs.size(); j++) {
                if (j != i) d = d == null ? g.mul(xs.get(j)) : d.muli(xs.get(j)); // first product is new, then in place
            }
            out.add(d);
        }
        return out;
    }

    /** Masked entries count as 1 in the product (Keras 3.4+). */
    @Override
    protected Double maskedFill() {
        return 1.0;
    }

    /** Where every input is masked the product is 0, as Keras's {@code where(output_mask, output, 0)}. */
    @Override
    protected boolean zeroWhereAllMasked() {
        return true;
    }

    /** From a config (only the base keys). */
    public static Multiply fromConfig(Config c) {
        return new Multiply().withBaseConfig(c);
    }
}
