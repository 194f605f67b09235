package io.jkeras.metrics;

import io.jkeras.saving.Config;

import java.util.Map;

/**
 * Categorical cross-entropy as a metric, {@code keras.metrics.CategoricalCrossentropy}: the running mean
 * over the epoch of the per-sample values of {@link io.jkeras.losses.CategoricalCrossentropy}
 * ({@code -sum(y_true * log(y_pred), axis)}), weighted by the sample weights. Keras name
 * {@code "CategoricalCrossentropy"}; default metric name {@code "categorical_crossentropy"}.
 *
 * <p>Parameters (Keras defaults): {@code from_logits=false}, {@code label_smoothing=0}, {@code axis=-1}.
 * Inputs: one-hot (or soft) labels and probabilities (or logits) of the same shape (N, C).
 *
 * <pre>{@code
 * jshell> var m = new CategoricalCrossentropy();
 * jshell> m.updateState(Nd4j.createFromArray(new float[][]{{0, 1, 0}, {0, 0, 1}}),
 *    ...>               Nd4j.createFromArray(new float[][]{{0.05f, 0.95f, 0}, {0.1f, 0.8f, 0.1f}}), null);
 * jshell> m.result()
 * $3 ==> 1.1769...
 * }</pre>
 */
public class CategoricalCrossentropy extends LossMetric<io.jkeras.losses.CategoricalCrossentropy> {
    /** A metric named {@code "categorical_crossentropy"} on probabilities, without smoothing, over the last axis. */
    public CategoricalCrossentropy() {
        super("categorical_crossentropy", new io.jkeras.losses.CategoricalCrossentropy());
    }

    /** Whether y_pred holds logits. */
    public boolean fromLogits() {
        return loss.fromLogits();
    }

    /** Sets whether y_pred holds logits; returns this metric. */
    public CategoricalCrossentropy fromLogits(boolean fromLogits) {
        loss.fromLogits(fromLogits);
        return this;
    }

    /** The label smoothing in [0, 1]. */
    public double labelSmoothing() {
        return loss.labelSmoothing();
    }

    /** Sets the label smoothing in [0, 1]; returns this metric. */
    public CategoricalCrossentropy labelSmoothing(double labelSmoothing) {
        loss.labelSmoothing(labelSmoothing);
        return this;
    }

    /** The class axis. */
    public int axis() {
        return loss.axis();
    }

    /** Sets the class axis; returns this metric. */
    public CategoricalCrossentropy axis(int axis) {
        loss.axis(axis);
        return this;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("from_logits", loss.fromLogits());
        c.put("label_smoothing", loss.labelSmoothing());
        c.put("axis", loss.axis());
        return c;
    }

    @Override
    public CategoricalCrossentropy name(String name) {
        super.name(name);
        return this;
    }

    /** From a Keras config ({@code name}, {@code dtype}, {@code from_logits}, {@code label_smoothing}, {@code axis}). */
    public static CategoricalCrossentropy fromConfig(Config c) {
        return Metrics.base(new CategoricalCrossentropy(), c)
                .fromLogits(c.getBoolean("from_logits", false))
                .labelSmoothing(c.getDouble("label_smoothing", 0.0))
                .axis(c.getInt("axis", -1));
    }
}
