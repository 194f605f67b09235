package io.jkeras.layers;

import io.jkeras.saving.Config;

/**
 * Max pooling over 2-D windows, as {@code keras.layers.MaxPooling2D}: each output cell is the largest value of
 * its {@code pool_size} window, per channel.
 *
 * <p>{@code pool_size} default {@code (2, 2)}; {@code strides} default the pool size; {@code padding}
 * {@code "valid"} (default) or {@code "same"}; {@code data_format} {@code "channels_last"} (default) or
 * {@code "channels_first"}. Input {@code (batch, rows, cols, channels)} (channels_last) or
 * {@code (batch, channels, rows, cols)}; output the same with rows and cols pooled:
 * {@code floor((n - pool) / stride) + 1} for valid, {@code ceil(n / stride)} for same. No weights. The
 * gradient goes to the first maximum of each window. Runs ND4J's native {@code maxpool2d} and
 * {@code maxpool2d_bp}.
 *
 * <pre>{@code
 * jshell> new MaxPooling2D(2).apply(Input.shape(26, 26, 32)).shape()
 * $1 ==> (None, 13, 13, 32)
 * jshell> new MaxPooling2D(3).strides(1).padding("same").apply(Input.shape(11, 11, 64)).shape()
 * $2 ==> (None, 11, 11, 64)
 * }</pre>
 */
public class MaxPooling2D extends Pooling<MaxPooling2D> {
    /** A 2×2 pool with stride 2. */
    public MaxPooling2D() {
        this(2);
    }

    /** @param poolSize one size for both dimensions ({@code 2} for 2×2), or {@code (rows, cols)} */
    public MaxPooling2D(int... poolSize) {
        super(2, true, poolSize);
    }

    /** From a config of any Keras version. */
    public static MaxPooling2D fromConfig(Config c) {
        return new MaxPooling2D(poolSizeOf(c)).withPoolingConfig(c);
    }
}
