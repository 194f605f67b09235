package io.jkeras.layers;

import io.jkeras.saving.Config;

/**
 * The maximum over the steps of each channel, as {@code keras.layers.GlobalMaxPooling1D}.
 *
 * <p>Input {@code (batch, steps, channels)} (channels_last, default) or {@code (batch, channels, steps)} (channels_first); output
 * {@code (batch, channels)}, or with {@code keepdims(true)} the input's rank with the pooled axes of size 1.
 * {@code data_format} {@code "channels_last"} (default) or {@code "channels_first"}. No weights. The gradient goes to the maximum; cells that tie for it share it equally, as in Keras.
 *
 * <pre>{@code
 * jshell> new GlobalMaxPooling1D().apply(Input.shape(100, 64)).shape()
 * $1 ==> (None, 64)
 * }</pre>
 */
public class GlobalMaxPooling1D extends GlobalPooling<GlobalMaxPooling1D> {
    /** A global pooling with the defaults: channels_last, keepdims false. */
    public GlobalMaxPooling1D() {
        super(1, true);
    }

    /** From a config of any Keras version. */
    public static GlobalMaxPooling1D fromConfig(Config c) {
        return new GlobalMaxPooling1D().withGlobalConfig(c);
    }
}
