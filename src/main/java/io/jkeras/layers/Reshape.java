package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reshapes each sample to {@code target_shape}, as {@code keras.layers.Reshape}; the batch axis is kept.
 *
 * <p>{@code target_shape}: the per-sample shape; one entry may be {@code -1}, inferred from the input size.
 * Input {@code (batch, ...)} with as many elements per sample as {@code target_shape}; output
 * {@code (batch, *target_shape)}. Elements keep their row-major (C) order, as in Keras.
 *
 * <pre>{@code
 * jshell> new Reshape(-1, 4).apply(Input.shape(12)).shape()
 * $1 ==> (None, 3, 4)
 * }</pre>
 */
public class Reshape extends Layer {
    private final int[] targetShape;

    /** @param targetShape the per-sample output shape; at most one {@code -1} */
    public Reshape(int... targetShape) {
        this.targetShape = targetShape.clone();
        long unknown = Arrays.stream(targetShape).filter(d -> d == -1).count();
        if (unknown > 1) {
            throw new IllegalArgumentException("There must be at most one unknown dimension (-1) in target_shape. "
                    + "Received: target_shape=" + LayerErrors.tuple(targetShape) + ".");
        }
        for (int d : targetShape) {
            if (d == 0 || d < -1) {
                throw new IllegalArgumentException("Each entry of target_shape must be a positive integer or -1. "
                        + "Received: target_shape=" + LayerErrors.tuple(targetShape) + ".");
            }
        }
    }

    /** The per-sample target shape as given (may hold one {@code -1}). */
    public int[] targetShape() {
        return targetShape.clone();
    }

    @Override
    protected void checkInputs(List<Shape> shapes) {
        super.checkInputs(shapes);
        computeOutputShape(shapes.get(0)); // eager calls get Keras's size message too, not an ND4J one
    }

    @Override
    public Shape computeOutputShape(Shape inputShape) {
        Shape sample = inputShape.dropBatch();
        List<Integer> out = new ArrayList<>();
        out.add(inputShape.get(0));
        Long size = sample.product(0);
        if (size == null) { // an unknown input size leaves -1 unknown
            for (int d : targetShape) out.add(d == -1 ? null : d);
            return Shape.of(out);
        }
        long known = 1;
        int unknownAt = -1;
        for (int i = 0; i < targetShape.length; i++) {
            if (targetShape[i] == -1) unknownAt = i;
            else known *= targetShape[i];
        }
        if (unknownAt < 0 && known != size) {
            throw LayerErrors.of(this, "The total size of the tensor must be unchanged. Received: input_shape="
                    + sample + ", target_shape=" + LayerErrors.tuple(targetShape));
        }
        if (unknownAt >= 0 && size % known != 0) {
            throw LayerErrors.of(this, "The total size of the tensor must be unchanged, however, the input size "
                    + "cannot by divided by the specified dimensions in target_shape. Received: input_shape="
                    + sample + ", target_shape=" + LayerErrors.tuple(targetShape));
        }
        for (int d : targetShape) out.add(d == -1 ? Math.toIntExact(size / known) : d);
        return Shape.of(out);
    }

    @Override
    protected Forward forward(INDArray input, boolean training) {
        long[] inShape = input.shape();
        // The output shape from the actual array: a -1 resolves even where the symbolic size was unknown.
        long[] outShape = computeOutputShape(Shape.ofArray(inShape)).toLongArray(inShape[0]);
        // A view when the input is contiguous; ND4J copies only when it has to.
        return Forward.of(input.reshape('c', outShape), g -> g.reshape('c', inShape));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        List<Integer> t = new ArrayList<>();
        for (int d : targetShape) t.add(d);
        c.put("target_shape", t);
        return c;
    }

    /** From a config of any Keras version (a JSON list; Keras 3 writes the tuple as a list too). */
    public static Reshape fromConfig(Config c) {
        int[] target = c.getInts("target_shape");
        if (target == null) throw new IllegalArgumentException("A Reshape config needs \"target_shape\".");
        return new Reshape(target).withBaseConfig(c);
    }
}
