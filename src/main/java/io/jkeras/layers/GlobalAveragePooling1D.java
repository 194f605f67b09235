package io.jkeras.layers;

import io.jkeras.saving.Config;

/**
 * The mean over the steps of each channel, as {@code keras.layers.GlobalAveragePooling1D}.
 *
 * <p>Input {@code (batch, steps, channels)} (channels_last, default) or {@code (batch, channels, steps)} (channels_first); output
 * {@code (batch, channels)}, or with {@code keepdims(true)} the input's rank with the pooled axes of size 1.
 * {@code data_format} {@code "channels_last"} (default) or {@code "channels_first"}. No weights.
 *
 * <pre>{@code
 * jshell> new GlobalAveragePooling1D().apply(Input.shape(100, 64)).shape()
 * $1 ==> (None, 64)
 * }</pre>
 */
public class GlobalAveragePooling1D extends GlobalPooling<GlobalAveragePooling1D> {
    /** A global pooling with the defaults: channels_last, keepdims false. */
    public GlobalAveragePooling1D() {
        super(1, false);
    }

    /** From a config of any Keras version. */
    public static GlobalAveragePooling1D fromConfig(Config c) {
        return new GlobalAveragePooling1D().withGlobalConfig(c);
    }
}
