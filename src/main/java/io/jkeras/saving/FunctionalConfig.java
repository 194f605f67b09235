package io.jkeras.saving;

import io.jkeras.KerasTensor;
import io.jkeras.graph.Node;
import io.jkeras.graph.Topology;
import io.jkeras.layers.AttentionCall;
import io.jkeras.layers.Layer;
import io.jkeras.layers.MultiHeadAttention;
import io.jkeras.layers.RecurrentBase;
import io.jkeras.models.Model;
import io.jkeras.models.Sequential;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Functional model's config as Keras 3 writes it ({@code Functional.get_config}):
 * {@code {"name", "trainable", "layers": [...], "input_layers", "output_layers"}}, each layer entry its
 * serialized object plus {@code "name"} and {@code "inbound_nodes"}, one per call of the layer in this
 * model: {@code {"args": [<__keras_tensor__>...], "kwargs": {}}}. Reading (every Keras layout) is
 * {@link GraphRebuilder}.
 *
 * <pre>{@code
 * jshell> Map<String, Object> c = FunctionalConfig.toConfig(model);
 * jshell> c.get("input_layers")
 * $2 ==> [[input_layer, 0, 0]]
 * }</pre>
 */
public final class FunctionalConfig {
    private FunctionalConfig() {
    }

    /** The config of a Functional model (not a {@link Sequential}: see {@link SequentialConfig}). */
    public static Map<String, Object> toConfig(Model model) {
        Topology topo = model.topology();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", model.name());
        c.put("trainable", model.trainable());
        List<Object> layers = new ArrayList<>();
        for (Layer layer : topo.layers()) {
            Map<String, Object> entry = LayerSerializer.serialize(layer);
            entry.put("name", layer.name());
            List<Object> nodes = new ArrayList<>();
            for (Node n : layer.inboundNodes()) {
                if (topo.contains(n) && !n.isInput()) nodes.add(node(n, topo));
            }
            entry.put("inbound_nodes", nodes);
            layers.add(entry);
        }
        c.put("layers", layers);
        c.put("input_layers", endpoints(topo.inputs(), topo));
        c.put("output_layers", endpoints(topo.outputs(), topo));
        return c;
    }

    /**
     * One call: a single tensor is the only argument; several are passed as one list, as Keras layers take them.
     * A recurrent layer's initial states go in the keyword argument {@code initial_state}, as Keras 3 writes them.
     */
    private static Map<String, Object> node(Node n, Topology topo) {
        List<Object> tensors = new ArrayList<>();
        for (KerasTensor t : n.inputs()) tensors.add(tensor(t, topo));
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> kwargs = new LinkedHashMap<>();
        if (n.layer() instanceof RecurrentBase<?> && tensors.size() > 1) {
            kwargs.put("initial_state", new ArrayList<>(tensors.subList(1, tensors.size())));
            tensors = List.of(tensors.get(0));
        }
        if (n.layer() instanceof MultiHeadAttention) {
            // Keras 3 writes mha(query, value[, key], attention_mask=mask): separate arguments, the mask by keyword
            if (tensors.size() > 3) kwargs.put("attention_mask", tensors.get(3));
            tensors = new ArrayList<>(tensors.subList(0, Math.min(3, tensors.size())));
        }
        if (n.layer() instanceof AttentionCall ac) kwargs.putAll(ac.callKwargs());
        m.put("args", tensors.size() == 1 || n.layer() instanceof MultiHeadAttention ? tensors : List.of(tensors));
        m.put("kwargs", kwargs);
        return m;
    }

    private static Map<String, Object> tensor(KerasTensor t, Topology topo) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("shape", t.shape().dims());
        config.put("dtype", t.dtype());
        config.put("keras_history", List.of(t.layer().name(), ownIndex(t.node(), topo), t.index()));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("class_name", "__keras_tensor__");
        m.put("config", config);
        return m;
    }

    /**
     * {@code [layer name, node index, tensor index]} per model input or output. Keras 3 counts a nested
     * Functional model's nodes from 1 here (a legacy of Keras 2, where such a model owned node 0), though
     * not in {@code keras_history}; Sequential models count from 0.
     */
    private static List<Object> endpoints(List<KerasTensor> tensors, Topology topo) {
        List<Object> out = new ArrayList<>();
        for (KerasTensor t : tensors) {
            Layer l = t.layer();
            int offset = l instanceof Model && !(l instanceof Sequential) ? 1 : 0;
            out.add(List.of(l.name(), ownIndex(t.node(), topo) + offset, t.index()));
        }
        return out;
    }

    /**
     * The node's position among its layer's calls that belong to this model: calls made elsewhere (by
     * another model sharing the layer) are not counted, as Keras renumbers them on saving.
     */
    static int ownIndex(Node node, Topology topo) {
        int i = 0;
        for (Node n : node.layer().inboundNodes()) {
            if (n == node) return i;
            if (topo.contains(n)) i++;
        }
        throw new IllegalStateException("Node " + node + " is not among the calls of layer \"" + node.layer().name() + "\".");
    }
}
