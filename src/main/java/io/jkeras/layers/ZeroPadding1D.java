package io.jkeras.layers;

import io.jkeras.saving.Config;

/**
 * Adds zeros at the start and end of a sequence, as {@code keras.layers.ZeroPadding1D}.
 *
 * <p>{@code padding}: an int (both ends, default 1) or {@code (left, right)}. Input
 * {@code (batch, steps, features)}; output {@code (batch, left + steps + right, features)}.
 *
 * <pre>{@code
 * jshell> new ZeroPadding1D(1, 2).apply(Input.shape(10, 4)).shape()
 * $1 ==> (None, 13, 4)
 * }</pre>
 */
public class ZeroPadding1D extends PaddingBase {
    /** One zero at each end, as Keras's default. */
    public ZeroPadding1D() {
        this(1);
    }

    /** @param padding zeros added at each end */
    public ZeroPadding1D(int padding) {
        super(1, padding, false);
    }

    /** @param left zeros before the first step; @param right zeros after the last */
    public ZeroPadding1D(int left, int right) {
        super(1, new int[]{left, right}, false);
    }

    private ZeroPadding1D(Object spec) {
        super(1, spec, false);
    }

    /** From a Keras config: {@code padding} as an int or a pair. */
    public static ZeroPadding1D fromConfig(Config c) {
        return new ZeroPadding1D(c.get("padding") == null ? (Object) 1 : c.get("padding")).withBaseConfig(c);
    }
}
