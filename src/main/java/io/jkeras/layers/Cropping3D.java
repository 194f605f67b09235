package io.jkeras.layers;

import io.jkeras.saving.Config;

/**
 * Crops a volume (spatial or spatio-temporal data) along its three spatial axes, as
 * {@code keras.layers.Cropping3D}.
 *
 * <p>{@code cropping}: an int (all six sides, default 1), three ints (symmetric per axis) or
 * {@code ((start1, end1), (start2, end2), (start3, end3))}. {@code data_format}: {@code "channels_last"}
 * (default), input {@code (batch, d1, d2, d3, channels)}, or {@code "channels_first"}, input
 * {@code (batch, channels, d1, d2, d3)}. Each spatial size shrinks by its two croppings and must stay positive.
 *
 * <pre>{@code
 * jshell> new Cropping3D(1, 0, 2).apply(Input.shape(8, 8, 8, 2)).shape()
 * $1 ==> (None, 6, 8, 4, 2)
 * }</pre>
 */
public class Cropping3D extends CroppingBase {
    /** One slice off every side, as Keras's default. */
    public Cropping3D() {
        this(1);
    }

    /** @param cropping slices removed on every side */
    public Cropping3D(int cropping) {
        super(3, cropping, true);
    }

    /** Symmetric cropping per spatial axis. */
    public Cropping3D(int dim1, int dim2, int dim3) {
        super(3, new int[]{dim1, dim2, dim3}, true);
    }

    /** @param cropping {@code {{start, end}, ...}}, one pair per spatial axis */
    public Cropping3D(int[][] cropping) {
        super(3, cropping, true);
    }

    private Cropping3D(Object spec) {
        super(3, spec, true);
    }

    /** {@code "channels_last"} (default) or {@code "channels_first"}. */
    public Cropping3D dataFormat(String format) {
        setDataFormat(format);
        return this;
    }

    /** From a Keras config: {@code cropping} as an int or nested lists, {@code data_format}. */
    public static Cropping3D fromConfig(Config c) {
        Cropping3D z = new Cropping3D(c.get("cropping") == null ? (Object) 1 : c.get("cropping"));
        z.dataFormat(c.getString("data_format", null));
        return z.withBaseConfig(c);
    }
}
