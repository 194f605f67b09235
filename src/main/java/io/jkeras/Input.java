package io.jkeras;

import io.jkeras.layers.InputLayer;

/**
 * {@code keras.Input}: the entry point of a Functional model. Returns the symbolic tensor produced by
 * a new {@link InputLayer}.
 *
 * <p>The shape excludes the batch dimension, which is unknown ({@code None}) unless a batch size is given.
 *
 * <pre>{@code
 * jshell> KerasTensor x = Input.shape(28, 28, 1);
 * jshell> x.shape()
 * $2 ==> (None, 28, 28, 1)
 * jshell> KerasTensor t = Input.shape(Shape.of(null, 8), "tokens");   // variable-length sequences
 * }</pre>
 */
public final class Input {
    private Input() {
    }

    /** An input of the given per-sample shape (every dimension known). */
    public static KerasTensor shape(int... dims) {
        Integer[] boxed = new Integer[dims.length];
        for (int i = 0; i < dims.length; i++) boxed[i] = dims[i];
        return shape(Shape.of(boxed), null);
    }

    /** An input of the given per-sample shape ({@code null} dimensions unknown) and optional name. */
    public static KerasTensor shape(Shape shape, String name) {
        return create(shape.withBatch(), name, Keras.floatx());
    }

    /**
     * The general form.
     *
     * @param batchShape the full shape, batch dimension included ({@code null} entries unknown)
     * @param name the layer name, or {@code null} for an automatic {@code input_layer_N}
     * @param dtype the Keras dtype name ({@code "float32"}, {@code "int32"} for token ids)
     */
    public static KerasTensor create(Shape batchShape, String name, String dtype) {
        InputLayer layer = new InputLayer(batchShape, dtype);
        if (name != null) layer.name(name);
        return layer.output();
    }
}
