package io.jkeras.activations;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The activation functions by Keras name, as {@code keras.activations.get}: {@code "relu"},
 * {@code "softmax"}, {@code "linear"} (also {@code null}), …
 *
 * <pre>{@code
 * jshell> Activations.get("relu").forward(Nd4j.createFromArray(-1f, 2f))
 * $1 ==> [0, 2.0000]
 * }</pre>
 */
public final class Activations {
    private static final Map<String, Supplier<ActivationFunction>> REGISTRY = new LinkedHashMap<>();

    static {
        register("linear", Linear::new);
        register("relu", Relu::new);
    }

    private Activations() {
    }

    /** Registers an activation under its Keras name. */
    public static void register(String name, Supplier<ActivationFunction> factory) {
        REGISTRY.put(name, factory);
    }

    /** The activation for a Keras name; {@code null} or {@code "linear"} give the identity. */
    public static ActivationFunction get(String name) {
        if (name == null) return new Linear();
        Supplier<ActivationFunction> f = REGISTRY.get(name);
        if (f == null) {
            throw new IllegalArgumentException("Could not interpret activation function identifier: " + name
                    + ". Known activations: " + String.join(", ", REGISTRY.keySet()));
        }
        return f.get();
    }

    /** Every registered name. */
    public static java.util.Set<String> names() {
        return java.util.Collections.unmodifiableSet(REGISTRY.keySet());
    }
}
