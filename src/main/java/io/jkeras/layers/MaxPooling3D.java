package io.jkeras.layers;

import io.jkeras.saving.Config;

/**
 * Max pooling over 3-D windows: each output cell is the largest value of its window, per channel, as {@code keras.layers.MaxPooling3D}.
 *
 * <p>{@code pool_size} default {@code (2, 2, 2)}; {@code strides} default the pool size; {@code padding}
 * {@code "valid"} (default) or {@code "same"}; {@code data_format} {@code "channels_last"} (default) or
 * {@code "channels_first"}. Input {@code (batch, d1, d2, d3, channels)} (channels_last) or {@code (batch, channels, d1, d2, d3)}; output the same with the spatial
 * axes pooled: {@code floor((n - pool) / stride) + 1} for valid, {@code ceil(n / stride)} for same. No
 * weights. The gradient goes to the first maximum of each window. Runs ND4J's native {@code maxpool3dnew} and {@code maxpool3dnew_bp}.
 *
 * <pre>{@code
 * jshell> new MaxPooling3D(2).apply(Input.shape(8, 16, 16, 4)).shape()
 * $1 ==> (None, 4, 8, 8, 4)
 * }</pre>
 */
public class MaxPooling3D extends Pooling<MaxPooling3D> {
    /** A pool of 2 in every spatial dimension, with stride 2. */
    public MaxPooling3D() {
        this(2);
    }

    /** @param poolSize one size for every spatial dimension, or one per dimension */
    public MaxPooling3D(int... poolSize) {
        super(3, true, poolSize);
    }

    /** From a config of any Keras version. */
    public static MaxPooling3D fromConfig(Config c) {
        return new MaxPooling3D(poolSizeOf(c)).withPoolingConfig(c);
    }
}
