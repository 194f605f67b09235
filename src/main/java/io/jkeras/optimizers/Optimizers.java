package io.jkeras.optimizers;

import io.jkeras.saving.Config;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Looks optimizers up by name, class name or serialized config, and serializes them, as
 * {@code keras.optimizers.get} / {@code serialize} / {@code deserialize}.
 *
 * <p>Names are matched without regard to case ({@code "adam"}, {@code "Adam"}, {@code "RMSprop"});
 * tf.keras's registered names ({@code "Custom>Adam"}) and Keras 1/2 configs ({@code "lr"}) are read too.
 *
 * <pre>{@code
 * jshell> Optimizers.get("rmsprop")
 * $1 ==> <RMSprop name=rmsprop, learning_rate=0.0010000000474974513, iterations=0>
 * jshell> var copy = Optimizers.get(Optimizers.serialize(new Adam(0.01)));
 * }</pre>
 */
public final class Optimizers {
    private static final Map<String, Function<Config, Optimizer>> REGISTRY = new ConcurrentHashMap<>();

    static {
        register("SGD", SGD::fromConfig);
        register("RMSprop", RMSprop::fromConfig);
        register("Adam", Adam::fromConfig);
        register("AdamW", AdamW::fromConfig);
        register("Adagrad", Adagrad::fromConfig);
        register("Adadelta", Adadelta::fromConfig);
        register("Adamax", Adamax::fromConfig);
        register("Nadam", Nadam::fromConfig);
        register("Ftrl", Ftrl::fromConfig);
        register("Lion", Lion::fromConfig);
    }

    private Optimizers() {
    }

    /** Registers an optimizer (a custom one too) under its Keras class name. */
    public static void register(String className, Function<Config, Optimizer> factory) {
        REGISTRY.put(className.toLowerCase(Locale.ROOT), factory);
    }

    /**
     * An optimizer from a name ({@code "adam"}), a serialized map, or an optimizer (returned as is);
     * null stays null.
     *
     * @throws IllegalArgumentException if the identifier names no known optimizer
     */
    @SuppressWarnings("unchecked")
    public static Optimizer get(Object identifier) {
        if (identifier == null) return null;
        if (identifier instanceof Optimizer o) return o;
        if (identifier instanceof String s) return make(s, Config.of(Map.of()));
        if (identifier instanceof Map<?, ?> m) return deserialize((Map<String, Object>) m);
        throw new IllegalArgumentException("Could not interpret optimizer identifier: " + identifier);
    }

    /** An optimizer from its serialized map ({@code {"class_name": "Adam", "config": {...}}}). */
    public static Optimizer deserialize(Map<String, Object> map) {
        Config c = Config.of(map);
        Config inner = c.getConfig("config");
        return make(c.getString("class_name"), inner == null ? Config.of(Map.of()) : inner);
    }

    /** Keras 3's serialized form: {@code module}, {@code class_name}, {@code config}, {@code registered_name}. */
    public static Map<String, Object> serialize(Optimizer o) {
        return Config.serialized("keras.optimizers", o.className(), o.getConfig());
    }

    private static Optimizer make(String className, Config config) {
        if (className == null) throw new IllegalArgumentException("Could not interpret optimizer identifier: no class_name.");
        // tf.keras 2.11+ registers its optimizers as "Custom>Adam"; a package prefix may precede the name too.
        String key = className.substring(className.lastIndexOf('>') + 1);
        key = key.substring(key.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        Function<Config, Optimizer> f = REGISTRY.get(key);
        if (f == null) {
            throw new IllegalArgumentException("Could not interpret optimizer identifier: " + className
                    + ". Known optimizers: adam, adamw, sgd, rmsprop, adagrad, adadelta, adamax, nadam, ftrl, lion; "
                    + "register a custom one with Optimizers.register(\"" + className + "\", MyOptimizer::fromConfig).");
        }
        return f.apply(config);
    }
}
