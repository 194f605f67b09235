package io.jkeras.constraints;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * A projection applied to a weight after each optimizer update, as {@code keras.constraints.Constraint}.
 *
 * <pre>{@code
 * new Dense(64).kernelConstraint(new MaxNorm(3))
 * }</pre>
 */
public interface Constraint {
    /** The constrained value (may be computed in place into {@code w} and return it). */
    INDArray apply(INDArray w);

    /** The Keras class name ({@code "MaxNorm"}). */
    default String className() {
        return getClass().getSimpleName();
    }

    /** Keras's config ({@code {"max_value": 3, "axis": 0}}). */
    Map<String, Object> getConfig();
}
