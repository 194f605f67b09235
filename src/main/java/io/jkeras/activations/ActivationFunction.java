package io.jkeras.activations;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An element-wise (or per-axis, for softmax) activation with its derivative, as the functions in
 * {@code keras.activations}. Serialized by name ({@code "relu"}).
 *
 * <pre>{@code
 * ActivationFunction f = Activations.get("relu");
 * INDArray y = f.forward(x);
 * INDArray dx = f.backward(x, y, dy);
 * }</pre>
 */
public interface ActivationFunction {
    /** The Keras name written in configs ({@code "relu"}). */
    String name();

    /** f(x) as a new array. */
    INDArray forward(INDArray x);

    /**
     * d(loss)/d(x) given the input {@code x}, the output {@code y = f(x)} and d(loss)/d(y); a new array
     * (each function uses whichever of x and y its derivative is cheapest from).
     */
    INDArray backward(INDArray x, INDArray y, INDArray dy);

    /**
     * True if this is a softmax over the last axis of a rank-{@code rank} input: the case the trainer fuses
     * with a crossentropy loss into the stable gradient {@code softmax - target}.
     */
    default boolean isLastAxisSoftmax(int rank) {
        return false;
    }
}
