package io.jkeras.saving;

import io.jkeras.layers.Layer;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Maps Keras {@code class_name}s to layer factories, as Keras's serialization registry.
 *
 * <p>Built-in layers are found by name: the class {@code io.jkeras.layers.<class_name>} (or
 * {@code io.jkeras.models.<class_name>}) and its static {@code fromConfig(Config)}. Aliases
 * ({@code "Functional"}, {@code "Model"}) and custom layers are registered explicitly.
 *
 * <pre>{@code
 * SavingRegistry.register("MyLayer", MyLayer::fromConfig);
 * }</pre>
 */
public final class SavingRegistry {
    private static final Map<String, Function<Config, ? extends Layer>> CUSTOM = new ConcurrentHashMap<>();
    private static final Map<String, String> ALIASES = new ConcurrentHashMap<>();
    /** Keras layers whose config is code (a pickled Python function, a TensorFlow graph node), not settings. */
    private static final java.util.Set<String> PYTHON_CODE = java.util.Set.of("Lambda", "TensorFlowOpLayer", "TFOpLambda",
            "SlicingOpLambda");
    /** Keras class names whose Java class is named differently. */
    private static final Map<String, String> JAVA_CLASSES = Map.of("Functional", "io.jkeras.models.Model");

    static {
        ALIASES.put("Model", "Functional");
        // Keras 1's names, which Keras 2 still reads (their arguments are converted by LegacyConfigs).
        for (String keras1 : new String[]{"Convolution1D", "AtrousConvolution1D", "Convolution2D", "AtrousConvolution2D", "Convolution3D"}) {
            ALIASES.put(keras1, LegacyConfigs.className(keras1));
        }
    }

    private SavingRegistry() {
    }

    /** Registers a custom layer under its Keras class name (the name written in model files). */
    public static void register(String className, Function<Config, ? extends Layer> factory) {
        CUSTOM.put(className, factory);
    }

    /** Makes another class name read as a known one (a legacy or package-qualified name). */
    public static void alias(String className, String knownAs) {
        ALIASES.put(className, knownAs);
    }

    /** True if the class name can be deserialized. */
    public static boolean isKnown(String className) {
        return factory(className) != null;
    }

    /**
     * Makes a layer from its class name and config.
     *
     * @throws IllegalArgumentException naming the class and how to register it, if unknown
     */
    public static Layer fromConfig(String className, Config config) {
        Function<Config, ? extends Layer> f = factory(className);
        if (f == null) {
            throw new IllegalArgumentException("Unknown layer: '" + className + "'"
                    + (config.has("name") ? " (layer \"" + config.getString("name") + "\")" : "")
                    + ". " + (PYTHON_CODE.contains(className) ? "It holds Python or TensorFlow code, which cannot run in Java: write "
                    + "a jkeras layer that computes the same, and " : "Please ensure you are using a jkeras layer, or ")
                    + "register your custom layer with SavingRegistry.register(\"" + className + "\", MyLayer::fromConfig) before loading.");
        }
        return f.apply(config);
    }

    private static Function<Config, ? extends Layer> factory(String className) {
        if (className == null) return null;
        String name = ALIASES.getOrDefault(className, className);
        Function<Config, ? extends Layer> custom = CUSTOM.get(name);
        if (custom != null) return custom;
        if (JAVA_CLASSES.containsKey(name)) return reflective(JAVA_CLASSES.get(name));
        for (String pkg : new String[]{"io.jkeras.layers.", "io.jkeras.models."}) {
            Function<Config, ? extends Layer> f = reflective(pkg + name);
            if (f != null) return f;
        }
        return null;
    }

    private static Function<Config, ? extends Layer> reflective(String javaName) {
        try {
            Class<?> cls = Class.forName(javaName);
            if (!Layer.class.isAssignableFrom(cls)) return null;
            Method m = cls.getMethod("fromConfig", Config.class);
            if (!Modifier.isStatic(m.getModifiers())) return null;
            return c -> {
                try {
                    return (Layer) m.invoke(null, c);
                } catch (InvocationTargetException e) {
                    if (e.getCause() instanceof RuntimeException re) throw re;
                    throw new IllegalStateException(e.getCause());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            };
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            return null;
        }
    }
}
