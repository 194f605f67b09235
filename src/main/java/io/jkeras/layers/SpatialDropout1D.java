package io.jkeras.layers;

import io.jkeras.saving.Config;

/**
 * Dropout of whole channels, as {@code keras.layers.SpatialDropout1D}: in training each (sample, channel)
 * pair is zeroed with probability {@code rate} across all its positions and the kept ones are scaled by
 * {@code 1 / (1 - rate)}; in inference it is the identity. Use it after convolutions, whose neighbouring
 * positions are strongly correlated, so that element-wise dropout would barely regularize.
 *
 * <p>Parameters: {@code rate} in [0, 1], {@code seed}. Input
 * {@code (batch, steps, channels)}; output the same shape.
 *
 * <pre>{@code
 * jshell> new SpatialDropout1D(0.2).apply(Input.shape(10, 8)).shape()
 * $1 ==> (None, 10, 8)
 * }</pre>
 */
public class SpatialDropout1D extends SpatialDropoutBase {
    /** @param rate the fraction of channels to drop, in [0, 1] */
    public SpatialDropout1D(double rate) {
        super(rate, 1, false);
    }

    /** From a Keras config: {@code rate}, {@code seed}. */
    public static SpatialDropout1D fromConfig(Config c) {
        SpatialDropout1D d = new SpatialDropout1D(c.getDouble("rate", 0.5));
        Object s = c.get("seed");
        if (s != null) d.seed(((Number) s).longValue());
        return d.withBaseConfig(c);
    }
}
