package io.jkeras.activations;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The activation functions by Keras name, as {@code keras.activations.get}: {@code "relu"},
 * {@code "softmax"}, {@code "gelu"}, {@code "linear"} (also {@code null}), … with Keras 3's formulas and
 * defaults. The static factories give the parameterised forms ({@link #relu(double, Double, double)},
 * {@link #softmax(int...)}, …) that the activation layers use.
 *
 * <pre>{@code
 * jshell> Activations.get("relu").forward(Nd4j.createFromArray(-1f, 2f))
 * $1 ==> [0, 2.0000]
 * jshell> Activations.names()
 * $2 ==> [linear, relu, relu6, sigmoid, hard_sigmoid, ...]
 * }</pre>
 */
public final class Activations {
    private static final Map<String, Supplier<ActivationFunction>> REGISTRY = new LinkedHashMap<>();

    static {
        register("linear", Linear::new);
        register("relu", Relu::new);
        register("relu6", Relu6::new);
        register("leaky_relu", LeakyRelu::new);
        register("elu", Elu::new);
        register("selu", Selu::new);
        register("sigmoid", Sigmoid::new);
        register("hard_sigmoid", HardSigmoid::new);
        register("tanh", Tanh::new);
        register("softmax", Softmax::new);
        register("log_softmax", LogSoftmax::new);
        register("softplus", Softplus::new);
        register("softsign", Softsign::new);
        register("exponential", Exponential::new);
        register("silu", Silu::new);
        register("swish", Silu::new); // Keras 2's name for silu; Keras 3 accepts both
        register("gelu", Gelu::new);
        register("mish", Mish::new);
        register("hard_silu", HardSilu::new);
        register("hard_swish", HardSilu::new);
    }

    private Activations() {
    }

    /** Registers an activation under its Keras name (custom activations too). */
    public static void register(String name, Supplier<ActivationFunction> factory) {
        REGISTRY.put(name, factory);
    }

    /**
     * The activation for a Keras name; {@code null} gives the identity ({@code "linear"}).
     *
     * @throws IllegalArgumentException naming the identifier and the known names, if unknown
     */
    public static ActivationFunction get(String name) {
        if (name == null) return new Linear();
        Supplier<ActivationFunction> f = REGISTRY.get(name);
        if (f == null) {
            throw new IllegalArgumentException("Could not interpret activation function identifier: " + name
                    + ". Known activations: " + String.join(", ", REGISTRY.keySet()));
        }
        return f.get();
    }

    /**
     * The activation for any identifier a config may hold: a name, an {@link ActivationFunction} (returned
     * as is), {@code null}, or a serialized object whose {@code config} (Keras 3) or {@code class_name} is a name.
     */
    public static ActivationFunction get(Object spec) {
        if (spec == null || spec instanceof String) return get((String) spec);
        if (spec instanceof ActivationFunction f) return f;
        if (spec instanceof Map<?, ?> m) {
            Object name = m.get("config") instanceof String s ? s : m.get("class_name");
            if (name instanceof String s) return get(s);
        }
        throw new IllegalArgumentException("Could not interpret activation function identifier: " + spec);
    }

    /** Every registered name. */
    public static Set<String> names() {
        return Collections.unmodifiableSet(REGISTRY.keySet());
    }

    // ------------------------------------------------------------------ parameterised forms

    /**
     * {@code keras.activations.relu(x, negative_slope, max_value, threshold)}: {@code min(x, maxValue)} where
     * {@code x > threshold}, {@code negativeSlope * (x - threshold)} elsewhere.
     *
     * @param maxValue the saturation value, or {@code null} for none
     */
    public static ActivationFunction relu(double negativeSlope, Double maxValue, double threshold) {
        return new Relu(negativeSlope, maxValue, threshold);
    }

    /** {@code keras.activations.leaky_relu(x, negative_slope)}; the registered {@code "leaky_relu"} has slope 0.2. */
    public static ActivationFunction leakyRelu(double negativeSlope) {
        return new LeakyRelu(negativeSlope);
    }

    /** {@code keras.activations.elu(x, alpha)}. */
    public static ActivationFunction elu(double alpha) {
        return new Elu(alpha);
    }

    /** {@code keras.activations.softmax(x, axis)}; several axes normalise jointly (the Softmax layer's list form). */
    public static ActivationFunction softmax(int... axes) {
        return new Softmax(axes);
    }

    /** {@code keras.activations.log_softmax(x, axis)}. */
    public static ActivationFunction logSoftmax(int... axes) {
        return new LogSoftmax(axes);
    }

    /** {@code keras.activations.gelu(x, approximate)}: the erf form, or the tanh approximation. */
    public static ActivationFunction gelu(boolean approximate) {
        return new Gelu(approximate);
    }

    /**
     * Keras 1/2's {@code hard_sigmoid}, {@code clip(0.2 x + 0.5, 0, 1)}: what the name meant in files written
     * before Keras 3 (the registered {@code "hard_sigmoid"} is Keras 3's {@code relu6(x + 3) / 6}).
     */
    public static ActivationFunction hardSigmoidKeras2() {
        return new HardSigmoidKeras2();
    }
}
