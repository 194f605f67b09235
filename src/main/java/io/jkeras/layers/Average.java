package io.jkeras.layers;

import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * Averages its inputs element-wise, as {@code keras.layers.Average} (ensembles).
 *
 * <p>Inputs: at least two tensors whose shapes broadcast (see {@link Merge}), usually equal; output: their
 * broadcast shape. No weights.
 *
 * <pre>{@code
 * jshell> new Average().apply(Input.shape(10), Input.shape(10), Input.shape(10)).shape()
 * $1 ==> (None, 10)
 * }</pre>
 */
public class Average extends Merge {
    /** A new Average layer. */
    public Average() {
    }

    @Override
    protected INDArray merge(List<INDArray> xs) {
        INDArray y = xs.get(0).add(xs.get(1));
        for (int i = 2; i < xs.size(); i++) y.addi(xs.get(i));
        return y.divi(xs.size());
    }

    @Override
    protected List<INDArray> gradients(List<INDArray> xs, INDArray y, INDArray g) {
        // d(mean)/d(x_i) = 1/n for all: one new array shared by every input.
        INDArray d = g.div(xs.size());
        List<INDArray> out = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) out.add(d);
        return out;
    }

    /** From a config (only the base keys). */
    public static Average fromConfig(Config c) {
        return new Average().withBaseConfig(c);
    }
}
