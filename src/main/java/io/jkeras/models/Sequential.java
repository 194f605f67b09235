package io.jkeras.models;

import io.jkeras.KerasTensor;
import io.jkeras.Shape;
import io.jkeras.graph.Node;
import io.jkeras.layers.InputLayer;
import io.jkeras.layers.Layer;
import io.jkeras.saving.Config;
import io.jkeras.saving.SequentialConfig;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A linear stack of layers, as {@code keras.Sequential}. It is a {@link Model} whose graph is built
 * from the stack as soon as the input shape is known (from an {@link InputLayer}, the first layer's
 * {@code inputShape(...)}, or the first data it sees), so there is one engine for both APIs.
 *
 * <pre>{@code
 * jshell> Sequential m = new Sequential();
 * jshell> m.add(new Dense(64).activation("relu").inputShape(256));
 * jshell> m.add(new Dense(32));
 * jshell> m.countParams()
 * $4 ==> 18528
 * }</pre>
 */
public class Sequential extends Model {
    private final List<Layer> stack = new ArrayList<>();
    private InputLayer inputLayer;
    private final List<Node> madeNodes = new ArrayList<>();

    /** A model of these layers, in order. */
    public Sequential(Layer... layers) {
        for (Layer l : layers) add(l);
    }

    @Override
    public String className() {
        return "Sequential";
    }

    /** Appends a layer (an {@link InputLayer} only first); rebuilds the graph if the input shape is known. */
    public Sequential add(Layer layer) {
        if (layer == null) throw new IllegalArgumentException("Only instances of Layer can be added to a Sequential model. Received: null");
        if (layer instanceof InputLayer in) {
            if (inputLayer != null || !stack.isEmpty()) {
                throw new IllegalArgumentException("Sequential model \"" + name() + "\" has already been configured to use input shape "
                        + (inputLayer != null ? inputLayer.batchInputShape() : "from its first layer")
                        + ". You cannot add a different InputLayer to it.");
            }
            inputLayer = in;
            return this;
        }
        for (Layer l : stack) {
            if (l.name().equals(layer.name())) {
                throw new IllegalArgumentException("All layers added to a Sequential model should have unique names. Name \""
                        + layer.name() + "\" is already the name of a layer in this model. Update the `name` argument to pass a unique name.");
            }
        }
        if (stack.isEmpty() && inputLayer == null) {
            Shape shape = layer.batchInputShape();
            // A model added first brings its input shape, as in Keras 2 (a VGG16 base in a Sequential).
            if (shape == null && layer instanceof Model m && m.hasGraph() && m.inputs().size() == 1) shape = m.inputs().get(0).shape();
            if (shape != null) inputLayer = new InputLayer(shape, layer.dtype());
        }
        stack.add(layer);
        rebuild();
        return this;
    }

    /** Appends an input, as {@code model.add(keras.Input(shape=...))}. */
    public Sequential add(KerasTensor input) {
        if (!(input.layer() instanceof InputLayer)) {
            throw new IllegalArgumentException("Only Input(...) tensors can be added to a Sequential model; received " + input);
        }
        return add(input.layer());
    }

    /** Removes the last layer. */
    public Sequential pop() {
        if (stack.isEmpty()) throw new IllegalStateException("There are no layers in the model.");
        stack.remove(stack.size() - 1);
        rebuild();
        return this;
    }

    /** Builds the graph for this per-batch input shape (batch dimension included, e.g. {@code (None, 784)}). */
    public void build(Shape batchInputShape) {
        if (inputLayer == null) inputLayer = new InputLayer(batchInputShape, dtype());
        rebuild();
    }

    @Override
    protected void buildFromData(List<Shape> shapes) {
        if (!hasGraph() && shapes.size() == 1) build(shapes.get(0).with(0, null));
    }

    private void rebuild() {
        if (inputLayer == null || stack.isEmpty()) return;
        for (Node n : madeNodes) n.layer().removeInboundNode(n);
        madeNodes.clear();
        KerasTensor x = inputLayer.output();
        for (Layer l : stack) {
            x = l.apply(x);
            madeNodes.add(x.node());
        }
        setGraph(List.of(inputLayer.output()), List.of(x));
    }

    /** The layers in order, without the InputLayer (as Keras). */
    @Override
    public List<Layer> layers() {
        return Collections.unmodifiableList(stack);
    }

    /** Keras 3's Sequential config: name, trainable, dtype, the layers (InputLayer first), build_input_shape. */
    @Override
    public Map<String, Object> getConfig() {
        return SequentialConfig.toConfig(this);
    }

    /** A Sequential model from its config: Keras 3, Keras 2 ({@code {"name", "layers"}}) or a bare layer list. */
    public static Sequential fromConfig(Config config) {
        return SequentialConfig.fromConfig(config);
    }

    /** The InputLayer, or {@code null} if the input shape is not known yet. */
    public InputLayer inputLayer() {
        return inputLayer;
    }
}
