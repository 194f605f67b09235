package io.jkeras.initializers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * LeCun uniform, as {@code keras.initializers.LecunUniform}: uniform within
 * {@code ±sqrt(3 / fan_in)}.
 * It is {@link VarianceScaling} with scale 1.0, {@code fan_in}, {@code uniform}; fans as
 * {@link Initializer#computeFans}.
 *
 * <pre>{@code
 * new Dense(64).kernelInitializer(new LecunUniform(42L))   // or .kernelInitializer("lecun_uniform")
 * }</pre>
 */
public final class LecunUniform extends VarianceScaling {
    /** @param seed a seed for repeatable values, or {@code null} */
    public LecunUniform(Long seed) {
        super(1.0, "fan_in", "uniform", seed);
    }

    /** Unseeded. */
    public LecunUniform() {
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
