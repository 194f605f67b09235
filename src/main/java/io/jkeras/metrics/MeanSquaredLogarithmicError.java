package io.jkeras.metrics;

import io.jkeras.saving.Config;

/**
 * The mean squared logarithmic error, {@code keras.metrics.MeanSquaredLogarithmicError}: the running
 * mean over the epoch of the per-sample values of
 * {@link io.jkeras.losses.MeanSquaredLogarithmicError},
 * {@code mean(square(log(max(y_true, 1e-7) + 1) - log(max(y_pred, 1e-7) + 1)), axis=-1)}, weighted by the sample weights.
 * Keras name {@code "MeanSquaredLogarithmicError"}; default metric name
 * {@code "mean_squared_logarithmic_error"}.
 *
 * <p>Inputs: y_true and y_pred of the same shape (N, ..., D) (a trailing 1 may differ); sample weights
 * (N,) or broadcastable to the per-sample values. As in Keras, a rank-1 pair (N,) against (N,) gives one
 * value per batch, which counts as one sample without weights.
 *
 * <pre>{@code
 * jshell> var m = new MeanSquaredLogarithmicError();
 * jshell> m.updateState(Nd4j.createFromArray(new float[][]{{0, 1}, {0, 0}}),
 *    ...>               Nd4j.createFromArray(new float[][]{{1, 1}, {0, 0}}), null);
 * jshell> m.result()
 * $3 ==> 0.1201...
 * }</pre>
 */
public class MeanSquaredLogarithmicError extends LossMetric<io.jkeras.losses.MeanSquaredLogarithmicError> {
    /** A metric named {@code "mean_squared_logarithmic_error"}. */
    public MeanSquaredLogarithmicError() {
        super("mean_squared_logarithmic_error", new io.jkeras.losses.MeanSquaredLogarithmicError());
    }

    @Override
    public MeanSquaredLogarithmicError name(String name) {
        super.name(name);
        return this;
    }

    /** From a Keras config ({@code name}, {@code dtype}). */
    public static MeanSquaredLogarithmicError fromConfig(Config c) {
        return Metrics.base(new MeanSquaredLogarithmicError(), c);
    }
}
