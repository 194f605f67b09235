package io.jkeras.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The Gaussian error linear unit, {@code keras.activations.gelu(x, approximate)}.
 *
 * <p>Exact (Keras's default): {@code 0.5 x (1 + erf(x / sqrt 2))}. Approximate:
 * {@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}. Both are composed from native ops (erf,
 * tanh, arithmetic): ND4J's GELU and PreciseGELU ops are other approximations that differ from both
 * Keras forms by about 1e-2.
 */
final class Gelu implements ActivationFunction {
    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);
    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);
    private static final double CUBIC = 0.044715;

    private final boolean approximate;

    Gelu() {
        this(false);
    }

    Gelu(boolean approximate) {
        this.approximate = approximate;
    }

    @Override
    public String name() {
        return "gelu";
    }

    @Override
    public INDArray forward(INDArray x) {
        INDArray inner = approximate ? tanhTerm(x) : erfTerm(x);
        return inner.addi(1.0).muli(x).muli(0.5);
    }

    @Override
    public INDArray backward(INDArray x, INDArray y, INDArray dy) {
        INDArray d;
        if (approximate) {
            // 0.5 (1 + t) + 0.5 x (1 - t^2) sqrt(2/pi) (1 + 3 * 0.044715 x^2), t = tanh(u)
            INDArray t = tanhTerm(x);
            INDArray du = x.mul(x).muli(3 * CUBIC).addi(1.0).muli(SQRT_2_OVER_PI);
            d = t.mul(t).rsubi(1.0).muli(du).muli(x).addi(t).addi(1.0).muli(0.5);
        } else {
            // Phi(x) + x phi(x): the normal CDF plus x times the normal density.
            INDArray pdf = Transforms.exp(x.mul(x).muli(-0.5), false).muli(INV_SQRT_2PI);
            d = erfTerm(x).addi(1.0).muli(0.5).addi(pdf.muli(x));
        }
        return d.muli(dy);
    }

    /** erf(x / sqrt 2), a new array. */
    private static INDArray erfTerm(INDArray x) {
        INDArray t = x.mul(SQRT_HALF);
        return Nd4j.exec(new Erf(t, t));
    }

    /** tanh(sqrt(2/pi) (x + 0.044715 x^3)), a new array. */
    private static INDArray tanhTerm(INDArray x) {
        INDArray u = x.mul(x).muli(CUBIC).addi(1.0).muli(x).muli(SQRT_2_OVER_PI);
        return Transforms.tanh(u, false);
    }
}
