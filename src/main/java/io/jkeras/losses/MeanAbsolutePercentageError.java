package io.jkeras.losses;

import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Mean absolute percentage error, {@code keras.losses.MeanAbsolutePercentageError}: per sample
 * {@code 100 * mean(abs((y_true - y_pred) / maximum(abs(y_true), 1e-7)), axis=-1)}. Keras names:
 * {@code "MeanAbsolutePercentageError"}, {@code "mean_absolute_percentage_error"}, {@code "mape"}.
 *
 * <p>Inputs: y_true and y_pred of the same shape. Gradient:
 * {@code 100 * sign(y_pred - y_true) / maximum(abs(y_true), 1e-7) / D}.
 *
 * <pre>{@code
 * jshell> new MeanAbsolutePercentageError().call(Nd4j.createFromArray(new float[][]{{2, 1}, {2, 3}}),
 *    ...>                                        Nd4j.createFromArray(new float[][]{{1, 1}, {1, 0}}))
 * $1 ==> 50.0
 * }</pre>
 */
public class MeanAbsolutePercentageError extends ElementwiseLoss {
    /** A loss named {@code "mean_absolute_percentage_error"}. */
    public MeanAbsolutePercentageError() {
        super("mean_absolute_percentage_error");
    }

    /** {@code 100 / maximum(|y_true|, eps)}: the scale of each element's absolute error. */
    private static INDArray scale(INDArray yTrue) {
        return LossOps.clip(Transforms.abs(yTrue, true), LossOps.EPS, Double.POSITIVE_INFINITY).rdivi(100.0);
    }

    @Override
    INDArray elementwise(INDArray yTrue, INDArray yPred) {
        return Transforms.abs(yPred.sub(yTrue), false).muli(scale(yTrue));
    }

    @Override
    INDArray derivative(INDArray yTrue, INDArray yPred) {
        return Transforms.sign(yPred.sub(yTrue), false).muli(scale(yTrue));
    }

    @Override
    public MeanAbsolutePercentageError name(String name) {
        super.name(name);
        return this;
    }

    @Override
    public MeanAbsolutePercentageError reduction(String reduction) {
        super.reduction(reduction);
        return this;
    }

    /** From a Keras config ({@code name}, {@code reduction}). */
    public static MeanAbsolutePercentageError fromConfig(Config c) {
        return Losses.base(new MeanAbsolutePercentageError(), c);
    }
}
