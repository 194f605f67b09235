package io.jkeras.layers;

import io.jkeras.saving.Config;

/**
 * The maximum over the rows and columns of each channel, as {@code keras.layers.GlobalMaxPooling2D}.
 *
 * <p>Input {@code (batch, rows, cols, channels)} (channels_last, default) or {@code (batch, channels, rows, cols)} (channels_first); output
 * {@code (batch, channels)}, or with {@code keepdims(true)} the input's rank with the pooled axes of size 1.
 * {@code data_format} {@code "channels_last"} (default) or {@code "channels_first"}. No weights. The gradient goes to the maximum; cells that tie for it share it equally, as in Keras.
 *
 * <pre>{@code
 * jshell> new GlobalMaxPooling2D().apply(Input.shape(7, 7, 512)).shape()
 * $1 ==> (None, 512)
 * }</pre>
 */
public class GlobalMaxPooling2D extends GlobalPooling<GlobalMaxPooling2D> {
    /** A global pooling with the defaults: channels_last, keepdims false. */
    public GlobalMaxPooling2D() {
        super(2, true);
    }

    /** From a config of any Keras version. */
    public static GlobalMaxPooling2D fromConfig(Config c) {
        return new GlobalMaxPooling2D().withGlobalConfig(c);
    }
}
