package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Permutes the non-batch axes, as {@code keras.layers.Permute}.
 *
 * <p>{@code dims}: a permutation of {@code 1..n}, 1-based as in Keras (axis 0, the batch, stays put).
 * {@code Permute(2, 1)} swaps the first and second axes of each sample. Input {@code (batch, d1, ..., dn)};
 * output {@code (batch, d_dims[0], ..., d_dims[n-1])}.
 *
 * <pre>{@code
 * jshell> new Permute(2, 1).apply(Input.shape(10, 64)).shape()
 * $1 ==> (None, 64, 10)
 * }</pre>
 */
public class Permute extends Layer {
    private final int[] dims;
    private final int[] axes;     // (0, dims...): the forward permutation, batch included
    private final int[] inverse;  // its inverse, for the gradient

    /** @param dims a permutation of 1..n */
    public Permute(int... dims) {
        int[] sorted = dims.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] != i + 1) {
                throw new IllegalArgumentException("Invalid permutation argument `dims` for Permute Layer. The set of "
                        + "indices in `dims` must be consecutive and start from 1. Received dims=" + LayerErrors.tuple(dims));
            }
        }
        this.dims = dims.clone();
        this.axes = new int[dims.length + 1];
        this.inverse = new int[dims.length + 1];
        for (int i = 0; i < dims.length; i++) axes[i + 1] = dims[i];
        for (int i = 0; i < axes.length; i++) inverse[axes[i]] = i;
        this.inputSpec = new InputSpec().ndim(dims.length + 1);
    }

    /** The 1-based permutation. */
    public int[] dims() {
        return dims.clone();
    }

    @Override
    public Shape computeOutputShape(Shape inputShape) {
        List<Integer> out = new ArrayList<>();
        for (int a : axes) out.add(inputShape.get(a));
        return Shape.of(out);
    }

    @Override
    protected Forward forward(INDArray input, boolean training) {
        // Strided views both ways: the next op that needs contiguous memory makes the one copy.
        return Forward.of(input.permute(axes), g -> g.permute(inverse));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        List<Integer> d = new ArrayList<>();
        for (int v : dims) d.add(v);
        c.put("dims", d);
        return c;
    }

    /** From a config of any Keras version. */
    public static Permute fromConfig(Config c) {
        return new Permute(c.getInts("dims")).withBaseConfig(c);
    }
}
