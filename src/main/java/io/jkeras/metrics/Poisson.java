package io.jkeras.metrics;

import io.jkeras.saving.Config;

/**
 * The Poisson deviance term, {@code keras.metrics.Poisson}: the running mean over the epoch of the
 * per-sample values of {@link io.jkeras.losses.Poisson},
 * {@code mean(y_pred - y_true * log(y_pred + 1e-7), axis=-1)}, weighted by the sample weights. Keras
 * name {@code "Poisson"}; default metric name {@code "poisson"}.
 *
 * <p>Inputs: y_true and y_pred of the same shape (N, ..., D) (a trailing 1 may differ); sample weights
 * (N,) or broadcastable to the per-sample values. As in Keras, a rank-1 pair (N,) against (N,) gives one
 * value per batch, which counts as one sample without weights.
 *
 * <pre>{@code
 * jshell> var m = new Poisson();
 * jshell> m.updateState(Nd4j.createFromArray(new float[][]{{0, 1}, {0, 0}}),
 *    ...>               Nd4j.createFromArray(new float[][]{{1, 1}, {0, 0}}), null);
 * jshell> m.result()
 * $3 ==> 0.4999...
 * }</pre>
 */
public class Poisson extends LossMetric<io.jkeras.losses.Poisson> {
    /** A metric named {@code "poisson"}. */
    public Poisson() {
        super("poisson", new io.jkeras.losses.Poisson());
    }

    @Override
    public String direction() {
        return null;
    }

    @Override
    public Poisson name(String name) {
        super.name(name);
        return this;
    }

    /** From a Keras config ({@code name}, {@code dtype}). */
    public static Poisson fromConfig(Config c) {
        return Metrics.base(new Poisson(), c);
    }
}
