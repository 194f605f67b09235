package io.jkeras.constraints;

import io.jkeras.Keras;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Caps the L2 norm of the weights incident to each unit at {@code max_value}, as
 * {@code keras.constraints.MaxNorm}: {@code w · clip(n, 0, max_value) / (ε + n)} with {@code n} the norms
 * along {@code axis} and ε = 1e-7. For a Dense kernel {@code (in, out)} axis 0 constrains each unit's
 * incoming vector; for a Conv2D kernel {@code (kh, kw, in, out)} use axes {@code {0, 1, 2}}.
 *
 * <pre>{@code
 * new Dense(64).kernelConstraint(new MaxNorm(3.0))   // or "max_norm"
 * }</pre>
 */
public final class MaxNorm implements Constraint {
    private final double maxValue;
    private final int[] axis;

    /**
     * @param maxValue the largest norm allowed
     * @param axis the axes the norms run over (negative counts from the end)
     */
    public MaxNorm(double maxValue, int... axis) {
        this.maxValue = maxValue;
        this.axis = axis.length == 0 ? new int[]{0} : axis.clone();
    }

    /** Keras's defaults: max_value 2, axis 0. */
    public MaxNorm() {
        this(2.0, 0);
    }

    /** Rescales {@code w} in place and returns it. */
    @Override
    public INDArray apply(INDArray w) {
        INDArray norms = Norms.along(w, axis);
        INDArray desired = Transforms.min(norms, maxValue, true);
        return w.muli(desired.divi(norms.addi(Keras.EPSILON)));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("max_value", maxValue);
        c.put("axis", Norms.toConfig(axis));
        return c;
    }
}
