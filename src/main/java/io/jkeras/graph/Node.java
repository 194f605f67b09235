package io.jkeras.graph;

import io.jkeras.KerasTensor;
import io.jkeras.layers.Layer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One call of a layer on symbolic tensors: the edge set of the Functional graph.
 *
 * <p>A layer called twice (a shared layer) has two nodes; {@link #index()} is this node's position among
 * the layer's calls, as in Keras's {@code keras_history = (layer, node_index, tensor_index)}.
 */
public final class Node {
    private final Layer layer;
    private final List<KerasTensor> inputs;
    private final List<KerasTensor> outputs = new ArrayList<>();
    private final int index;

    /**
     * Made by {@link Layer#applyAll(List)}; registers itself with the layer.
     *
     * @param layer the layer called
     * @param inputs the tensors it was called on
     * @param index this call's position among the layer's calls
     */
    public Node(Layer layer, List<KerasTensor> inputs, int index) {
        this.layer = layer;
        this.inputs = List.copyOf(inputs);
        this.index = index;
    }

    /** The layer called. */
    public Layer layer() {
        return layer;
    }

    /** The tensors the layer was called on (empty for an InputLayer). */
    public List<KerasTensor> inputs() {
        return inputs;
    }

    /** The tensors the call produced. */
    public List<KerasTensor> outputs() {
        return Collections.unmodifiableList(outputs);
    }

    /** Used once, by the layer, to attach the call's outputs. */
    public void setOutputs(List<KerasTensor> out) {
        if (!outputs.isEmpty()) throw new IllegalStateException("Node outputs already set");
        outputs.addAll(out);
    }

    /** This call's position among its layer's calls. */
    public int index() {
        return index;
    }

    /** True for the node of an {@link io.jkeras.layers.InputLayer}. */
    public boolean isInput() {
        return inputs.isEmpty();
    }

    @Override
    public String toString() {
        return "<Node " + layer.name() + "[" + index + "]>";
    }
}
