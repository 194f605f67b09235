package io.jkeras.regularizers;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * A penalty on a weight added to the model's loss, as {@code keras.regularizers.Regularizer}.
 *
 * <pre>{@code
 * new Dense(64).kernelRegularizer(new L2(0.01))
 * }</pre>
 */
public interface Regularizer {
    /** The penalty for this weight value. */
    double loss(INDArray w);

    /** d(penalty)/d(w), a new array. */
    INDArray gradient(INDArray w);

    /** The Keras class name ({@code "L2"}). */
    default String className() {
        return getClass().getSimpleName();
    }

    /** Keras's config ({@code {"l2": 0.01}}). */
    Map<String, Object> getConfig();
}
