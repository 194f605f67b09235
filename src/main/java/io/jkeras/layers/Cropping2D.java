package io.jkeras.layers;

import io.jkeras.saving.Config;

/**
 * Crops an image along its height and width, as {@code keras.layers.Cropping2D}.
 *
 * <p>{@code cropping}: an int (all four sides), two ints (symmetric height and width cropping) or
 * {@code ((top, bottom), (left, right))}; default none. {@code data_format}: {@code "channels_last"} (default),
 * input {@code (batch, rows, cols, channels)}, or {@code "channels_first"}, input
 * {@code (batch, channels, rows, cols)}. Output: {@code rows - top - bottom}, {@code cols - left - right}, each
 * of which must stay positive.
 *
 * <pre>{@code
 * jshell> new Cropping2D(new int[][]{{2, 2}, {4, 4}}).apply(Input.shape(28, 28, 3)).shape()
 * $1 ==> (None, 24, 20, 3)
 * }</pre>
 */
public class Cropping2D extends CroppingBase {
    /** No cropping, as Keras's default. */
    public Cropping2D() {
        this(0);
    }

    /** @param cropping rows/columns removed on every side */
    public Cropping2D(int cropping) {
        super(2, cropping, true);
    }

    /** @param height rows removed at top and bottom; @param width columns removed left and right */
    public Cropping2D(int height, int width) {
        super(2, new int[]{height, width}, true);
    }

    /** @param cropping {@code {{top, bottom}, {left, right}}} */
    public Cropping2D(int[][] cropping) {
        super(2, cropping, true);
    }

    private Cropping2D(Object spec) {
        super(2, spec, true);
    }

    /** {@code "channels_last"} (default) or {@code "channels_first"}. */
    public Cropping2D dataFormat(String format) {
        setDataFormat(format);
        return this;
    }

    /** From a Keras config: {@code cropping} as an int or nested lists, {@code data_format}. */
    public static Cropping2D fromConfig(Config c) {
        Cropping2D z = new Cropping2D(c.get("cropping") == null ? (Object) 0 : c.get("cropping"));
        z.dataFormat(c.getString("data_format", null));
        return z.withBaseConfig(c);
    }
}
