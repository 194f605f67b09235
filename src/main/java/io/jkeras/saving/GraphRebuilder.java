package io.jkeras.saving;

import io.jkeras.KerasTensor;
import io.jkeras.layers.Layer;
import io.jkeras.models.Model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds a Functional model from its config in any Keras layout, as Keras's {@code functional_from_config}:
 * make every layer first, then replay each layer's calls ({@code inbound_nodes}) on the tensors they name,
 * deferring a call whose input tensors do not exist yet (a shared layer used at several depths) until a
 * later pass. Inbound nodes are read in both shapes: Keras 3's {@code {"args": [...], "kwargs": {}}} and
 * Keras 1/2's {@code [[layer, node_index, tensor_index, kwargs], ...]} (see {@link NodeRefs}).
 *
 * <pre>{@code
 * jshell> Model m = GraphRebuilder.fromConfig(Config.of(Json.read(json)));
 * }</pre>
 */
public final class GraphRebuilder {
    private final String modelName;
    private final Map<String, Layer> created = new LinkedHashMap<>();
    private final Map<String, Deque<Object>> pending = new LinkedHashMap<>();
    private NodeRefs refs;

    private GraphRebuilder(String modelName) {
        this.modelName = modelName;
    }

    /** The model a Functional config (Keras 1 "Model", Keras 2 "Model"/"Functional", Keras 3 "Functional") describes. */
    public static Model fromConfig(Config c) {
        String name = c.get("name") instanceof String s ? s : null;
        GraphRebuilder g = new GraphRebuilder(name == null ? "functional" : name);
        Model m = g.build(NodeRefs.list(c.get("layers"), "the model's \"layers\""), c.get("input_layers"), c.get("output_layers"));
        if (name != null) m.name(name);
        // Only a frozen model is marked: unfreezing would undo layers frozen one by one.
        if (Boolean.FALSE.equals(c.get("trainable"))) m.setTrainable(false);
        return m;
    }

    private Model build(List<?> layerEntries, Object inputLayers, Object outputLayers) {
        boolean legacy = NodeRefs.isLegacy(layerEntries);
        refs = new NodeRefs(created, legacy, modelName);
        for (Object entry : layerEntries) {
            Layer layer = LayerSerializer.deserialize(entry);
            Map<?, ?> e = (Map<?, ?>) entry;
            String name = e.get("name") instanceof String s ? s : layer.name();
            if (created.containsKey(name)) {
                throw new IllegalArgumentException("Model \"" + modelName + "\" lists the layer name \"" + name + "\" twice.");
            }
            created.put(name, layer);
            Object nodes = e.get("inbound_nodes");
            List<?> list = nodes == null ? List.of() : NodeRefs.list(nodes, "the inbound_nodes of layer \"" + name + "\"");
            if (list.stream().anyMatch(java.util.Objects::isNull)) {
                throw new IllegalArgumentException("The inbound_nodes of layer \"" + name + "\" hold null instead of a call: "
                        + LayerSerializer.abbreviate(list));
            }
            if (!list.isEmpty()) pending.put(name, new ArrayDeque<>(list));
        }
        replayCalls();
        List<KerasTensor> inputs = refs.endpoints(inputLayers, "input_layers");
        List<KerasTensor> outputs = refs.endpoints(outputLayers, "output_layers");
        return new Model(inputs, outputs);
    }

    /** Keras's process_node loop: passes over the layers, in config order, until every call is made. */
    private void replayCalls() {
        while (!pending.isEmpty()) {
            boolean progress = false;
            for (String name : new ArrayList<>(pending.keySet())) {
                Deque<Object> calls = pending.get(name);
                Layer layer = created.get(name);
                while (!calls.isEmpty()) {
                    List<KerasTensor> inputs = refs.callInputs(calls.peek(), name);
                    if (inputs == null) break; // an input tensor is not made yet: try again on the next pass
                    // Keras's call options (return_attention_scores, use_causal_mask) are kept on the layer in jkeras
                    if (layer instanceof io.jkeras.layers.AttentionCall ac) ac.applyCallKwargs(NodeRefs.callKwargs(calls.peek()));
                    calls.poll();
                    layer.applyAll(inputs);
                    progress = true;
                }
                if (calls.isEmpty()) pending.remove(name);
            }
            if (!progress) {
                String name = pending.keySet().iterator().next();
                throw new IllegalArgumentException("Cannot rebuild model \"" + modelName + "\": the call of layer \"" + name
                        + "\" on " + LayerSerializer.abbreviate(pending.get(name).peek())
                        + " needs a tensor that no call in the config produces.");
            }
        }
    }
}
