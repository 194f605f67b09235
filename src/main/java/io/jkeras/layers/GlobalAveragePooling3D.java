package io.jkeras.layers;

import io.jkeras.saving.Config;

/**
 * The mean over the three spatial axes of each channel, as {@code keras.layers.GlobalAveragePooling3D}.
 *
 * <p>Input {@code (batch, d1, d2, d3, channels)} (channels_last, default) or {@code (batch, channels, d1, d2, d3)} (channels_first); output
 * {@code (batch, channels)}, or with {@code keepdims(true)} the input's rank with the pooled axes of size 1.
 * {@code data_format} {@code "channels_last"} (default) or {@code "channels_first"}. No weights.
 *
 * <pre>{@code
 * jshell> new GlobalAveragePooling3D().apply(Input.shape(4, 8, 8, 16)).shape()
 * $1 ==> (None, 16)
 * }</pre>
 */
public class GlobalAveragePooling3D extends GlobalPooling<GlobalAveragePooling3D> {
    /** A global pooling with the defaults: channels_last, keepdims false. */
    public GlobalAveragePooling3D() {
        super(3, false);
    }

    /** From a config of any Keras version. */
    public static GlobalAveragePooling3D fromConfig(Config c) {
        return new GlobalAveragePooling3D().withGlobalConfig(c);
    }
}
