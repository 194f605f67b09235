package io.jkeras.metrics;

import io.jkeras.saving.Config;

/**
 * The logarithm of the hyperbolic cosine of the error, {@code keras.metrics.LogCoshError}: the running
 * mean over the epoch of the per-sample values of {@link io.jkeras.losses.LogCosh},
 * {@code mean(log(cosh(y_pred - y_true)), axis=-1)}, weighted by the sample weights. Keras name
 * {@code "LogCoshError"}; default metric name {@code "logcosh"}.
 *
 * <p>Inputs: y_true and y_pred of the same shape (N, ..., D) (a trailing 1 may differ); sample weights
 * (N,) or broadcastable to the per-sample values. As in Keras, a rank-1 pair (N,) against (N,) gives one
 * value per batch, which counts as one sample without weights.
 *
 * <pre>{@code
 * jshell> var m = new LogCoshError();
 * jshell> m.updateState(Nd4j.createFromArray(new float[][]{{0, 1}, {0, 0}}),
 *    ...>               Nd4j.createFromArray(new float[][]{{1, 1}, {0, 0}}), null);
 * jshell> m.result()
 * $3 ==> 0.1084...
 * }</pre>
 */
public class LogCoshError extends LossMetric<io.jkeras.losses.LogCosh> {
    /** A metric named {@code "logcosh"}. */
    public LogCoshError() {
        super("logcosh", new io.jkeras.losses.LogCosh());
    }

    @Override
    public LogCoshError name(String name) {
        super.name(name);
        return this;
    }

    /** From a Keras config ({@code name}, {@code dtype}). */
    public static LogCoshError fromConfig(Config c) {
        return Metrics.base(new LogCoshError(), c);
    }
}
