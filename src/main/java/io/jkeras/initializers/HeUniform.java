package io.jkeras.initializers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * He uniform, as {@code keras.initializers.HeUniform}: uniform within {@code ±sqrt(6 / fan_in)};
 * suited to ReLU layers.
 * It is {@link VarianceScaling} with scale 2.0, {@code fan_in}, {@code uniform}; fans as
 * {@link Initializer#computeFans}.
 *
 * <pre>{@code
 * new Dense(64).kernelInitializer(new HeUniform(42L))   // or .kernelInitializer("he_uniform")
 * }</pre>
 */
public final class HeUniform extends VarianceScaling {
    /** @param seed a seed for repeatable values, or {@code null} */
    public HeUniform(Long seed) {
        super(2.0, "fan_in", "uniform", seed);
    }

    /** Unseeded. */
    public HeUniform() {
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
