package io.jkeras.metrics;

import io.jkeras.saving.Config;

/**
 * The mean squared error, {@code keras.metrics.MeanSquaredError}: the running mean over the epoch of
 * the per-sample values of {@link io.jkeras.losses.MeanSquaredError},
 * {@code mean(square(y_true - y_pred), axis=-1)}, weighted by the sample weights. Keras name
 * {@code "MeanSquaredError"}; default metric name {@code "mean_squared_error"}.
 *
 * <p>Inputs: y_true and y_pred of the same shape (N, ..., D) (a trailing 1 may differ); sample weights
 * (N,) or broadcastable to the per-sample values. As in Keras, a rank-1 pair (N,) against (N,) gives one
 * value per batch, which counts as one sample without weights.
 *
 * <pre>{@code
 * jshell> var m = new MeanSquaredError();
 * jshell> m.updateState(Nd4j.createFromArray(new float[][]{{0, 1}, {0, 0}}),
 *    ...>               Nd4j.createFromArray(new float[][]{{1, 1}, {0, 0}}), null);
 * jshell> m.result()
 * $3 ==> 0.25
 * }</pre>
 */
public class MeanSquaredError extends LossMetric<io.jkeras.losses.MeanSquaredError> {
    /** A metric named {@code "mean_squared_error"}. */
    public MeanSquaredError() {
        super("mean_squared_error", new io.jkeras.losses.MeanSquaredError());
    }

    @Override
    public MeanSquaredError name(String name) {
        super.name(name);
        return this;
    }

    /** From a Keras config ({@code name}, {@code dtype}). */
    public static MeanSquaredError fromConfig(Config c) {
        return Metrics.base(new MeanSquaredError(), c);
    }
}
