package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.saving.Config;

/**
 * Removes steps at the start and end of a sequence, as {@code keras.layers.Cropping1D}.
 *
 * <p>{@code cropping}: an int (both ends, default 1) or {@code (start, end)}. Input
 * {@code (batch, steps, features)}; output {@code (batch, steps - start - end, features)}, which must stay
 * positive.
 *
 * <pre>{@code
 * jshell> new Cropping1D(1, 2).apply(Input.shape(10, 4)).shape()
 * $1 ==> (None, 7, 4)
 * }</pre>
 */
public class Cropping1D extends CroppingBase {
    /** One step off each end, as Keras's default. */
    public Cropping1D() {
        this(1);
    }

    /** @param cropping steps removed at each end */
    public Cropping1D(int cropping) {
        super(1, cropping, false);
    }

    /** @param start steps removed at the start; @param end steps removed at the end */
    public Cropping1D(int start, int end) {
        super(1, new int[]{start, end}, false);
    }

    private Cropping1D(Object spec) {
        super(1, spec, false);
    }

    @Override
    String tooMuchMessage(Shape input) {
        return "`cropping` parameter of `Cropping1D` layer must be smaller than the input length. Received: input_shape="
                + input + ", cropping=" + Spatial.repr(cropping[0]);
    }

    /** From a Keras config: {@code cropping} as an int or a pair. */
    public static Cropping1D fromConfig(Config c) {
        return new Cropping1D(c.get("cropping") == null ? (Object) 1 : c.get("cropping")).withBaseConfig(c);
    }
}
