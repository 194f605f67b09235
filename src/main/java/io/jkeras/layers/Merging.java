package io.jkeras.layers;

import io.jkeras.KerasTensor;

import java.util.Arrays;
import java.util.List;

/**
 * The functional forms of the merging layers, as {@code keras.layers.concatenate}, {@code add}, ...: each
 * makes the layer and applies it to the tensors, returning the output tensor.
 *
 * <pre>{@code
 * jshell> KerasTensor a = Input.shape(8), b = Input.shape(8);
 * jshell> Merging.concatenate(a, b).shape()
 * $3 ==> (None, 16)
 * jshell> Merging.dot(List.of(a, b), 1, true).shape()   // cosine similarity
 * $4 ==> (None, 1)
 * }</pre>
 */
public final class Merging {
    private Merging() {
    }

    /** {@link Concatenate} along {@code axis}. */
    public static KerasTensor concatenate(List<KerasTensor> inputs, int axis) {
        return new Concatenate(axis).apply(inputs);
    }

    /** {@link Concatenate} along the last axis. */
    public static KerasTensor concatenate(KerasTensor... inputs) {
        return new Concatenate().apply(inputs);
    }

    /** {@link Add}: the element-wise sum. */
    public static KerasTensor add(KerasTensor... inputs) {
        return new Add().apply(inputs);
    }

    /** {@link Add} of a list. */
    public static KerasTensor add(List<KerasTensor> inputs) {
        return new Add().apply(inputs);
    }

    /** {@link Subtract}: {@code a - b}. */
    public static KerasTensor subtract(KerasTensor a, KerasTensor b) {
        return new Subtract().apply(a, b);
    }

    /** {@link Multiply}: the element-wise product. */
    public static KerasTensor multiply(KerasTensor... inputs) {
        return new Multiply().apply(inputs);
    }

    /** {@link Multiply} of a list. */
    public static KerasTensor multiply(List<KerasTensor> inputs) {
        return new Multiply().apply(inputs);
    }

    /** {@link Average}: the element-wise mean. */
    public static KerasTensor average(KerasTensor... inputs) {
        return new Average().apply(inputs);
    }

    /** {@link Average} of a list. */
    public static KerasTensor average(List<KerasTensor> inputs) {
        return new Average().apply(inputs);
    }

    /** {@link Maximum}: the element-wise maximum. */
    public static KerasTensor maximum(KerasTensor... inputs) {
        return new Maximum().apply(inputs);
    }

    /** {@link Maximum} of a list. */
    public static KerasTensor maximum(List<KerasTensor> inputs) {
        return new Maximum().apply(inputs);
    }

    /** {@link Minimum}: the element-wise minimum. */
    public static KerasTensor minimum(KerasTensor... inputs) {
        return new Minimum().apply(inputs);
    }

    /** {@link Minimum} of a list. */
    public static KerasTensor minimum(List<KerasTensor> inputs) {
        return new Minimum().apply(inputs);
    }

    /** {@link Dot} of two tensors along {@code axes} of both, optionally L2-normalised first. */
    public static KerasTensor dot(List<KerasTensor> inputs, int axes, boolean normalize) {
        return new Dot(axes).normalize(normalize).apply(inputs);
    }

    /** {@link Dot} along a pair of axes, {@code axes[0]} of the first input and {@code axes[1]} of the second. */
    public static KerasTensor dot(List<KerasTensor> inputs, int[] axes, boolean normalize) {
        if (axes.length != 2) {
            throw new IllegalArgumentException("Invalid format for argument `axes`: it should contain two elements. "
                    + "Received: axes=" + Arrays.toString(axes));
        }
        return new Dot(axes[0], axes[1]).normalize(normalize).apply(inputs);
    }
}
