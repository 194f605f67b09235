package io.jkeras.layers;

import io.jkeras.saving.Config;

/**
 * Average pooling over 3-D windows: each output cell is the mean of its window, per channel, as {@code keras.layers.AveragePooling3D}.
 *
 * <p>{@code pool_size} default {@code (2, 2, 2)}; {@code strides} default the pool size; {@code padding}
 * {@code "valid"} (default) or {@code "same"}; {@code data_format} {@code "channels_last"} (default) or
 * {@code "channels_first"}. Input {@code (batch, d1, d2, d3, channels)} (channels_last) or {@code (batch, channels, d1, d2, d3)}; output the same with the spatial
 * axes pooled: {@code floor((n - pool) / stride) + 1} for valid, {@code ceil(n / stride)} for same. No
 * weights. With {@code "same"}, a window that overhangs the input averages only its real cells, as Keras does. Runs ND4J's native {@code avgpool3dnew} and {@code avgpool3dnew_bp}.
 *
 * <pre>{@code
 * jshell> new AveragePooling3D(2).apply(Input.shape(8, 16, 16, 4)).shape()
 * $1 ==> (None, 4, 8, 8, 4)
 * }</pre>
 */
public class AveragePooling3D extends Pooling<AveragePooling3D> {
    /** A pool of 2 in every spatial dimension, with stride 2. */
    public AveragePooling3D() {
        this(2);
    }

    /** @param poolSize one size for every spatial dimension, or one per dimension */
    public AveragePooling3D(int... poolSize) {
        super(3, false, poolSize);
    }

    /** From a config of any Keras version. */
    public static AveragePooling3D fromConfig(Config c) {
        return new AveragePooling3D(poolSizeOf(c)).withPoolingConfig(c);
    }
}
