package io.jkeras.saving;

import io.jkeras.KerasTensor;
import io.jkeras.layers.AttentionCall;
import io.jkeras.layers.Layer;
import io.jkeras.models.Model;
import io.jkeras.models.Sequential;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the tensor references of a Functional config ({@code [layer, node_index, tensor_index]}) into
 * the tensors of the model being rebuilt, with each Keras version's numbering of a nested model's calls:
 * Keras 1 and 2 gave every model a node 0 of its own (its inputs to its outputs), so the calls made by
 * an outer model count from 1; Keras 3 counts them from 0 except in {@code input_layers} /
 * {@code output_layers}, where a nested Functional (not Sequential) model still counts from 1.
 *
 * <pre>{@code
 * jshell> new NodeRefs(createdLayers, true, "model").endpoints(List.of(List.of("dense", 0, 0)), "output_layers")
 * }</pre>
 */
final class NodeRefs {
    private final Map<String, Layer> created;
    private final boolean legacy;
    private final String modelName;

    /** @param legacy true for a Keras 1/2 config (inbound nodes written as lists) */
    NodeRefs(Map<String, Layer> created, boolean legacy, String modelName) {
        this.created = created;
        this.legacy = legacy;
        this.modelName = modelName;
    }

    /** True if the layers' inbound nodes are Keras 1/2 lists rather than Keras 3 {@code {"args", "kwargs"}} objects. */
    static boolean isLegacy(List<?> layerEntries) {
        for (Object e : layerEntries) {
            if (e instanceof Map<?, ?> m && m.get("inbound_nodes") instanceof List<?> nodes) {
                for (Object n : nodes) {
                    if (n instanceof List) return true;
                    if (n instanceof Map) return false;
                }
            }
        }
        return false;
    }

    static List<?> list(Object o, String what) {
        if (o instanceof List<?> l) return l;
        throw new IllegalArgumentException("Expected a list for " + what + "; received: " + LayerSerializer.abbreviate(o));
    }

    /** The input tensors of one call of layer {@code layerName}, or {@code null} if one of them is not made yet. */
    List<KerasTensor> callInputs(Object node, String layerName) {
        List<List<?>> refs = new ArrayList<>();
        if (node instanceof Map<?, ?> m) {
            collectKerasTensors(m.get("args"), refs);
            Map<?, ?> kwargs = m.get("kwargs") instanceof Map<?, ?> km ? new java.util.LinkedHashMap<>(km) : Map.of();
            // A recurrent layer's initial states (Keras 3's initial_state=[h, c]) are its inputs after the sequence.
            if (kwargs.containsKey("initial_state")) collectKerasTensors(kwargs.remove("initial_state"), refs);
            if (created.get(layerName) instanceof AttentionCall) attentionKwargs(kwargs, refs, false);
            List<List<?>> kwargTensors = new ArrayList<>();
            collectKerasTensors(kwargs, kwargTensors);
            if (!kwargTensors.isEmpty()) {
                throw new IllegalArgumentException("Layer \"" + layerName + "\" of model \"" + modelName
                        + "\" is called with tensors as keyword arguments " + m.get("kwargs") + "; jkeras layers take their inputs positionally.");
            }
        } else if (node instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof String) {
            refs.add(l); // a node written as one bare reference
        } else {
            for (Object r : list(node, "an inbound node of layer \"" + layerName + "\"")) refs.add(list(r, "a tensor reference"));
            // tf.keras 2 wrote mha(query, value=v) as [[query, 0, 0, {"value": [v, 0, 0]}]]: the other tensors in the dict
            if (created.get(layerName) instanceof AttentionCall && !refs.isEmpty() && refs.get(0).size() > 3
                    && refs.get(0).get(3) instanceof Map<?, ?> kw) {
                attentionKwargs(new java.util.LinkedHashMap<>(kw), refs, true);
            }
        }
        List<KerasTensor> out = new ArrayList<>();
        for (List<?> r : refs) {
            KerasTensor t = resolve(r, false, "layer \"" + layerName + "\"");
            if (t == null) return null;
            out.add(t);
        }
        return out;
    }

    /**
     * The attention layers' tensor keyword arguments ({@code query}, {@code value}, {@code key},
     * {@code attention_mask}) appended to the positional ones in jkeras's input order [query, value, key,
     * attention_mask] (key repeats value when only a mask is given); removed from {@code kwargs}.
     */
    private static void attentionKwargs(Map<?, ?> kwargs, List<List<?>> refs, boolean legacy) {
        String[] names = {"query", "value", "key", "attention_mask"};
        List<List<?>> slots = new ArrayList<>(java.util.Collections.nCopies(4, (List<?>) null));
        for (int i = 0; i < refs.size() && i < 4; i++) slots.set(i, refs.get(i));
        boolean any = false;
        for (int i = 0; i < 4; i++) {
            Object o = kwargs.remove(names[i]);
            if (o == null) continue;
            List<List<?>> found = new ArrayList<>();
            if (legacy && o instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof String) found.add(l);
            else collectKerasTensors(o, found);
            if (found.size() == 1) {
                slots.set(i, found.get(0));
                any = true;
            }
        }
        if (!any) return;
        if (slots.get(3) != null && slots.get(2) == null) slots.set(2, slots.get(1));
        refs.clear();
        for (List<?> r : slots) if (r != null) refs.add(r);
    }

