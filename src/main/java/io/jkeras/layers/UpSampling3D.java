package io.jkeras.layers;

import io.jkeras.saving.Config;

/**
 * Enlarges a volume by repeating each value, as {@code keras.layers.UpSampling3D}.
 *
 * <p>{@code size}: an int or three factors, default {@code (2, 2, 2)}. {@code data_format}:
 * {@code "channels_last"} (default), input {@code (batch, d1, d2, d3, channels)}, or {@code "channels_first"},
 * input {@code (batch, channels, d1, d2, d3)}. Each spatial size is multiplied by its factor.
 *
 * <pre>{@code
 * jshell> new UpSampling3D(1, 2, 3).apply(Input.shape(4, 4, 4, 2)).shape()
 * $1 ==> (None, 4, 8, 12, 2)
 * }</pre>
 */
public class UpSampling3D extends UpSamplingBase {
    /** Factors {@code (2, 2, 2)}, as Keras's default. */
    public UpSampling3D() {
        this(2);
    }

    /** @param size the factor on every spatial axis */
    public UpSampling3D(int size) {
        super(3, size, true);
    }

    /** One factor per spatial axis. */
    public UpSampling3D(int dim1, int dim2, int dim3) {
        super(3, new int[]{dim1, dim2, dim3}, true);
    }

    private UpSampling3D(Object size) {
        super(3, size, true);
    }

    /** {@code "channels_last"} (default) or {@code "channels_first"}. */
    public UpSampling3D dataFormat(String format) {
        setDataFormat(format);
        return this;
    }

    /** From a Keras config: {@code size}, {@code data_format}. */
    public static UpSampling3D fromConfig(Config c) {
        UpSampling3D u = new UpSampling3D(c.get("size") == null ? (Object) 2 : c.get("size"));
        u.dataFormat(c.getString("data_format", null));
        return u.withBaseConfig(c);
    }
}
