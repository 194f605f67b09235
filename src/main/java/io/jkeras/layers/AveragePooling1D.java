package io.jkeras.layers;

import io.jkeras.saving.Config;

/**
 * Average pooling over 1-D windows of steps: each output step is the mean of its window, per channel, as {@code keras.layers.AveragePooling1D}.
 *
 * <p>{@code pool_size} default {@code 2}; {@code strides} default the pool size; {@code padding}
 * {@code "valid"} (default) or {@code "same"}; {@code data_format} {@code "channels_last"} (default) or
 * {@code "channels_first"}. Input {@code (batch, steps, channels)} (channels_last) or {@code (batch, channels, steps)}; output the same with the spatial
 * axes pooled: {@code floor((n - pool) / stride) + 1} for valid, {@code ceil(n / stride)} for same. No
 * weights. With {@code "same"}, a window that overhangs the input averages only its real cells, as Keras does. Runs ND4J's native {@code avgpool2d} and {@code avgpool2d_bp} on a height-1 view.
 *
 * <pre>{@code
 * jshell> new AveragePooling1D(2).apply(Input.shape(100, 16)).shape()
 * $1 ==> (None, 50, 16)
 * }</pre>
 */
public class AveragePooling1D extends Pooling<AveragePooling1D> {
    /** A pool of 2 in every spatial dimension, with stride 2. */
    public AveragePooling1D() {
        this(2);
    }

    /** @param poolSize one size for every spatial dimension, or one per dimension */
    public AveragePooling1D(int... poolSize) {
        super(1, false, poolSize);
    }

    /** From a config of any Keras version. */
    public static AveragePooling1D fromConfig(Config c) {
        return new AveragePooling1D(poolSizeOf(c)).withPoolingConfig(c);
    }
}
