package io.jkeras.layers;

import io.jkeras.KerasTensor;
import io.jkeras.Shape;
import io.jkeras.graph.Node;
import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The layer behind {@link io.jkeras.Input}: holds a model input's shape and dtype and produces its
 * symbolic tensor. It has no weights and no computation.
 *
 * <p>Input: none. Output: {@code (batch, ...shape)}.
 *
 * <pre>{@code
 * jshell> Sequential m = new Sequential(new InputLayer(784), new Dense(10));
 * }</pre>
 */
public final class InputLayer extends Layer {
    private final KerasTensor output;

    /**
     * @param batchShape the full shape, batch included ({@code null} entries unknown)
     * @param dtype the Keras dtype name
     */
    public InputLayer(Shape batchShape, String dtype) {
        dtype(dtype);
        setBatchInputShape(batchShape);
        markBuilt();
        Node node = new Node(this, List.of(), 0);
        output = new KerasTensor(batchShape, dtype, node, 0);
        node.setOutputs(List.of(output));
        registerNode(node);
    }

    /** An input of this per-sample shape, in the default float type. */
    public InputLayer(int... shape) {
        this(toShape(shape).withBatch(), io.jkeras.Keras.floatx());
    }

    private static Shape toShape(int[] dims) {
        Integer[] b = new Integer[dims.length];
        for (int i = 0; i < dims.length; i++) b[i] = dims[i];
        return Shape.of(b);
    }

    @Override
    protected int expectedInputCount() {
        return 0;
    }

    @Override
    public KerasTensor output() {
        return output;
    }

    @Override
    public List<Shape> computeOutputShape(List<Shape> inputShapes) {
        return List.of(batchInputShape());
    }

    @Override
    public Forward forward(List<INDArray> inputs, boolean training) {
        return Forward.of(inputs, g -> g);
    }

    /** Keras 3's InputLayer config: {@code batch_shape}, {@code dtype}, {@code sparse}, {@code name}. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("batch_shape", batchInputShape().dims());
        c.put("dtype", dtype());
        c.put("sparse", false);
        c.put("name", name());
        return c;
    }

    /** From a config of any Keras version ({@code batch_shape} or {@code batch_input_shape}). */
    public static InputLayer fromConfig(Config c) {
        Shape s = c.batchInputShape();
        if (s == null) {
            throw new IllegalArgumentException("InputLayer config \"" + c.getString("name") + "\" has no batch_shape.");
        }
        String d = c.dtypeName();
        InputLayer l = new InputLayer(s, d == null ? io.jkeras.Keras.floatx() : d);
        if (c.has("name")) l.name(c.getString("name"));
        return l;
    }
}
