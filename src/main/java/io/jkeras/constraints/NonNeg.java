package io.jkeras.constraints;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sets negative weights to zero, {@code max(w, 0)}, as {@code keras.constraints.NonNeg}.
 *
 * <pre>{@code
 * new Dense(64).kernelConstraint(new NonNeg())   // or "non_neg"
 * }</pre>
 */
public final class NonNeg implements Constraint {
    /** Clips {@code w} in place and returns it. */
    @Override
    public INDArray apply(INDArray w) {
        return Transforms.max(w, 0.0, false);
    }

    @Override
    public Map<String, Object> getConfig() {
        return new LinkedHashMap<>();
    }
}
