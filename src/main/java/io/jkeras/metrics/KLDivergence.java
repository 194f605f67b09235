package io.jkeras.metrics;

import io.jkeras.saving.Config;

/**
 * The Kullback-Leibler divergence, {@code keras.metrics.KLDivergence}: the running mean over the epoch
 * of the per-sample values of {@link io.jkeras.losses.KLDivergence},
 * {@code sum(t * log(t / p), axis=-1)} with t and p clipped to [1e-7, 1], weighted by the sample weights.
 * Keras name {@code "KLDivergence"}; default metric name {@code "kl_divergence"}.
 *
 * <p>Inputs: y_true and y_pred of the same shape (N, ..., D) (a trailing 1 may differ); sample weights
 * (N,) or broadcastable to the per-sample values. As in Keras, a rank-1 pair (N,) against (N,) gives one
 * value per batch, which counts as one sample without weights.
 *
 * <pre>{@code
 * jshell> var m = new KLDivergence();
 * jshell> m.updateState(Nd4j.createFromArray(new float[][]{{0, 1}, {0, 0}}),
 *    ...>               Nd4j.createFromArray(new float[][]{{0.6f, 0.4f}, {0.4f, 0.6f}}), null);
 * jshell> m.result()
 * $3 ==> 0.4581...
 * }</pre>
 */
public class KLDivergence extends LossMetric<io.jkeras.losses.KLDivergence> {
    /** A metric named {@code "kl_divergence"}. */
    public KLDivergence() {
        super("kl_divergence", new io.jkeras.losses.KLDivergence());
    }

    @Override
    public String direction() {
        return null;
    }

    @Override
    public KLDivergence name(String name) {
        super.name(name);
        return this;
    }

    /** From a Keras config ({@code name}, {@code dtype}). */
    public static KLDivergence fromConfig(Config c) {
        return Metrics.base(new KLDivergence(), c);
    }
}
