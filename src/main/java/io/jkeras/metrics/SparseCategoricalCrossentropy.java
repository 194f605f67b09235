package io.jkeras.metrics;

import io.jkeras.saving.Config;

import java.util.Map;

/**
 * Sparse categorical cross-entropy as a metric, {@code keras.metrics.SparseCategoricalCrossentropy}: the
 * running mean over the epoch of the per-sample values of
 * {@link io.jkeras.losses.SparseCategoricalCrossentropy} ({@code -log(y_pred[y_true])}), weighted by the
 * sample weights. Keras name {@code "SparseCategoricalCrossentropy"}; default metric name
 * {@code "sparse_categorical_crossentropy"}.
 *
 * <p>Parameters (Keras defaults): {@code from_logits=false}, {@code axis=-1} (the class axis; jkeras's loss
 * supports only the last axis). Inputs: integer class ids (N,) or (N, 1), each in [0, C), and
 * probabilities (or logits) (N, C).
 *
 * <pre>{@code
 * jshell> var m = new SparseCategoricalCrossentropy();
 * jshell> m.updateState(Nd4j.createFromArray(1, 2),
 *    ...>               Nd4j.createFromArray(new float[][]{{0.05f, 0.95f, 0}, {0.1f, 0.8f, 0.1f}}), null);
 * jshell> m.result()
 * $3 ==> 1.1769...
 * }</pre>
 */
public class SparseCategoricalCrossentropy extends LossMetric<io.jkeras.losses.SparseCategoricalCrossentropy> {
    /** A metric named {@code "sparse_categorical_crossentropy"} on probabilities. */
    public SparseCategoricalCrossentropy() {
        super("sparse_categorical_crossentropy", new io.jkeras.losses.SparseCategoricalCrossentropy());
    }

    /** Whether y_pred holds logits. */
    public boolean fromLogits() {
        return loss.fromLogits();
    }

    /** Sets whether y_pred holds logits; returns this metric. */
    public SparseCategoricalCrossentropy fromLogits(boolean fromLogits) {
        loss.fromLogits(fromLogits);
        return this;
    }

    /** The class axis: always -1. */
    public int axis() {
        return -1;
    }

    /** Accepts only the last axis (-1), the one jkeras's loss supports; returns this metric. */
    public SparseCategoricalCrossentropy axis(int axis) {
        if (axis != -1) {
            throw new IllegalArgumentException("SparseCategoricalCrossentropy in jkeras takes the classes on the last axis only (axis=-1); received axis=" + axis);
        }
        return this;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("from_logits", loss.fromLogits());
        c.put("axis", -1);
        return c;
    }

    @Override
    public SparseCategoricalCrossentropy name(String name) {
        super.name(name);
        return this;
    }

    /** From a Keras config ({@code name}, {@code dtype}, {@code from_logits}, {@code axis}). */
    public static SparseCategoricalCrossentropy fromConfig(Config c) {
        return Metrics.base(new SparseCategoricalCrossentropy(), c)
                .fromLogits(c.getBoolean("from_logits", false))
                .axis(c.getInt("axis", -1));
    }
}
