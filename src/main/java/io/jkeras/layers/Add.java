package io.jkeras.layers;

import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * Adds its inputs element-wise, as {@code keras.layers.Add}: the merge of a residual (skip) connection.
 *
 * <p>Inputs: at least two tensors whose shapes broadcast (see {@link Merge}), usually equal; output: their
 * broadcast shape. No weights.
 *
 * <pre>{@code
 * jshell> KerasTensor x = Input.shape(16);
 * jshell> KerasTensor y = new Add().apply(x, new Dense(16).apply(x));   // or Merging.add(x, ...)
 * }</pre>
 */
public class Add extends Merge {
    /** A new Add layer. */
    public Add() {
    }

    @Override
    protected INDArray merge(List<INDArray> xs) {
        INDArray y = xs.get(0).add(xs.get(1));
        for (int i = 2; i < xs.size(); i++) y.addi(xs.get(i)); // y is ours: in place
        return y;
    }

    @Override
    protected List<INDArray> gradients(List<INDArray> xs, INDArray y, INDArray g) {
        // d(sum)/d(x_i) = 1: every input receives g itself (the engine never modifies it).
        List<INDArray> out = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) out.add(g);
        return out;
    }

    /** From a config (only the base keys). */
    public static Add fromConfig(Config c) {
        return new Add().withBaseConfig(c);
    }
}
