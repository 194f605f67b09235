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
        // Class names and Keras 3's snake_case names, plus the aliases Keras accepts (its ALL_OBJECTS_DICT).
        register("GlorotUniform", c -> new GlorotUniform(seed(c)), "glorot_uniform");
        register("GlorotNormal", c -> new GlorotNormal(seed(c)), "glorot_normal");
        register("HeUniform", c -> new HeUniform(seed(c)), "he_uniform");
        register("HeNormal", c -> new HeNormal(seed(c)), "he_normal");
        register("LecunUniform", c -> new LecunUniform(seed(c)), "lecun_uniform");
        register("LecunNormal", c -> new LecunNormal(seed(c)), "lecun_normal");
        register("VarianceScaling", c -> new VarianceScaling(c.getDouble("scale", 1.0), c.getString("mode", "fan_in"),
                c.getString("distribution", "truncated_normal"), seed(c)), "variance_scaling");
        register("RandomUniform", c -> new RandomUniform(c.getDouble("minval", -0.05), c.getDouble("maxval", 0.05), seed(c)),
                "random_uniform", "uniform");
        register("RandomNormal", c -> new RandomNormal(c.getDouble("mean", 0.0), c.getDouble("stddev", 0.05), seed(c)),
                "random_normal", "normal");
        register("TruncatedNormal", c -> new TruncatedNormal(c.getDouble("mean", 0.0), c.getDouble("stddev", 0.05), seed(c)),
                "truncated_normal");
        register("Zeros", c -> new Zeros(), "zeros", "zero");
        register("Ones", c -> new Ones(), "ones", "one");
        register("Constant", c -> new Constant(scalar(c.get("value"))), "constant");
        // Keras 3.0-3.3 named the class OrthogonalInitializer (and writes that); later versions, Orthogonal.
        register("Orthogonal", c -> new Orthogonal(c.getDouble("gain", 1.0), seed(c)),
                "orthogonal", "OrthogonalInitializer", "orthogonal_initializer");
        register("Identity", c -> new Identity(c.getDouble("gain", 1.0)), "identity");
    }

    private Initializers() {
    }

    /** Registers a class name, its factory from a config, and its snake_case aliases. */
    public static void register(String className, Function<Config, Initializer> factory, String... aliases) {
        REGISTRY.put(className, factory);
        for (String a : aliases) REGISTRY.put(a, factory);
    }

    /**
     * The {@code seed} of a config, or null. Keras 3 may write a serialized {@code SeedGenerator} there
     * ({@code {"class_name": "SeedGenerator", "config": {"seed": 1337}}}); its initial seed is taken.
     */
    public static Long seed(Config c) {
        Object s = c.get("seed");
        if (s instanceof Map<?, ?> m && m.get("config") instanceof Map<?, ?> inner) s = inner.get("seed");
        if (s == null) return null;
        if (s instanceof Number n) return n.longValue();
        throw new IllegalArgumentException("`seed` argument should be an integer. Received: seed=" + s);
    }

    /**
     * A {@code Constant}'s value: a number, or Keras 3's serialized NumPy scalar
     * ({@code {"class_name": "__numpy__", "config": {"value": 0.5, ...}}}); absent means 0.
     */
    private static double scalar(Object v) {
        if (v == null) return 0.0;
        if (v instanceof Number n) return n.doubleValue();
        if (v instanceof Map<?, ?> m && m.get("config") instanceof Map<?, ?> inner && inner.get("value") instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("The Constant initializer accepts only a scalar value. Received: value=" + v);
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
