package io.jkeras.initializers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Glorot (Xavier) normal, as {@code keras.initializers.GlorotNormal}: a truncated normal with
 * stddev {@code sqrt(2 / (fan_in + fan_out))} after truncation.
 * It is {@link VarianceScaling} with scale 1.0, {@code fan_avg}, {@code truncated_normal}; fans as
 * {@link Initializer#computeFans}.
 *
 * <pre>{@code
 * new Dense(64).kernelInitializer(new GlorotNormal(42L))   // or .kernelInitializer("glorot_normal")
 * }</pre>
 */
public final class GlorotNormal extends VarianceScaling {
    /** @param seed a seed for repeatable values, or {@code null} */
    public GlorotNormal(Long seed) {
        super(1.0, "fan_avg", "truncated_normal", seed);
    }

    /** Unseeded. */
    public GlorotNormal() {
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
