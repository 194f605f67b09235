package io.jkeras.saving;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model config in the dialect of Keras 2 (tf.keras 2.x), for {@code .h5} files that Keras 2, tf.keras and
 * readers built for them (Deeplearning4j's {@code KerasModelImport}, the TensorFlow.js converter) accept: Keras 3's
 * serialized objects lose {@code module}, {@code registered_name} and {@code build_config}; a dtype policy object
 * becomes its name; an InputLayer's {@code batch_shape} is {@code batch_input_shape}; a Functional layer's calls
 * are Keras 2's {@code [[layer, node_index, tensor_index, {}], ...]} lists; and the top level carries
 * {@code keras_version} and {@code backend}, as Keras 2's {@code model.to_json()} wrote them. Keras 3 and jkeras
 * read this dialect too.
 *
 * <pre>{@code
 * jshell> Keras2Configs.toKeras2(LayerSerializer.serialize(model)).get("keras_version")
 * $1 ==> "2.15.0"
 * }</pre>
 */
public final class Keras2Configs {
    /** The version written into Keras 2 dialect files: the last Keras 2 release, whose format they follow. */
    public static final String KERAS_VERSION = "2.15.0";

    private Keras2Configs() {
    }

    /** The Keras 2 form of a model's Keras 3 serialized config ({@link LayerSerializer#serialize}). */
    public static Map<String, Object> toKeras2(Map<String, Object> keras3) {
        @SuppressWarnings("unchecked") Map<String, Object> out = (Map<String, Object>) convert(keras3, null);
        out.put("keras_version", KERAS_VERSION);
        out.put("backend", "tensorflow");
        return out;
    }

    /**
     * A {@code training_config} in Keras 2's words, changed in place: its optimizer config gains Keras 2's
     * {@code decay} (0: none) where it has none, since readers of Keras 2 files expect it (Keras 3 ignores it).
     */
    @SuppressWarnings("unchecked")
    static void trainingConfig(Map<String, Object> training) {
        if (training.get("optimizer_config") instanceof Map<?, ?> opt && opt.get("config") instanceof Map<?, ?> c) {
            ((Map<String, Object>) c).putIfAbsent("decay", 0.0);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object convert(Object node, String key) {
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) out.add(convert(o, null));
            return out;
        }
        if (!(node instanceof Map<?, ?> raw)) return node;
        Map<String, Object> m = (Map<String, Object>) raw;
        // A dtype policy object is just its name in Keras 2.
        if ("DTypePolicy".equals(m.get("class_name")) || "DTypePolicy".equals(m.get("registered_name"))) {
            Object config = m.get("config");
            return config instanceof Map<?, ?> c ? c.get("name") : null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            String k = e.getKey();
            if (k.equals("module") || k.equals("registered_name") || k.equals("build_config") || k.equals("shared_object_id")) continue;
            if (k.equals("inbound_nodes") && e.getValue() instanceof List<?> nodes) {
                out.put(k, inboundNodes(nodes));
                continue;
            }
            out.put(k, convert(e.getValue(), k));
        }
        if ("InputLayer".equals(out.get("class_name")) && out.get("config") instanceof Map<?, ?> c) {
            Map<String, Object> config = (Map<String, Object>) c;
            if (config.containsKey("batch_shape") && !config.containsKey("batch_input_shape")) {
                Map<String, Object> renamed = new LinkedHashMap<>();
                for (Map.Entry<String, Object> e : config.entrySet()) {
                    if (e.getKey().equals("optional")) continue; // Keras 3 only
                    renamed.put(e.getKey().equals("batch_shape") ? "batch_input_shape" : e.getKey(), e.getValue());
                }
                out.put("config", renamed);
            }
        }
        return out;
    }

    /** Keras 3's {@code {"args": [tensors], "kwargs": {}}} calls as Keras 2's lists of {@code [layer, node, tensor, {}]}. */
    private static List<Object> inboundNodes(List<?> nodes) {
        List<Object> out = new ArrayList<>();
        for (Object node : nodes) {
            if (!(node instanceof Map<?, ?> call)) {
                out.add(node); // already Keras 2's form
                continue;
            }
            List<Object> refs = new ArrayList<>();
            collectTensors(call.get("args"), refs);
            out.add(refs);
        }
        return out;
    }

    private static void collectTensors(Object o, List<Object> refs) {
        if (o instanceof List<?> list) {
            for (Object x : list) collectTensors(x, refs);
        } else if (o instanceof Map<?, ?> m && "__keras_tensor__".equals(m.get("class_name")) && m.get("config") instanceof Map<?, ?> c
                && c.get("keras_history") instanceof List<?> h && h.size() == 3) {
            refs.add(List.of(h.get(0), h.get(1), h.get(2), new LinkedHashMap<>()));
        }
    }
}
