package io.jkeras.metrics;

import io.jkeras.saving.Config;

/**
 * The squared hinge metric, {@code keras.metrics.SquaredHinge}: the running mean over the epoch of the
 * per-sample values of {@link io.jkeras.losses.SquaredHinge},
 * {@code mean(square(maximum(1 - y_true * y_pred, 0)), axis=-1)}, weighted by the sample weights.
 * Keras name {@code "SquaredHinge"}; default metric name {@code "squared_hinge"}.
 *
 * <p>Inputs: y_true and y_pred of the same shape (N, ..., D) (a trailing 1 may differ); sample weights
 * (N,) or broadcastable to the per-sample values. As in Keras, a rank-1 pair (N,) against (N,) gives one
 * value per batch, which counts as one sample without weights.
 *
 * <pre>{@code
 * jshell> var m = new SquaredHinge();
 * jshell> m.updateState(Nd4j.createFromArray(new float[][]{{0, 1}, {0, 0}}),
 *    ...>               Nd4j.createFromArray(new float[][]{{0.6f, 0.4f}, {0.4f, 0.6f}}), null);
 * jshell> m.result()
 * $3 ==> 1.86
 * }</pre>
 */
public class SquaredHinge extends LossMetric<io.jkeras.losses.SquaredHinge> {
    /** A metric named {@code "squared_hinge"}. */
    public SquaredHinge() {
        super("squared_hinge", new io.jkeras.losses.SquaredHinge());
    }

    @Override
    public SquaredHinge name(String name) {
        super.name(name);
        return this;
    }

    /** From a Keras config ({@code name}, {@code dtype}). */
    public static SquaredHinge fromConfig(Config c) {
        return Metrics.base(new SquaredHinge(), c);
    }
}
