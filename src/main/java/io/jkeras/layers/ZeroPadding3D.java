package io.jkeras.layers;

import io.jkeras.saving.Config;

/**
 * Adds zeros around a volume (spatial or spatio-temporal data), as {@code keras.layers.ZeroPadding3D}.
 *
 * <p>{@code padding}: an int (all six sides, default 1), three ints (symmetric per axis) or
 * {@code ((left_dim1, right_dim1), (left_dim2, right_dim2), (left_dim3, right_dim3))}. {@code data_format}:
 * {@code "channels_last"} (default), input {@code (batch, d1, d2, d3, channels)}, or {@code "channels_first"},
 * input {@code (batch, channels, d1, d2, d3)}. Each spatial size grows by its two paddings.
 *
 * <pre>{@code
 * jshell> new ZeroPadding3D(1, 2, 3).apply(Input.shape(4, 4, 4, 2)).shape()
 * $1 ==> (None, 6, 8, 10, 2)
 * }</pre>
 */
public class ZeroPadding3D extends PaddingBase {
    /** One zero on every side, as Keras's default. */
    public ZeroPadding3D() {
        this(1);
    }

    /** @param padding zeros added on every side */
    public ZeroPadding3D(int padding) {
        super(3, padding, true);
    }

    /** Symmetric padding per spatial axis. */
    public ZeroPadding3D(int dim1, int dim2, int dim3) {
        super(3, new int[]{dim1, dim2, dim3}, true);
    }

    /** @param padding {@code {{before, after}, ...}}, one pair per spatial axis */
    public ZeroPadding3D(int[][] padding) {
        super(3, padding, true);
    }

    private ZeroPadding3D(Object spec) {
        super(3, spec, true);
    }

    /** {@code "channels_last"} (default) or {@code "channels_first"}. */
    public ZeroPadding3D dataFormat(String format) {
        setDataFormat(format);
        return this;
    }

    /** From a Keras config: {@code padding} as an int or nested lists, {@code data_format}. */
    public static ZeroPadding3D fromConfig(Config c) {
        ZeroPadding3D z = new ZeroPadding3D(c.get("padding") == null ? (Object) 1 : c.get("padding"));
        z.dataFormat(c.getString("data_format", null));
        return z.withBaseConfig(c);
    }
}
