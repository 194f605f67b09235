package io.jkeras.graph;

import io.jkeras.KerasTensor;
import io.jkeras.layers.Layer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The ordered graph of a Functional model, worked out as Keras's {@code map_graph} does: nodes and
 * layers grouped by depth (distance from the outputs), executed from the deepest; layers listed in
 * that order, ties broken by discovery order. Checks that every output is reachable from the inputs
 * ("Graph disconnected") and that layer names are unique.
 */
public final class Topology {
    private final List<KerasTensor> inputs;
    private final List<KerasTensor> outputs;
    private final List<Node> nodes = new ArrayList<>();
    private final List<Layer> layers = new ArrayList<>();
    private final Map<Node, Integer> nodeDepths = new IdentityHashMap<>();

    /**
     * @param inputs the model's inputs: outputs of {@link io.jkeras.layers.InputLayer}s
     * @param outputs the model's outputs
     * @throws IllegalArgumentException for a disconnected graph, a non-Input input, or duplicate names
     */
    public Topology(List<KerasTensor> inputs, List<KerasTensor> outputs) {
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        for (KerasTensor t : inputs) {
            if (!t.node().isInput()) {
                throw new IllegalArgumentException("Model inputs must come from Input(...) (an InputLayer). Received "
                        + t + ", produced by layer \"" + t.layer().name() + "\" (" + t.layer().className() + ").");
            }
        }
        List<Node> decreasingDepth = new ArrayList<>();
        Map<Layer, Integer> layerIndices = new LinkedHashMap<>();
        Set<Node> finished = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Node> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());
        for (KerasTensor t : outputs) visit(t.node(), finished, inProgress, decreasingDepth, layerIndices);

        Map<Layer, Integer> layerDepths = new IdentityHashMap<>();
        for (int i = decreasingDepth.size() - 1; i >= 0; i--) {
            Node n = decreasingDepth.get(i);
            int depth = Math.max(nodeDepths.getOrDefault(n, 0), layerDepths.getOrDefault(n.layer(), 0));
            layerDepths.put(n.layer(), depth);
            nodeDepths.put(n, depth);
            for (KerasTensor in : n.inputs()) nodeDepths.merge(in.node(), depth + 1, Math::max);
        }
        // Group by depth, deepest first; within a depth, nodes in discovery order, layers by first discovery.
        TreeMap<Integer, List<Node>> byDepth = new TreeMap<>(Collections.reverseOrder());
        for (Node n : decreasingDepth) byDepth.computeIfAbsent(nodeDepths.get(n), d -> new ArrayList<>()).add(n);
        TreeMap<Integer, List<Layer>> layersByDepth = new TreeMap<>(Collections.reverseOrder());
        for (Map.Entry<Layer, Integer> e : layerIndices.entrySet()) {
            layersByDepth.computeIfAbsent(layerDepths.get(e.getKey()), d -> new ArrayList<>()).add(e.getKey());
        }
        for (List<Layer> ls : layersByDepth.values()) {
            ls.sort((a, b) -> Integer.compare(layerIndices.get(a), layerIndices.get(b)));
            layers.addAll(ls);
        }
        checkConnected(byDepth);
        for (List<Node> ns : byDepth.values()) nodes.addAll(ns);
        checkUniqueNames();
    }

    private void visit(Node node, Set<Node> finished, Set<Node> inProgress, List<Node> order, Map<Layer, Integer> layerIndices) {
        if (inProgress.contains(node)) {
            throw new IllegalArgumentException("Tensor produced by layer \"" + node.layer().name() + "\" is part of a cycle.");
        }
        if (finished.contains(node)) return;
        layerIndices.putIfAbsent(node.layer(), layerIndices.size());
        inProgress.add(node);
        for (KerasTensor t : node.inputs()) visit(t.node(), finished, inProgress, order, layerIndices);
        finished.add(node);
        inProgress.remove(node);
        order.add(node);
    }

    private void checkConnected(TreeMap<Integer, List<Node>> byDepth) {
        Set<KerasTensor> computable = Collections.newSetFromMap(new IdentityHashMap<>());
        computable.addAll(inputs);
        List<String> ok = new ArrayList<>();
        for (List<Node> ns : byDepth.values()) {
            for (Node n : ns) {
                for (KerasTensor t : n.inputs()) {
                    if (!computable.contains(t)) throw disconnected(t, n.layer().name(), ok);
                }
                if (!n.isInput() || inputs.contains(n.outputs().get(0))) computable.addAll(n.outputs());
                ok.add("\"" + n.layer().name() + "\"");
            }
        }
        for (KerasTensor t : outputs) {
            if (!computable.contains(t)) throw disconnected(t, t.layer().name(), ok);
        }
    }

    private static IllegalArgumentException disconnected(KerasTensor t, String at, List<String> ok) {
        return new IllegalArgumentException("Graph disconnected: cannot obtain value for tensor " + t
                + " (the output of layer \"" + t.layer().name() + "\") at layer \"" + at
                + "\". The following previous layers were accessed without issue: " + ok
                + ". Pass that tensor's Input to the model's inputs, or build the output from the given inputs.");
    }

    private void checkUniqueNames() {
        Map<String, Integer> counts = new HashMap<>();
        for (Layer l : layers) counts.merge(l.name(), 1, Integer::sum);
        for (Layer l : layers) {
            int c = counts.get(l.name());
            if (c > 1) {
                throw new IllegalArgumentException("The name \"" + l.name() + "\" is used " + c
                        + " times in the model. All layer names should be unique.");
            }
        }
    }

    /** The model's inputs. */
    public List<KerasTensor> inputs() {
        return inputs;
    }

    /** The model's outputs. */
    public List<KerasTensor> outputs() {
        return outputs;
    }

    /** Every node of the model, in execution order (InputLayer nodes first). */
    public List<Node> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    /** Every layer of the model, in Keras's order (each once, even if called at several nodes). */
    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    /** True if this node belongs to the model. */
    public boolean contains(Node n) {
        return nodeDepths.containsKey(n);
    }
}
