package io.jkeras.initializers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Glorot (Xavier) uniform: within {@code ±sqrt(6 / (fan_in + fan_out))}; the default kernel
 * initializer of Dense and Conv layers, as {@code keras.initializers.GlorotUniform}.
 *
 * <pre>{@code
 * new Dense(64).kernelInitializer(new GlorotUniform(42L))
 * }</pre>
 */
public final class GlorotUniform extends VarianceScaling {
    /** @param seed a seed for repeatable values, or {@code null} */
    public GlorotUniform(Long seed) {
        super(1.0, "fan_avg", "uniform", seed);
    }

    /** Unseeded. */
    public GlorotUniform() {
        this(null);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("seed", seed());
        return c;
    }
}
