package io.jkeras.metrics;

import io.jkeras.saving.Config;

/**
 * The mean absolute percentage error, {@code keras.metrics.MeanAbsolutePercentageError}: the running
 * mean over the epoch of the per-sample values of
 * {@link io.jkeras.losses.MeanAbsolutePercentageError},
 * {@code 100 * mean(abs((y_true - y_pred) / maximum(abs(y_true), 1e-7)), axis=-1)}, weighted by the
 * sample weights. Keras name {@code "MeanAbsolutePercentageError"}; default metric name
 * {@code "mean_absolute_percentage_error"}.
 *
 * <p>Inputs: y_true and y_pred of the same shape (N, ..., D) (a trailing 1 may differ); sample weights
 * (N,) or broadcastable to the per-sample values. As in Keras, a rank-1 pair (N,) against (N,) gives one
 * value per batch, which counts as one sample without weights.
 *
 * <pre>{@code
 * jshell> var m = new MeanAbsolutePercentageError();
 * jshell> m.updateState(Nd4j.createFromArray(new float[][]{{0, 1}, {0, 0}}),
 *    ...>               Nd4j.createFromArray(new float[][]{{1, 1}, {0, 0}}), null);
 * jshell> m.result()
 * $3 ==> 2.5E8
 * }</pre>
 */
public class MeanAbsolutePercentageError extends LossMetric<io.jkeras.losses.MeanAbsolutePercentageError> {
    /** A metric named {@code "mean_absolute_percentage_error"}. */
    public MeanAbsolutePercentageError() {
        super("mean_absolute_percentage_error", new io.jkeras.losses.MeanAbsolutePercentageError());
    }

    @Override
    public MeanAbsolutePercentageError name(String name) {
        super.name(name);
        return this;
    }

    /** From a Keras config ({@code name}, {@code dtype}). */
    public static MeanAbsolutePercentageError fromConfig(Config c) {
        return Metrics.base(new MeanAbsolutePercentageError(), c);
    }
}