    /** The keyword arguments of a call: Keras 3's {@code kwargs}, or the dict closing a Keras 1/2 reference; empty if none. */
    static Map<?, ?> callKwargs(Object node) {
        if (node instanceof Map<?, ?> m) return m.get("kwargs") instanceof Map<?, ?> km ? km : Map.of();
        if (node instanceof List<?> l && !l.isEmpty()) {
            Object first = l.get(0) instanceof String ? l : l.get(0);
            if (first instanceof List<?> r && r.size() > 3 && r.get(3) instanceof Map<?, ?> kw) return kw;
        }
        return Map.of();
    }

    /** Keras 3 call arguments: every {@code __keras_tensor__} in them, in order, as its keras_history. */
    private static void collectKerasTensors(Object o, List<List<?>> out) {
        if (o instanceof Map<?, ?> m) {
            if ("__keras_tensor__".equals(m.get("class_name")) && m.get("config") instanceof Map<?, ?> c) {
                out.add(list(c.get("keras_history"), "a keras_history"));
            } else {
                for (Object v : m.values()) collectKerasTensors(v, out);
            }
        } else if (o instanceof List<?> l) {
            for (Object v : l) collectKerasTensors(v, out);
        }
    }

    /** The tensors named by {@code input_layers} or {@code output_layers}: one reference, a list, or a dict of them. */
    List<KerasTensor> endpoints(Object spec, String key) {
        if (spec == null) throw new IllegalArgumentException("The config of model \"" + modelName + "\" has no \"" + key + "\".");
        List<List<?>> refs = new ArrayList<>();
        flattenRefs(spec, refs);
        List<KerasTensor> out = new ArrayList<>();
        for (List<?> r : refs) {
            KerasTensor t = resolve(r, true, "\"" + key + "\"");
            if (t == null) {
                throw new IllegalArgumentException("The \"" + key + "\" of model \"" + modelName + "\" name " + r
                        + ", a call that the config never makes.");
            }
            out.add(t);
        }
        return out;
    }

    private static void flattenRefs(Object o, List<List<?>> out) {
        if (o instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof String) out.add(l);
        else if (o instanceof List<?> l) for (Object v : l) flattenRefs(v, out);
        else if (o instanceof Map<?, ?> m) for (Object v : m.values()) flattenRefs(v, out);
        else throw new IllegalArgumentException("Not a tensor reference [layer, node_index, tensor_index]: " + LayerSerializer.abbreviate(o));
    }

    /** The tensor of a reference, or {@code null} if that call has not been replayed yet. */
    private KerasTensor resolve(List<?> ref, boolean endpoint, String where) {
        if (ref.size() < 3 || !(ref.get(0) instanceof String name) || !(ref.get(1) instanceof Number ni)
                || !(ref.get(2) instanceof Number ti)) {
            throw new IllegalArgumentException("Not a tensor reference [layer, node_index, tensor_index] in " + where
                    + " of model \"" + modelName + "\": " + ref);
        }
        Layer layer = created.get(name);
        if (layer == null) {
            throw new IllegalArgumentException("In model \"" + modelName + "\", " + where + " refers to layer \"" + name
                    + "\", which is not among the model's layers " + created.keySet() + ".");
        }
        int node = ni.intValue() - (ownsNodeZero(layer, endpoint) ? 1 : 0);
        if (node < 0) {
            throw new IllegalArgumentException("In model \"" + modelName + "\", " + where + " refers to node " + ni
                    + " of model \"" + name + "\", which is that model's own graph, not a call of it.");
        }
        if (node >= layer.inboundNodes().size()) return null;
        List<KerasTensor> outs = layer.inboundNodes().get(node).outputs();
        if (ti.intValue() < 0 || ti.intValue() >= outs.size()) {
            throw new IllegalArgumentException("In model \"" + modelName + "\", " + where + " asks for output " + ti + " of layer \""
                    + name + "\", which has " + outs.size() + " output(s).");
        }
        return outs.get(ti.intValue());
    }

    private boolean ownsNodeZero(Layer layer, boolean endpoint) {
        if (!(layer instanceof Model)) return false;
        return legacy || (endpoint && !(layer instanceof Sequential));
    }
}
