package io.jkeras.losses;

import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Mean absolute error, {@code keras.losses.MeanAbsoluteError}: per sample
 * {@code mean(abs(y_true - y_pred), axis=-1)}. Keras names: {@code "MeanAbsoluteError"},
 * {@code "mean_absolute_error"}, {@code "mae"}.
 *
 * <p>Inputs: y_true and y_pred of the same shape {@code (N, ..., D)}. Gradient:
 * {@code sign(y_pred - y_true) / D} (0 where they are equal, as autodiff of abs gives).
 *
 * <pre>{@code
 * jshell> new MeanAbsoluteError().call(Nd4j.createFromArray(new float[][]{{0, 1}, {0, 0}}),
 *    ...>                              Nd4j.createFromArray(new float[][]{{1, 1}, {1, 0}}))
 * $1 ==> 0.5
 * }</pre>
 */
public class MeanAbsoluteError extends ElementwiseLoss {
    /** A loss named {@code "mean_absolute_error"}. */
    public MeanAbsoluteError() {
        super("mean_absolute_error");
    }

    @Override
    INDArray elementwise(INDArray yTrue, INDArray yPred) {
        return Transforms.abs(yPred.sub(yTrue), false);
    }

    @Override
    INDArray derivative(INDArray yTrue, INDArray yPred) {
        return Transforms.sign(yPred.sub(yTrue), false);
    }

    @Override
    public MeanAbsoluteError name(String name) {
        super.name(name);
        return this;
    }

    @Override
    public MeanAbsoluteError reduction(String reduction) {
        super.reduction(reduction);
        return this;
    }

    /** From a Keras config ({@code name}, {@code reduction}). */
    public static MeanAbsoluteError fromConfig(Config c) {
        return Losses.base(new MeanAbsoluteError(), c);
    }
}
