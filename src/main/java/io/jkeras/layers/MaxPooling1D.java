package io.jkeras.layers;

import io.jkeras.saving.Config;

/**
 * Max pooling over 1-D windows of steps: each output step is the largest value of its window, per channel, as {@code keras.layers.MaxPooling1D}.
 *
 * <p>{@code pool_size} default {@code 2}; {@code strides} default the pool size; {@code padding}
 * {@code "valid"} (default) or {@code "same"}; {@code data_format} {@code "channels_last"} (default) or
 * {@code "channels_first"}. Input {@code (batch, steps, channels)} (channels_last) or {@code (batch, channels, steps)}; output the same with the spatial
 * axes pooled: {@code floor((n - pool) / stride) + 1} for valid, {@code ceil(n / stride)} for same. No
 * weights. The gradient goes to the first maximum of each window. Runs ND4J's native {@code maxpool2d} and {@code maxpool2d_bp} on a height-1 view.
 *
 * <pre>{@code
 * jshell> new MaxPooling1D(2).apply(Input.shape(100, 16)).shape()
 * $1 ==> (None, 50, 16)
 * }</pre>
 */
public class MaxPooling1D extends Pooling<MaxPooling1D> {
    /** A pool of 2 in every spatial dimension, with stride 2. */
    public MaxPooling1D() {
        this(2);
    }

    /** @param poolSize one size for every spatial dimension, or one per dimension */
    public MaxPooling1D(int... poolSize) {
        super(1, true, poolSize);
    }

    /** From a config of any Keras version. */
    public static MaxPooling1D fromConfig(Config c) {
        return new MaxPooling1D(poolSizeOf(c)).withPoolingConfig(c);
    }
}
