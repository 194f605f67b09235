package io.jkeras.constraints;

import io.jkeras.saving.Config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Looks constraints up by Keras name or config, and serializes them, as {@code keras.constraints.get}.
 *
 * <pre>{@code
 * Constraint c = Constraints.get("non_neg");
 * }</pre>
 */
public final class Constraints {
    private static final Map<String, Function<Config, Constraint>> REGISTRY = new LinkedHashMap<>();

    static {
        // Class names, Keras 3's snake_case names, and Keras 2's legacy lowercase aliases.
        register("MaxNorm", c -> new MaxNorm(c.getDouble("max_value", c.getDouble("m", 2.0)), Norms.axis(c)),
                "max_norm", "maxnorm");
        register("NonNeg", c -> new NonNeg(), "non_neg", "nonneg");
        register("UnitNorm", c -> new UnitNorm(Norms.axis(c)), "unit_norm", "unitnorm");
        register("MinMaxNorm", c -> new MinMaxNorm(c.getDouble("min_value", 0.0), c.getDouble("max_value", 1.0),
                c.getDouble("rate", 1.0), Norms.axis(c)), "min_max_norm");
    }

    private Constraints() {
    }

    /** Registers a class name, its factory from a config, and its aliases. */
    public static void register(String className, Function<Config, Constraint> factory, String... aliases) {
        REGISTRY.put(className, factory);
        for (String a : aliases) REGISTRY.put(a, factory);
    }

    /** A constraint from a name, a serialized map, or a {@link Constraint}; null stays null. */
    @SuppressWarnings("unchecked")
    public static Constraint get(Object spec) {
        if (spec == null) return null;
        if (spec instanceof Constraint r) return r;
        if (spec instanceof String s) return make(s, Config.of(Map.of()));
        if (spec instanceof Map<?, ?> m) {
            Config c = Config.of((Map<String, Object>) m);
            Config inner = c.getConfig("config");
            return make(c.getString("class_name"), inner == null ? Config.of(Map.of()) : inner);
        }
        throw new IllegalArgumentException("Could not interpret constraint identifier: " + spec);
    }

    private static Constraint make(String name, Config c) {
        Function<Config, Constraint> f = REGISTRY.get(name);
        if (f == null) {
            throw new IllegalArgumentException("Could not interpret constraint identifier: " + name
                    + ". Known constraints: " + REGISTRY.keySet());
        }
        return f.apply(c);
    }

    /** Keras 3's serialized form, or null for null. */
    public static Map<String, Object> serialize(Constraint r) {
        return r == null ? null : Config.serialized("keras.constraints", r.className(), r.getConfig());
    }
}
