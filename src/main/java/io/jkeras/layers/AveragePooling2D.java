package io.jkeras.layers;

import io.jkeras.saving.Config;

/**
 * Average pooling over 2-D windows, as {@code keras.layers.AveragePooling2D}: each output cell is the mean of
 * its {@code pool_size} window, per channel.
 *
 * <p>{@code pool_size} default {@code (2, 2)}; {@code strides} default the pool size; {@code padding}
 * {@code "valid"} (default) or {@code "same"}; {@code data_format} {@code "channels_last"} (default) or
 * {@code "channels_first"}. Input {@code (batch, rows, cols, channels)} (channels_last) or
 * {@code (batch, channels, rows, cols)}; output the same with rows and cols pooled, as {@link MaxPooling2D}.
 * With {@code "same"}, a window that overhangs the input averages only its real cells (the padding is not
 * counted), as Keras does. No weights. Runs ND4J's native {@code avgpool2d} and {@code avgpool2d_bp}.
 *
 * <pre>{@code
 * jshell> new AveragePooling2D(2).apply(Input.shape(11, 11, 64)).shape()
 * $1 ==> (None, 5, 5, 64)
 * }</pre>
 */
public class AveragePooling2D extends Pooling<AveragePooling2D> {
    /** A 2×2 pool with stride 2. */
    public AveragePooling2D() {
        this(2);
    }

    /** @param poolSize one size for both dimensions ({@code 2} for 2×2), or {@code (rows, cols)} */
    public AveragePooling2D(int... poolSize) {
        super(2, false, poolSize);
    }

    /** From a config of any Keras version. */
    public static AveragePooling2D fromConfig(Config c) {
        return new AveragePooling2D(poolSizeOf(c)).withPoolingConfig(c);
    }
}
