package io.jkeras.constraints;

import io.jkeras.Keras;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps the L2 norm of the weights incident to each unit between {@code min_value} and {@code max_value},
 * as {@code keras.constraints.MinMaxNorm}: with {@code n} the norms along {@code axis},
 * {@code w · (rate · clip(n, min_value, max_value) + (1 - rate) · n) / (ε + n)}, ε = 1e-7. A rate below 1
 * moves the norms only part of the way at each step.
 *
 * <pre>{@code
 * new Dense(64).kernelConstraint(new MinMaxNorm(0.5, 1.0, 1.0, 0))   // or "min_max_norm"
 * }</pre>
 */
public final class MinMaxNorm implements Constraint {
    private final double minValue;
    private final double maxValue;
    private final double rate;
    private final int[] axis;

    /**
     * @param minValue the smallest norm
     * @param maxValue the largest norm
     * @param rate how far to move towards the interval, 1 for all the way
     * @param axis the axes the norms run over (negative counts from the end)
     */
    public MinMaxNorm(double minValue, double maxValue, double rate, int... axis) {
        this.minValue = minValue;
        this.maxValue = maxValue;
        this.rate = rate;
        this.axis = axis.length == 0 ? new int[]{0} : axis.clone();
    }

    /** Keras's defaults: norms in [0, 1], rate 1, axis 0. */
    public MinMaxNorm() {
        this(0.0, 1.0, 1.0, 0);
    }

    /** Rescales {@code w} in place and returns it. */
    @Override
    public INDArray apply(INDArray w) {
        INDArray norms = Norms.along(w, axis);
        INDArray clipped = Transforms.min(Transforms.max(norms, minValue, true), maxValue, false);
        INDArray desired = clipped.muli(rate).addi(norms.mul(1.0 - rate));
        return w.muli(desired.divi(norms.addi(Keras.EPSILON)));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("min_value", minValue);
        c.put("max_value", maxValue);
        c.put("rate", rate);
        c.put("axis", Norms.toConfig(axis));
        return c;
    }
}
