package io.jkeras.regularizers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.floating.SquaredNorm;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The L2 penalty {@code l2 · Σw²}, as {@code keras.regularizers.L2} (weight decay). As in Keras there is
 * no ½: the gradient is {@code 2 · l2 · w}.
 *
 * <pre>{@code
 * new Dense(64).kernelRegularizer(new L2(0.001))   // or "l2" for l2 = 0.01
 * }</pre>
 */
public final class L2 implements Regularizer {
    private final double l2;

    /** @param l2 the factor, finite and non-negative */
    public L2(double l2) {
        this.l2 = Regularizers.validateFactor(l2, "l2");
    }

    /** Keras's default factor, 0.01. */
    public L2() {
        this(0.01);
    }

    /** The factor. */
    public double l2() {
        return l2;
    }

    @Override
    public double loss(INDArray w) {
        return l2 * sumOfSquares(w);
    }

    @Override
    public INDArray gradient(INDArray w) {
        return w.mul(2.0 * l2);
    }

    /** Σw² in one reduction (not a norm squared, which would round through a square root). */
    static double sumOfSquares(INDArray w) {
        return Nd4j.getExecutioner().exec(new SquaredNorm(w)).getDouble(0);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("l2", l2);
        return c;
    }
}
