package io.jkeras.regularizers;

import io.jkeras.Variable;
import io.jkeras.saving.Config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Looks regularizers up by Keras name or config, and serializes them, as {@code keras.regularizers.get};
 * also sums the penalties of a model's variables for the training step ({@link #totalLoss},
 * {@link #addGradients}).
 *
 * <pre>{@code
 * Regularizer r = Regularizers.get("l2");   // L2(0.01), Keras's default factor
 * double penalty = Regularizers.totalLoss(model.trainableWeights());
 * }</pre>
 */
public final class Regularizers {
    private static final Map<String, Function<Config, Regularizer>> REGISTRY = new LinkedHashMap<>();

    static {
        // Class names, Keras 3's snake_case names, and the Keras 2 function names.
        register("L1", c -> new L1(c.getDouble("l1", 0.01)), "l1");
        register("L2", c -> new L2(c.getDouble("l2", 0.01)), "l2");
        register("L1L2", c -> new L1L2(c.getDouble("l1", 0.0), c.getDouble("l2", 0.0)), "l1l2");
        // Keras's l1_l2() function defaults both factors to 0.01, unlike the class.
        register("l1_l2", c -> new L1L2(c.getDouble("l1", 0.01), c.getDouble("l2", 0.01)));
    }

    private Regularizers() {
    }

    /**
     * The sum of the penalties of these variables' regularizers, the term the training loop adds to the
     * loss. Pass the trainable variables: Keras counts penalties on trainable weights only, so a frozen
     * layer adds nothing; variables that are not trainable themselves are skipped.
     */
    public static double totalLoss(List<Variable> vs) {
        double total = 0.0;
        for (Variable v : vs) {
            if (v.regularizer() != null && v.trainable()) total += v.regularizer().loss(v.value());
        }
        return total;
    }

    /** Adds each regularizer's gradient into its variable's gradient (same variables as {@link #totalLoss}). */
    public static void addGradients(List<Variable> vs) {
        for (Variable v : vs) {
            if (v.regularizer() != null && v.trainable()) v.addGrad(v.regularizer().gradient(v.value()));
        }
    }

    /** Keras's check on a penalty factor: a finite, non-negative number. */
    static double validateFactor(double value, String name) {
        if (Double.isNaN(value) || Double.isInfinite(value) || value < 0) {
            throw new IllegalArgumentException("Invalid value for argument " + name
                    + ": expected a non-negative float. Received: " + name + "=" + value);
        }
        return value;
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
