package io.jkeras.saving;

import io.jkeras.KerasTensor;
import io.jkeras.Shape;
import io.jkeras.graph.Node;
import io.jkeras.layers.InputLayer;
import io.jkeras.layers.Layer;
import io.jkeras.models.Model;
import io.jkeras.models.Sequential;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One layer (or model) as a Keras 3 serialized object, {@code serialize_keras_object}'s shape:
 * {@code {"module", "class_name", "config", "registered_name", "build_config"}}; and back from that shape
 * or from the older {@code {"class_name", "config"}} of Keras 1 and 2 (Keras 1's class and argument names
 * read through {@link LegacyConfigs}).
 *
 * <pre>{@code
 * jshell> LayerSerializer.serialize(new Dense(3)).get("module")
 * $1 ==> "keras.layers"
 * jshell> Layer d = LayerSerializer.deserialize(Json.read("{\"class_name\": \"Dense\", \"config\": {\"units\": 3}}"));
 * }</pre>
 */
public final class LayerSerializer {
    private LayerSerializer() {
    }

    /** The Keras 3 serialized form of a layer or model. */
    public static Map<String, Object> serialize(Layer layer) {
        Map<String, Object> config = new LinkedHashMap<>(layer.getConfig());
        // Keras 3 keeps input shapes on the InputLayer only; batch_input_shape is Keras 2's.
        if (!(layer instanceof InputLayer)) config.remove("batch_input_shape");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("module", module(layer));
        m.put("class_name", layer.className());
        m.put("config", config);
        m.put("registered_name", registeredName(layer));
        Map<String, Object> build = buildConfig(layer);
        if (build != null) m.put("build_config", build);
        return m;
    }

    /** The Python module Keras 3 names for this object (its public API path). */
    static String module(Layer layer) {
        if (layer instanceof Sequential) return "keras";
        if (layer instanceof Model) return "keras.src.models.functional"; // Functional is not public API
        String pkg = layer.getClass().getPackageName();
        return pkg.equals("io.jkeras.layers") ? "keras.layers" : pkg;
    }

    private static String registeredName(Layer layer) {
        if (layer instanceof Sequential) return null;
        if (layer instanceof Model) return "Functional";
        // Built-in layers are found by class name; a custom one by the name it was registered under.
        return layer.getClass().getPackageName().startsWith("io.jkeras.") ? null : layer.className();
    }

    /**
     * Keras's {@code build_config}: the shapes a layer was built with, written only for layers with their
     * own {@code build} (Keras skips the others); {@code {"input_shape": null}} for a Functional model.
     */
    static Map<String, Object> buildConfig(Layer layer) {
        Map<String, Object> b = new LinkedHashMap<>();
        if (layer instanceof Sequential s) {
            if (!s.hasGraph()) return null;
            b.put("input_shape", s.inputLayer().batchInputShape().dims());
            return b;
        }
        if (layer instanceof Model) {
            b.put("input_shape", null);
            return b;
        }
        if (layer instanceof InputLayer || layer.inboundNodes().isEmpty() || !overridesBuild(layer.getClass())) return null;
        Node first = layer.inboundNodes().get(0);
        List<Object> shapes = new ArrayList<>();
        for (KerasTensor t : first.inputs()) shapes.add(t.shape().dims());
        b.put("input_shape", shapes.size() == 1 ? shapes.get(0) : shapes);
        return b;
    }

    private static boolean overridesBuild(Class<?> c) {
        for (; c != null && c != Layer.class; c = c.getSuperclass()) {
            for (var m : c.getDeclaredMethods()) {
                if (m.getName().equals("build") && m.getParameterCount() == 1
                        && (m.getParameterTypes()[0] == Shape.class || m.getParameterTypes()[0] == List.class)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A layer or model from a serialized entry of any Keras version. A config written as a list (a Keras 1
     * or early Keras 2 Sequential) is read as {@code {"layers": [...]}}.
     *
     * @throws IllegalArgumentException for an entry without {@code class_name}, or an unknown class
     *                                  (the registry's message: the class, the layer, how to register it)
     */
    @SuppressWarnings("unchecked")
    public static Layer deserialize(Object entry) {
        if (!(entry instanceof Map)) {
            throw new IllegalArgumentException("A layer entry must be a JSON object with \"class_name\" and \"config\"; received: "
                    + abbreviate(entry));
        }
        Config e = Config.of((Map<String, Object>) entry);
        String className = e.get("class_name") instanceof String s ? s : null;
        if (className == null) {
            throw new IllegalArgumentException("A layer entry has no \"class_name\": " + abbreviate(entry));
        }
        Object raw = e.get("config");
        Map<String, Object> config = new LinkedHashMap<>();
        if (raw instanceof List<?> list) config.put("layers", list);
        else if (raw instanceof Map<?, ?> map) config.putAll((Map<String, Object>) map);
        else if (raw != null) throw new IllegalArgumentException("The config of a \"" + className + "\" entry is not an object: " + abbreviate(raw));
        // Keras 2 graph entries name the layer beside its config as well.
        if (!config.containsKey("name") && e.get("name") instanceof String n) config.put("name", n);
        String registered = e.get("registered_name") instanceof String r ? r : null;
        if (!SavingRegistry.isKnown(className) && registered != null && SavingRegistry.isKnown(registered)) className = registered;
        Layer layer;
        try {
            // Keras 1's arguments, read as Keras 2 reads them (its class names are aliases in the registry).
            Map<String, Object> keras2 = LegacyConfigs.toKeras2(LegacyConfigs.className(className), config);
            layer = SavingRegistry.fromConfig(className, Config.of(keras2));
        } catch (IllegalArgumentException ex) {
            String m = ex.getMessage() == null ? "" : ex.getMessage();
            if (m.startsWith("Unknown layer") || m.startsWith("Layer \"")) throw ex;
            // A known class with a config it cannot use: say which layer, since a model has many.
            String who = config.get("name") == null ? "A " + className + " layer" : "Layer \"" + config.get("name") + "\" (" + className + ")";
            throw new IllegalArgumentException(who + ": " + m, ex);
        }
        if (layer instanceof Sequential s && !s.hasGraph()) {
            Config build = e.getConfig("build_config");
            Shape shape = build == null ? null : build.getShape("input_shape");
            if (shape != null) s.build(shape);
        }
        return layer;
    }

    static String abbreviate(Object o) {
        String s = String.valueOf(o);
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
