package io.jkeras.metrics;

import io.jkeras.saving.Config;

/**
 * The categorical hinge metric, {@code keras.metrics.CategoricalHinge}: the running mean over the
 * epoch of the per-sample values of {@link io.jkeras.losses.CategoricalHinge},
 * {@code maximum(0, max((1 - y_true) * y_pred) - sum(y_true * y_pred) + 1)}, weighted by the sample
 * weights. Keras name {@code "CategoricalHinge"}; default metric name {@code "categorical_hinge"}.
 *
 * <p>Inputs: y_true and y_pred of the same shape (N, ..., D) (a trailing 1 may differ); sample weights
 * (N,) or broadcastable to the per-sample values. As in Keras, a rank-1 pair (N,) against (N,) gives one
 * value per batch, which counts as one sample without weights.
 *
 * <pre>{@code
 * jshell> var m = new CategoricalHinge();
 * jshell> m.updateState(Nd4j.createFromArray(new float[][]{{0, 1}, {0, 0}}),
 *    ...>               Nd4j.createFromArray(new float[][]{{0.6f, 0.4f}, {0.4f, 0.6f}}), null);
 * jshell> m.result()
 * $3 ==> 1.4
 * }</pre>
 */
public class CategoricalHinge extends LossMetric<io.jkeras.losses.CategoricalHinge> {
    /** A metric named {@code "categorical_hinge"}. */
    public CategoricalHinge() {
        super("categorical_hinge", new io.jkeras.losses.CategoricalHinge());
    }

    @Override
    public CategoricalHinge name(String name) {
        super.name(name);
        return this;
    }

    /** From a Keras config ({@code name}, {@code dtype}). */
    public static CategoricalHinge fromConfig(Config c) {
        return Metrics.base(new CategoricalHinge(), c);
    }
}
