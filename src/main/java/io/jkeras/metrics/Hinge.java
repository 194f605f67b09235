package io.jkeras.metrics;

import io.jkeras.saving.Config;

/**
 * The hinge metric, {@code keras.metrics.Hinge}: the running mean over the epoch of the per-sample
 * values of {@link io.jkeras.losses.Hinge}, {@code mean(maximum(1 - y_true * y_pred, 0), axis=-1)},
 * weighted by the sample weights. Keras name {@code "Hinge"}; default metric name {@code "hinge"}.
 *
 * <p>Inputs: y_true and y_pred of the same shape (N, ..., D) (a trailing 1 may differ); sample weights
 * (N,) or broadcastable to the per-sample values. As in Keras, a rank-1 pair (N,) against (N,) gives one
 * value per batch, which counts as one sample without weights.
 *
 * <pre>{@code
 * jshell> var m = new Hinge();
 * jshell> m.updateState(Nd4j.createFromArray(new float[][]{{0, 1}, {0, 0}}),
 *    ...>               Nd4j.createFromArray(new float[][]{{0.6f, 0.4f}, {0.4f, 0.6f}}), null);
 * jshell> m.result()
 * $3 ==> 1.3
 * }</pre>
 */
public class Hinge extends LossMetric<io.jkeras.losses.Hinge> {
    /** A metric named {@code "hinge"}. */
    public Hinge() {
        super("hinge", new io.jkeras.losses.Hinge());
    }

    @Override
    public Hinge name(String name) {
        super.name(name);
        return this;
    }

    /** From a Keras config ({@code name}, {@code dtype}). */
    public static Hinge fromConfig(Config c) {
        return Metrics.base(new Hinge(), c);
    }
}
