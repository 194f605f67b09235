package io.jkeras.regularizers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The L1 penalty {@code l1 · Σ|w|}, as {@code keras.regularizers.L1}; it pushes weights to exactly zero.
 *
 * <pre>{@code
 * new Dense(64).kernelRegularizer(new L1(0.001))   // or "l1" for l1 = 0.01
 * }</pre>
 */
public final class L1 implements Regularizer {
    private final double l1;

    /** @param l1 the factor, finite and non-negative */
    public L1(double l1) {
        this.l1 = Regularizers.validateFactor(l1, "l1");
    }

    /** Keras's default factor, 0.01. */
    public L1() {
        this(0.01);
    }

    /** The factor. */
    public double l1() {
        return l1;
    }

    @Override
    public double loss(INDArray w) {
        return l1 * w.norm1Number().doubleValue();
    }

    /** {@code l1 · sign(w)}: 0 where w is 0, as the gradient of |w| in TensorFlow, JAX and PyTorch. */
    @Override
    public INDArray gradient(INDArray w) {
        return Transforms.sign(w, true).muli(l1);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("l1", l1);
        return c;
    }
}
