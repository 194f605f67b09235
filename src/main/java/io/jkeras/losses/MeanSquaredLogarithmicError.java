package io.jkeras.losses;

import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Mean squared logarithmic error, {@code keras.losses.MeanSquaredLogarithmicError}: per sample
 * {@code mean(square(log(maximum(y_pred, 1e-7) + 1) - log(maximum(y_true, 1e-7) + 1)), axis=-1)}.
 * Keras names: {@code "MeanSquaredLogarithmicError"}, {@code "mean_squared_logarithmic_error"},
 * {@code "msle"}.
 *
 * <p>Inputs: y_true and y_pred of the same shape. Gradient:
 * {@code 2 (log(p' + 1) - log(t' + 1)) / (p' + 1) / D} where y_pred exceeds 1e-7, 0 where the
 * maximum replaces it (as autodiff of maximum gives).
 *
 * <pre>{@code
 * jshell> new MeanSquaredLogarithmicError().call(Nd4j.createFromArray(new float[][]{{0, 1}, {0, 0}}),
 *    ...>                                        Nd4j.createFromArray(new float[][]{{1, 1}, {1, 0}}))
 * $1 ==> 0.2402265...
 * }</pre>
 */
public class MeanSquaredLogarithmicError extends ElementwiseLoss {
    /** A loss named {@code "mean_squared_logarithmic_error"}. */
    public MeanSquaredLogarithmicError() {
        super("mean_squared_logarithmic_error");
    }

    private static INDArray floor(INDArray x) {
        return LossOps.clip(x, LossOps.EPS, Double.POSITIVE_INFINITY);
    }

    /** {@code log(max(p, eps) + 1) - log(max(t, eps) + 1)}. */
    private static INDArray diff(INDArray yTrue, INDArray yPred) {
        INDArray a = Transforms.log1p(floor(yPred), false);
        return a.subi(Transforms.log1p(floor(yTrue), false));
    }

    @Override
    INDArray elementwise(INDArray yTrue, INDArray yPred) {
        INDArray d = diff(yTrue, yPred);
        return d.muli(d);
    }

    @Override
    INDArray derivative(INDArray yTrue, INDArray yPred) {
        INDArray pass = LossOps.inside(yPred, LossOps.EPS, Double.POSITIVE_INFINITY);
        return diff(yTrue, yPred).muli(2.0).divi(floor(yPred).addi(1.0)).muli(pass);
    }

    @Override
    public MeanSquaredLogarithmicError name(String name) {
        super.name(name);
        return this;
    }

    @Override
    public MeanSquaredLogarithmicError reduction(String reduction) {
        super.reduction(reduction);
        return this;
    }

    /** From a Keras config ({@code name}, {@code reduction}). */
    public static MeanSquaredLogarithmicError fromConfig(Config c) {
        return Losses.base(new MeanSquaredLogarithmicError(), c);
    }
}
