package io.jkeras.layers;

import io.jkeras.saving.Config;

/**
 * The maximum over the three spatial axes of each channel, as {@code keras.layers.GlobalMaxPooling3D}.
 *
 * <p>Input {@code (batch, d1, d2, d3, channels)} (channels_last, default) or {@code (batch, channels, d1, d2, d3)} (channels_first); output
 * {@code (batch, channels)}, or with {@code keepdims(true)} the input's rank with the pooled axes of size 1.
 * {@code data_format} {@code "channels_last"} (default) or {@code "channels_first"}. No weights. The gradient goes to the maximum; cells that tie for it share it equally, as in Keras.
 *
 * <pre>{@code
 * jshell> new GlobalMaxPooling3D().apply(Input.shape(4, 8, 8, 16)).shape()
 * $1 ==> (None, 16)
 * }</pre>
 */
public class GlobalMaxPooling3D extends GlobalPooling<GlobalMaxPooling3D> {
    /** A global pooling with the defaults: channels_last, keepdims false. */
    public GlobalMaxPooling3D() {
        super(3, true);
    }

    /** From a config of any Keras version. */
    public static GlobalMaxPooling3D fromConfig(Config c) {
        return new GlobalMaxPooling3D().withGlobalConfig(c);
    }
}
