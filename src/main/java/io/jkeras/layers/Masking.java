package io.jkeras.layers;

import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Masks the timesteps whose every feature equals {@code mask_value}, as {@code keras.layers.Masking}.
 *
 * <p>{@code mask = any(input != mask_value, axis=-1)}, true where a step counts; the output is
 * {@code input * mask} (masked steps set to 0) and carries that mask, which the layers after it honour (pooling
 * over time, RNNs, the losses and metrics). Parameter: {@code mask_value} (default 0.0). Input
 * {@code (batch, steps, features)} (any rank ≥ 2); output the same shape; the mask is the input's shape without
 * its last axis. No weights. The gradient is {@code dy * mask}.
 *
 * <pre>{@code
 * jshell> KerasTensor x = Input.shape(10, 8);
 * jshell> new Masking().maskValue(-1.0).apply(x).shape()
 * $2 ==> (None, 10, 8)
 * }</pre>
 */
public class Masking extends Layer {
    private double maskValue;

    /** A Masking layer for the value 0.0. */
    public Masking() {
        this(0.0);
    }

    /** @param maskValue the padding value: a step whose features all equal it is masked */
    public Masking(double maskValue) {
        this.maskValue = maskValue;
        this.inputSpec = new InputSpec().minNdim(2);
    }

    /** Sets the padding value; returns this layer. */
    public Masking maskValue(double v) {
        requireNotBuilt("mask_value");
        this.maskValue = v;
        return this;
    }

    /** The padding value. */
    public double maskValue() {
        return maskValue;
    }

    @Override
    public boolean supportsMasking() {
        return true;
    }

    /** {@code any(input != mask_value, axis=-1)}, whatever mask came in (Keras replaces it). */
    @Override
    public List<INDArray> computeMask(List<INDArray> inputs, List<INDArray> masks) {
        return List.of(stepMask(inputs.get(0)));
    }

    /** 1 where some feature of a step differs from the mask value, as a (batch, ..., 1) array of the input's type. */
    private INDArray keep(INDArray x) {
        // max over the last axis of (x != v): the any() of Keras, as one comparison and one reduction
        return x.neq(maskValue).castTo(x.dataType()).max(true, x.rank() - 1);
    }

    private INDArray stepMask(INDArray x) {
        INDArray k = keep(x);
        return k.reshape('c', Arrays.copyOf(x.shape(), x.rank() - 1)).neq(0);
    }

    /** An incoming mask is replaced by this layer's own (computed once, with the output). */
    @Override
    public Forward forward(List<INDArray> inputs, List<INDArray> masks, boolean training) {
        return forward(inputs, training);
    }

    @Override
    protected Forward forward(INDArray x, boolean training) {
        INDArray k = keep(x);
        INDArray kb = k.broadcast(x.shape());
        INDArray y = x.mul(kb);
        INDArray mask = k.reshape('c', Arrays.copyOf(x.shape(), x.rank() - 1)).neq(0);
        return Forward.of(y, g -> g.mul(kb)).withMasks(List.of(mask));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("mask_value", maskValue);
        return c;
    }

    /** From a config of any Keras version. */
    public static Masking fromConfig(Config c) {
        return new Masking(c.getDouble("mask_value", 0.0)).withBaseConfig(c);
    }
}
