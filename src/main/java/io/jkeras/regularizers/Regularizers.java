package io.jkeras.regularizers;

import io.jkeras.saving.Config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Looks regularizers up by Keras name or config, and serializes them, as {@code keras.regularizers.get}.
 *
 * <pre>{@code
 * Regularizer r = Regularizers.get("l2");   // L2(0.01), Keras's default factor
 * }</pre>
 */
public final class Regularizers {
    private static final Map<String, Function<Config, Regularizer>> REGISTRY = new LinkedHashMap<>();

    private Regularizers() {
    }

    /** Registers a class name, its factory from a config, and its aliases. */
    public static void register(String className, Function<Config, Regularizer> factory, String... aliases) {
        REGISTRY.put(className, factory);
        for (String a : aliases) REGISTRY.put(a, factory);
    }

    /** A regularizer from a name, a serialized map, or a {@link Regularizer}; null stays null. */
    @SuppressWarnings("unchecked")
    public static Regularizer get(Object spec) {
        if (spec == null) return null;
        if (spec instanceof Regularizer r) return r;
        if (spec instanceof String s) return make(s, Config.of(Map.of()));
        if (spec instanceof Map<?, ?> m) {
            Config c = Config.of((Map<String, Object>) m);
            Config inner = c.getConfig("config");
            return make(c.getString("class_name"), inner == null ? Config.of(Map.of()) : inner);
        }
        throw new IllegalArgumentException("Could not interpret regularizer identifier: " + spec);
    }

    private static Regularizer make(String name, Config c) {
        Function<Config, Regularizer> f = REGISTRY.get(name);
        if (f == null) {
            throw new IllegalArgumentException("Could not interpret regularizer identifier: " + name
                    + ". Known regularizers: " + REGISTRY.keySet());
        }
        return f.apply(c);
    }

    /** Keras 3's serialized form, or null for null. */
    public static Map<String, Object> serialize(Regularizer r) {
        return r == null ? null : Config.serialized("keras.regularizers", r.className(), r.getConfig());
    }
}
