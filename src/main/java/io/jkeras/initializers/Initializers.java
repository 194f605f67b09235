package io.jkeras.initializers;

import io.jkeras.saving.Config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Looks initializers up by Keras name or config, and serializes them, as {@code keras.initializers.get}
 * and {@code serialize}. Accepts snake_case names ({@code "glorot_uniform"}), class names
 * ({@code "GlorotUniform"}) and config objects of any Keras version.
 *
 * <pre>{@code
 * Initializer i = Initializers.get("he_normal");
 * }</pre>
 */
public final class Initializers {
    private static final Map<String, Function<Config, Initializer>> REGISTRY = new LinkedHashMap<>();

    static {
        register("GlorotUniform", c -> new GlorotUniform(seed(c)), "glorot_uniform");
        register("Zeros", c -> new Zeros(), "zeros", "zero");
        register("VarianceScaling", c -> new VarianceScaling(c.getDouble("scale", 1.0), c.getString("mode", "fan_in"),
                c.getString("distribution", "truncated_normal"), seed(c)), "variance_scaling");
    }

    private Initializers() {
    }

    /** Registers a class name, its factory from a config, and its snake_case aliases. */
    public static void register(String className, Function<Config, Initializer> factory, String... aliases) {
        REGISTRY.put(className, factory);
        for (String a : aliases) REGISTRY.put(a, factory);
    }

    /** The {@code seed} of a config, or null. */
    public static Long seed(Config c) {
        Object s = c.get("seed");
        return s == null ? null : ((Number) s).longValue();
    }

    /** An initializer from a name, a serialized map, or an {@link Initializer} (returned as is). */
    @SuppressWarnings("unchecked")
    public static Initializer get(Object spec) {
        if (spec == null) return null;
        if (spec instanceof Initializer i) return i;
        if (spec instanceof String s) return make(s, Config.of(Map.of()));
        if (spec instanceof Map<?, ?> m) {
            Config c = Config.of((Map<String, Object>) m);
            Config inner = c.getConfig("config");
            return make(c.getString("class_name"), inner == null ? Config.of(Map.of()) : inner);
        }
        throw new IllegalArgumentException("Could not interpret initializer identifier: " + spec);
    }

    private static Initializer make(String name, Config c) {
        Function<Config, Initializer> f = REGISTRY.get(name);
        if (f == null) {
            throw new IllegalArgumentException("Could not interpret initializer identifier: " + name
                    + ". Known initializers: " + REGISTRY.keySet());
        }
        return f.apply(c);
    }

    /** Keras 3's serialized form: {@code {"module": "keras.initializers", "class_name": ..., "config": ...}}. */
    public static Map<String, Object> serialize(Initializer i) {
        return Config.serialized("keras.initializers", i.className(), i.getConfig());
    }
}
