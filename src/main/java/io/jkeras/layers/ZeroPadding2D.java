package io.jkeras.layers;

import io.jkeras.saving.Config;

/**
 * Adds rows and columns of zeros around an image, as {@code keras.layers.ZeroPadding2D}.
 *
 * <p>{@code padding}: an int (the same on all four sides, default 1), two ints (symmetric height and width
 * padding) or {@code ((top, bottom), (left, right))}. {@code data_format}: {@code "channels_last"} (default),
 * input {@code (batch, rows, cols, channels)}, or {@code "channels_first"}, input
 * {@code (batch, channels, rows, cols)}. Output: {@code rows + top + bottom}, {@code cols + left + right}.
 *
 * <pre>{@code
 * jshell> new ZeroPadding2D(new int[][]{{1, 2}, {0, 3}}).apply(Input.shape(28, 28, 3)).shape()
 * $1 ==> (None, 31, 31, 3)
 * }</pre>
 */
public class ZeroPadding2D extends PaddingBase {
    /** One row/column of zeros on every side, as Keras's default. */
    public ZeroPadding2D() {
        this(1);
    }

    /** @param padding zeros added on every side */
    public ZeroPadding2D(int padding) {
        super(2, padding, true);
    }

    /** @param height zeros above and below; @param width zeros left and right */
    public ZeroPadding2D(int height, int width) {
        super(2, new int[]{height, width}, true);
    }

    /** @param padding {@code {{top, bottom}, {left, right}}} */
    public ZeroPadding2D(int[][] padding) {
        super(2, padding, true);
    }

    private ZeroPadding2D(Object spec) {
        super(2, spec, true);
    }

    /** {@code "channels_last"} (default) or {@code "channels_first"}. */
    public ZeroPadding2D dataFormat(String format) {
        setDataFormat(format);
        return this;
    }

    /** From a Keras config: {@code padding} as an int or nested lists, {@code data_format}. */
    public static ZeroPadding2D fromConfig(Config c) {
        ZeroPadding2D z = new ZeroPadding2D(c.get("padding") == null ? (Object) 1 : c.get("padding"));
        z.dataFormat(c.getString("data_format", null));
        return z.withBaseConfig(c);
    }
}
