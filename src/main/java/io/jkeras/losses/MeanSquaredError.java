package io.jkeras.losses;

import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Mean squared error, {@code keras.losses.MeanSquaredError}: per sample
 * {@code mean(square(y_true - y_pred), axis=-1)}. Keras names: class {@code "MeanSquaredError"},
 * functions {@code "mean_squared_error"} and {@code "mse"}.
 *
 * <p>Inputs: y_true and y_pred of the same shape {@code (N, ..., D)} (a trailing 1 may differ).
 * Gradient: {@code 2 (y_pred - y_true) / D}, then weighted and reduced.
 *
 * <pre>{@code
 * jshell> var yTrue = Nd4j.createFromArray(new float[][]{{0, 1}, {0, 0}});
 * jshell> var yPred = Nd4j.createFromArray(new float[][]{{1, 1}, {1, 0}});
 * jshell> new MeanSquaredError().call(yTrue, yPred)
 * $3 ==> 0.5
 * }</pre>
 */
public class MeanSquaredError extends ElementwiseLoss {
    /** A loss named {@code "mean_squared_error"} with reduction {@code "sum_over_batch_size"}. */
    public MeanSquaredError() {
        super("mean_squared_error");
    }

    @Override
    INDArray elementwise(INDArray yTrue, INDArray yPred) {
        INDArray e = yPred.sub(yTrue);
        return e.muli(e);
    }

    @Override
    INDArray derivative(INDArray yTrue, INDArray yPred) {
        return yPred.sub(yTrue).muli(2.0);
    }

    @Override
    public MeanSquaredError name(String name) {
        super.name(name);
        return this;
    }

    @Override
    public MeanSquaredError reduction(String reduction) {
        super.reduction(reduction);
        return this;
    }

    /** From a Keras config ({@code name}, {@code reduction}). */
    public static MeanSquaredError fromConfig(Config c) {
        return Losses.base(new MeanSquaredError(), c);
    }
}
