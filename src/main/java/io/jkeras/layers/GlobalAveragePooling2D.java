package io.jkeras.layers;

import io.jkeras.saving.Config;

/**
 * The mean over the rows and columns of each channel, as {@code keras.layers.GlobalAveragePooling2D}.
 *
 * <p>Input {@code (batch, rows, cols, channels)} (channels_last, default) or {@code (batch, channels, rows, cols)} (channels_first); output
 * {@code (batch, channels)}, or with {@code keepdims(true)} the input's rank with the pooled axes of size 1.
 * {@code data_format} {@code "channels_last"} (default) or {@code "channels_first"}. No weights.
 *
 * <pre>{@code
 * jshell> new GlobalAveragePooling2D().apply(Input.shape(7, 7, 512)).shape()
 * $1 ==> (None, 512)
 * }</pre>
 */
public class GlobalAveragePooling2D extends GlobalPooling<GlobalAveragePooling2D> {
    /** A global pooling with the defaults: channels_last, keepdims false. */
    public GlobalAveragePooling2D() {
        super(2, false);
    }

    /** From a config of any Keras version. */
    public static GlobalAveragePooling2D fromConfig(Config c) {
        return new GlobalAveragePooling2D().withGlobalConfig(c);
    }
}
