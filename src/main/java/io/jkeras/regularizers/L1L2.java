package io.jkeras.regularizers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Both penalties, {@code l1 · Σ|w| + l2 · Σw²}, as {@code keras.regularizers.L1L2}.
 *
 * <p>The class's defaults are 0 and 0, as Keras's class; the name {@code "l1_l2"} gives 0.01 and 0.01, as
 * Keras's {@code l1_l2()} function.
 *
 * <pre>{@code
 * new Dense(64).kernelRegularizer(new L1L2(1e-5, 1e-4))   // or "l1_l2"
 * }</pre>
 */
public final class L1L2 implements Regularizer {
    private final double l1;
    private final double l2;

    /**
     * @param l1 the L1 factor, finite and non-negative
     * @param l2 the L2 factor, finite and non-negative
     */
    public L1L2(double l1, double l2) {
        this.l1 = Regularizers.validateFactor(l1, "l1");
        this.l2 = Regularizers.validateFactor(l2, "l2");
    }

    /** Keras's class defaults: no penalty until a factor is given. */
    public L1L2() {
        this(0.0, 0.0);
    }

    /** The L1 factor. */
    public double l1() {
        return l1;
    }

    /** The L2 factor. */
    public double l2() {
        return l2;
    }

    @Override
    public double loss(INDArray w) {
        // A zero factor skips its reduction, as Keras does.
        double loss = 0.0;
        if (l1 != 0.0) loss += l1 * w.norm1Number().doubleValue();
        if (l2 != 0.0) loss += l2 * L2.sumOfSquares(w);
        return loss;
    }

    @Override
    public INDArray gradient(INDArray w) {
        INDArray g = w.mul(2.0 * l2);
        if (l1 != 0.0) g.addi(Transforms.sign(w, true).muli(l1));
        return g;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("l1", l1);
        c.put("l2", l2);
        return c;
    }
}
