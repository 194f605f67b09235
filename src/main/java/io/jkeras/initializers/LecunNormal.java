package io.jkeras.initializers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * LeCun normal, as {@code keras.initializers.LecunNormal}: a truncated normal with stddev
 * {@code sqrt(1 / fan_in)} after truncation; suited to SELU layers.
 * It is {@link VarianceScaling} with scale 1.0, {@code fan_in}, {@code truncated_normal}; fans as
 * {@link Initializer#computeFans}.
 *
 * <pre>{@code
 * new Dense(64).kernelInitializer(new LecunNormal(42L))   // or .kernelInitializer("lecun_normal")
 * }</pre>
 */
public final class LecunNormal extends VarianceScaling {
    /** @param seed a seed for repeatable values, or {@code null} */
    public LecunNormal(Long seed) {
        super(1.0, "fan_in", "truncated_normal", seed);
    }

    /** Unseeded. */
    public LecunNormal() {
        this(null);
    }

    /** Keras writes only the seed: the other arguments are fixed by the class. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("seed", seed());
        return c;
    }
}
