package io.jkeras.layers;

import io.jkeras.saving.Config;

/**
 * Repeats each step of a sequence {@code size} times, as {@code keras.layers.UpSampling1D}.
 *
 * <p>{@code size}: the factor, default 2. Input {@code (batch, steps, features)}; output
 * {@code (batch, steps * size, features)}.
 *
 * <pre>{@code
 * jshell> new UpSampling1D(3).apply(Nd4j.createFromArray(1f, 2f).reshape(1, 2, 1)).reshape(6)
 * $1 ==> [1.0000, 1.0000, 1.0000, 2.0000, 2.0000, 2.0000]
 * }</pre>
 */
public class UpSampling1D extends UpSamplingBase {
    /** A factor of 2, as Keras's default. */
    public UpSampling1D() {
        this(2);
    }

    /** @param size the factor, positive */
    public UpSampling1D(int size) {
        super(1, size, false);
    }

    /** From a Keras config: {@code size} as an int. */
    public static UpSampling1D fromConfig(Config c) {
        return new UpSampling1D(c.getInt("size", 2)).withBaseConfig(c);
    }
}
