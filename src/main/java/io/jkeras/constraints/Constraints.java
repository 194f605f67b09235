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
