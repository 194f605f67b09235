package io.jkeras.models;

import io.jkeras.KerasTensor;
import io.jkeras.Shape;
import io.jkeras.Variable;
import io.jkeras.graph.Executor;
import io.jkeras.graph.Topology;
import io.jkeras.layers.Forward;
import io.jkeras.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The graph half of a {@link Model} (Keras 2 called it {@code Network}): the layer calls from inputs to
 * outputs, the layers in Keras's order, their weights, and running the graph as one layer. {@link Model}
 * adds compile / fit / predict, files and printouts; use {@code Model} or {@code Sequential}, not this.
 *
 * <pre>{@code
 * jshell> Network n = new Model(x, y);
 * jshell> n.getLayer("dense").countParams()
 * }</pre>
 */
public abstract class Network extends Layer {
    private Topology topology;

    /** Sets (or replaces) the graph; checks it and marks the model built. */
    protected final void setGraph(List<KerasTensor> inputs, List<KerasTensor> outputs) {
        this.topology = new Topology(inputs, outputs);
        markBuilt();
    }

    /** The graph (for serialization and tools); throws Keras's message if the model has none yet. */
    public Topology topology() {
        if (topology == null) {
            throw new IllegalStateException("This model has not yet been built. Build the model first by calling "
                    + "build(inputShape) or by calling the model on a batch of data, or give its first layer an input shape.");
        }
        return topology;
    }

    /** True once the model has a graph. */
    public boolean hasGraph() {
        return topology != null;
    }

    // ------------------------------------------------------------------ structure

    /** The model's input tensors. */
    public List<KerasTensor> inputs() {
        return topology().inputs();
    }

    /** The model's output tensors. */
    public List<KerasTensor> outputs() {
        return topology().outputs();
    }

    /** The only input tensor (Keras's {@code model.input}). */
    @Override
    public KerasTensor input() {
        List<KerasTensor> in = inputs();
        if (in.size() != 1) throw new IllegalStateException("Model \"" + name() + "\" has " + in.size() + " inputs; use inputs().");
        return in.get(0);
    }

    /** The only output tensor (Keras's {@code model.output}). */
    @Override
    public KerasTensor output() {
        List<KerasTensor> out = outputs();
        if (out.size() != 1) throw new IllegalStateException("Model \"" + name() + "\" has " + out.size() + " outputs; use outputs().");
        return out.get(0);
    }

    /** The names of the output layers, in output order (what per-output losses and metrics are keyed by). */
    public List<String> outputNames() {
        return outputs().stream().map(t -> t.layer().name()).toList();
    }

    /** The names of the input layers, in input order. */
    public List<String> inputNames() {
        return inputs().stream().map(t -> t.layer().name()).toList();
    }

    /** The layers, in Keras's order (each once). */
    public List<Layer> layers() {
        return topology().layers();
    }

    /** The layer with this name; Keras's message if none. */
    public Layer getLayer(String name) {
        for (Layer l : layers()) if (l.name().equals(name)) return l;
        throw new IllegalArgumentException("No such layer: " + name + ". Existing layers are: "
                + layers().stream().map(Layer::name).toList() + ".");
    }

    /** The layer at this index of {@link #layers()}. */
    public Layer getLayer(int index) {
        List<Layer> ls = layers();
        if (index < 0 || index >= ls.size()) {
            throw new IllegalArgumentException("Was asked to retrieve layer at index " + index + " but model only has "
                    + ls.size() + " layers.");
        }
        return ls.get(index);
    }

    // ------------------------------------------------------------------ weights: the union over layers

    @Override
    public List<Variable> weights() {
        return dedup(layers().stream().flatMap(l -> l.weights().stream()).toList());
    }

    @Override
    public List<Variable> trainableWeights() {
        if (!trainable()) return List.of();
        return dedup(layers().stream().flatMap(l -> l.trainableWeights().stream()).toList());
    }

    @Override
    public List<Variable> nonTrainableWeights() {
        if (!trainable()) return weights();
        return dedup(layers().stream().flatMap(l -> l.nonTrainableWeights().stream()).toList());
    }

    private static List<Variable> dedup(List<Variable> vs) {
        Set<Variable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Variable> out = new ArrayList<>();
        for (Variable v : vs) if (seen.add(v)) out.add(v);
        return out;
    }

    /** Freezes or unfreezes the model and every layer in it, as Keras does. */
    @Override
    public void setTrainable(boolean t) {
        super.setTrainable(t);
        if (topology != null) for (Layer l : topology.layers()) l.setTrainable(t);
    }

    // ------------------------------------------------------------------ computation

    @Override
    protected int expectedInputCount() {
        return inputs().size();
    }

    /** Builds the graph from the first data's shapes (batch included) if the model has none yet; see {@link Sequential}. */
    protected void buildFromData(List<Shape> shapes) {
    }

    /** Checks the number and shapes of inputs (building an unbuilt Sequential first); Keras's messages. */
    @Override
    public void checkInputs(List<Shape> shapes) {
        buildFromData(shapes);
        super.checkInputs(shapes);
        List<KerasTensor> in = inputs();
        for (int i = 0; i < shapes.size(); i++) {
            Shape want = in.get(i).shape();
            if (!want.isCompatibleWith(shapes.get(i))) {
                throw new IllegalArgumentException("Input " + i + " of layer \"" + name() + "\" is incompatible with the layer: "
                        + "expected shape=" + want + ", found shape=" + shapes.get(i));
            }
        }
    }

    @Override
    public List<Shape> computeOutputShape(List<Shape> inputShapes) {
        return Executor.outputShapes(topology(), inputShapes);
    }

    @Override
    public Forward forward(List<INDArray> inputs, boolean training) {
        return Executor.run(topology(), inputs, training);
    }

    /**
     * Runs the graph with masks on the model's inputs, as Keras's {@code Functional.call(inputs, mask=...)}: each
     * layer inside sees the masks of its own inputs, and the result carries the masks of the model's outputs.
     */
    @Override
    public Forward forward(List<INDArray> inputs, List<INDArray> masks, boolean training) {
        return Executor.run(topology(), inputs, masks, training);
    }

    /** A model passes masks through its layers, so it takes masked inputs (the layers inside decide what survives). */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    /**
     * The masks of the model's outputs for these inputs and input masks, as Keras's {@code Functional.compute_mask}:
     * the graph is run (in inference mode) and the output masks it carries are returned; {@code null} if none.
     */
    @Override
    public List<INDArray> computeMask(List<INDArray> inputs, List<INDArray> masks) {
        return Executor.run(topology(), inputs, masks, false).masks();
    }
}
