package io.jkeras.constraints;

import io.jkeras.Keras;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scales the weights incident to each unit to unit L2 norm, as {@code keras.constraints.UnitNorm}:
 * {@code w / (ε + n)} with {@code n} the norms along {@code axis} and ε = 1e-7.
 *
 * <pre>{@code
 * new Dense(64).kernelConstraint(new UnitNorm(0))   // or "unit_norm"
 * }</pre>
 */
public final class UnitNorm implements Constraint {
    private final int[] axis;

    /** @param axis the axes the norms run over (negative counts from the end) */
    public UnitNorm(int... axis) {
        this.axis = axis.length == 0 ? new int[]{0} : axis.clone();
    }

    /** Keras's default: axis 0. */
    public UnitNorm() {
        this(0);
    }

    /** Rescales {@code w} in place and returns it. */
    @Override
    public INDArray apply(INDArray w) {
        return w.divi(Norms.along(w, axis).addi(Keras.EPSILON));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("axis", Norms.toConfig(axis));
        return c;
    }
}
