package io.jkeras.layers;

import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Returns its input unchanged, as {@code keras.layers.Identity}: a placeholder in a model (a named tap,
 * an optional block switched off). Output shape = input shape; no weights, no copy.
 *
 * <pre>{@code
 * jshell> new Identity().apply(Input.shape(8)).shape()
 * $1 ==> (None, 8)
 * }</pre>
 */
public class Identity extends Layer {
    /** An identity layer. */
    public Identity() {
    }

    @Override
    protected Forward forward(INDArray input, boolean training) {
        return Forward.of(input, g -> g);
    }

    /** From a config (only the base keys). */
    public static Identity fromConfig(Config c) {
        return new Identity().withBaseConfig(c);
    }

    /** Passes its input's mask on unchanged, as Keras's {@code supports_masking = True}. */
    @Override
    public boolean supportsMasking() {
        return true;
    }
}
