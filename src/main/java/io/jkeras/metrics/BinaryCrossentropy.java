package io.jkeras.metrics;

import io.jkeras.saving.Config;

import java.util.Map;

/**
 * Binary cross-entropy as a metric, {@code keras.metrics.BinaryCrossentropy}: the running mean over the
 * epoch of the per-sample values of {@link io.jkeras.losses.BinaryCrossentropy}
 * ({@code -mean(t log p + (1 - t) log(1 - p), axis=-1)}), weighted by the sample weights. Keras name
 * {@code "BinaryCrossentropy"}; default metric name {@code "binary_crossentropy"}.
 *
 * <p>Parameters (Keras defaults): {@code from_logits=false}, {@code label_smoothing=0}. Inputs: 0/1 (or
 * soft) labels and probabilities (or logits) of the same shape, e.g. (N, 1) or (N, K). As in Keras, a
 * rank-1 pair (N,) against (N,) gives one value per batch.
 *
 * <pre>{@code
 * jshell> var m = new BinaryCrossentropy();
 * jshell> m.updateState(Nd4j.createFromArray(new float[][]{{0, 1}, {0, 0}}),
 *    ...>               Nd4j.createFromArray(new float[][]{{0.6f, 0.4f}, {0.4f, 0.6f}}), null);
 * jshell> m.result()
 * $3 ==> 0.8149...
 * }</pre>
 */
public class BinaryCrossentropy extends LossMetric<io.jkeras.losses.BinaryCrossentropy> {
    /** A metric named {@code "binary_crossentropy"} on probabilities, without smoothing. */
    public BinaryCrossentropy() {
        super("binary_crossentropy", new io.jkeras.losses.BinaryCrossentropy());
    }

    /** Whether y_pred holds logits. */
    public boolean fromLogits() {
        return loss.fromLogits();
    }

    /** Sets whether y_pred holds logits; returns this metric. */
    public BinaryCrossentropy fromLogits(boolean fromLogits) {
        loss.fromLogits(fromLogits);
        return this;
    }

    /** The label smoothing in [0, 1]. */
    public double labelSmoothing() {
        return loss.labelSmoothing();
    }

    /** Sets the label smoothing in [0, 1]; returns this metric. */
    public BinaryCrossentropy labelSmoothing(double labelSmoothing) {
        loss.labelSmoothing(labelSmoothing);
        return this;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("from_logits", loss.fromLogits());
        c.put("label_smoothing", loss.labelSmoothing());
        return c;
    }

    @Override
    public BinaryCrossentropy name(String name) {
        super.name(name);
        return this;
    }

    /** From a Keras config ({@code name}, {@code dtype}, {@code from_logits}, {@code label_smoothing}). */
    public static BinaryCrossentropy fromConfig(Config c) {
        return Metrics.base(new BinaryCrossentropy(), c)
                .fromLogits(c.getBoolean("from_logits", false))
                .labelSmoothing(c.getDouble("label_smoothing", 0.0));
    }
}
