package io.jkeras;

import io.jkeras.graph.Node;
import io.jkeras.layers.Layer;

/**
 * A symbolic tensor: the shape and dtype of a value that a layer will produce, and the {@link Node}
 * (one layer call) that produces it. Functional models are graphs of these.
 *
 * <p>Shape includes the batch dimension, usually unknown: {@code Input.shape(28, 28, 1).shape()} is
 * {@code (None, 28, 28, 1)}.
 *
 * <pre>{@code
 * jshell> KerasTensor x = Input.shape(784);
 * jshell> KerasTensor y = new Dense(10).apply(x);
 * jshell> y
 * y ==> <KerasTensor shape=(None, 10), dtype=float32, name=keras_tensor_1>
 * }</pre>
 */
public final class KerasTensor {
    private static int counter = 0;

    private final Shape shape;
    private final String dtype;
    private final String name;
    private final Node node;
    private final int index;

    /**
     * Made by the engine when a layer is applied.
     *
     * @param shape the full shape, batch dimension included
     * @param dtype the Keras dtype name ({@code "float32"})
     * @param node the layer call that produces this tensor
     * @param index which of that call's outputs this is
     */
    public KerasTensor(Shape shape, String dtype, Node node, int index) {
        this.shape = shape;
        this.dtype = dtype;
        this.node = node;
        this.index = index;
        this.name = nextName();
    }

    private static synchronized String nextName() {
        return counter++ == 0 ? "keras_tensor" : "keras_tensor_" + (counter - 1);
    }

    /** The full shape, batch dimension first (usually {@code None}). */
    public Shape shape() {
        return shape;
    }

    /** The Keras dtype name, e.g. {@code "float32"}. */
    public String dtype() {
        return dtype;
    }

    /** The tensor's unique symbolic name. */
    public String name() {
        return name;
    }

    /** The layer call that produces this tensor. */
    public Node node() {
        return node;
    }

    /** Which output of {@link #node()} this tensor is. */
    public int index() {
        return index;
    }

    /** The layer that produces this tensor. */
    public Layer layer() {
        return node.layer();
    }

    @Override
    public String toString() {
        return "<KerasTensor shape=" + shape + ", dtype=" + dtype + ", name=" + name + ">";
    }
}
