package io.jkeras.layers;

import io.jkeras.saving.Config;

/**
 * Dropout of whole channels, as {@code keras.layers.SpatialDropout3D}: in training each (sample, channel)
 * pair is zeroed with probability {@code rate} across all its positions and the kept ones are scaled by
 * {@code 1 / (1 - rate)}; in inference it is the identity. Use it after convolutions, whose neighbouring
 * positions are strongly correlated, so that element-wise dropout would barely regularize.
 *
 * <p>Parameters: {@code rate} in [0, 1], {@code seed}, {@code data_format}. Input
 * {@code (batch, d1, d2, d3, channels) (channels last) or (batch, channels, d1, d2, d3)}; output the same shape.
 *
 * <pre>{@code
 * jshell> new SpatialDropout3D(0.2).apply(Input.shape(8, 8, 8, 4)).shape()
 * $1 ==> (None, 8, 8, 8, 4)
 * }</pre>
 */
public class SpatialDropout3D extends SpatialDropoutBase {
    /** @param rate the fraction of channels to drop, in [0, 1] */
    public SpatialDropout3D(double rate) {
        super(rate, 3, true);
    }

    /** {@code "channels_last"} (default) or {@code "channels_first"}. */
    public SpatialDropout3D dataFormat(String format) {
        setDataFormat(format);
        return this;
    }

    /** From a Keras config: {@code rate}, {@code seed}, {@code data_format}. */
    public static SpatialDropout3D fromConfig(Config c) {
        SpatialDropout3D d = new SpatialDropout3D(c.getDouble("rate", 0.5));
        d.dataFormat(c.getString("data_format", null));
        Object s = c.get("seed");
        if (s != null) d.seed(((Number) s).longValue());
        return d.withBaseConfig(c);
    }
}
