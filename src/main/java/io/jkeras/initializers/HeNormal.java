package io.jkeras.initializers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * He normal, as {@code keras.initializers.HeNormal}: a truncated normal with stddev
 * {@code sqrt(2 / fan_in)} after truncation; suited to ReLU layers.
 * It is {@link VarianceScaling} with scale 2.0, {@code fan_in}, {@code truncated_normal}; fans as
 * {@link Initializer#computeFans}.
 *
 * <pre>{@code
 * new Dense(64).kernelInitializer(new HeNormal(42L))   // or .kernelInitializer("he_normal")
 * }</pre>
 */
public final class HeNormal extends VarianceScaling {
    /** @param seed a seed for repeatable values, or {@code null} */
    public HeNormal(Long seed) {
        super(2.0, "fan_in", "truncated_normal", seed);
    }

    /** Unseeded. */
    public HeNormal() {
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
