package io.jkeras.layers;

import io.jkeras.saving.Config;

/**
 * Dropout of whole channels, as {@code keras.layers.SpatialDropout2D}: in training each (sample, channel)
 * pair is zeroed with probability {@code rate} across all its positions and the kept ones are scaled by
 * {@code 1 / (1 - rate)}; in inference it is the identity. Use it after convolutions, whose neighbouring
 * positions are strongly correlated, so that element-wise dropout would barely regularize.
 *
 * <p>Parameters: {@code rate} in [0, 1], {@code seed}, {@code data_format}. Input
 * {@code (batch, rows, cols, channels) (channels last) or (batch, channels, rows, cols)}; output the same shape.
 *
 * <pre>{@code
 * jshell> new SpatialDropout2D(0.2).apply(Input.shape(28, 28, 32)).shape()
 * $1 ==> (None, 28, 28, 32)
 * }</pre>
 */
public class SpatialDropout2D extends SpatialDropoutBase {
    /** @param rate the fraction of channels to drop, in [0, 1] */
    public SpatialDropout2D(double rate) {
        super(rate, 2, true);
    }

    /** {@code "channels_last"} (default) or {@code "channels_first"}. */
    public SpatialDropout2D dataFormat(String format) {
        setDataFormat(format);
        return this;
    }

    /** From a Keras config: {@code rate}, {@code seed}, {@code data_format}. */
    public static SpatialDropout2D fromConfig(Config c) {
        SpatialDropout2D d = new SpatialDropout2D(c.getDouble("rate", 0.5));
        d.dataFormat(c.getString("data_format", null));
        Object s = c.get("seed");
        if (s != null) d.seed(((Number) s).longValue());
        return d.withBaseConfig(c);
    }
}
