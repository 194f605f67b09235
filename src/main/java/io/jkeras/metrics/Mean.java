package io.jkeras.metrics;

import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The weighted mean of every value given, {@code keras.metrics.Mean}: it keeps {@code total} (the sum of
 * values times weights) and {@code count} (the sum of weights, or the number of samples) and reports
 * {@code total / count}. Keras name {@code "Mean"}; default metric name {@code "mean"}.
 *
 * <p>Values may be a scalar, (N,) or (N, ...): each sample's values are first averaged to one number
 * (see {@link MeanState} for Keras's exact rule with weights). Keras's training loop tracks the loss
 * with a {@code Mean} updated once per batch as {@code updateState(loss, batchSize)}, which makes the
 * epoch's loss a per-sample average even when the last batch is short.
 *
 * <p>Unlike other metrics, {@code Mean} takes values, not (y_true, y_pred):
 * {@link #updateState(INDArray, INDArray)} reads its arguments as values and sample weights, as Keras's
 * {@code Mean.update_state(values, sample_weight)} does, and the three-argument form is refused.
 *
 * <pre>{@code
 * jshell> Mean m = new Mean();
 * jshell> m.updateState(Nd4j.createFromArray(1f, 3f, 5f, 7f));
 * jshell> m.result()
 * $3 ==> 4.0
 * jshell> m.resetState();
 * jshell> m.updateState(Nd4j.createFromArray(1f, 3f, 5f, 7f), Nd4j.createFromArray(1f, 1f, 0f, 0f));
 * jshell> m.result()
 * $5 ==> 2.0
 * jshell> Mean loss = new Mean("loss"); loss.updateState(0.42, 32); loss.updateState(0.40, 8);
 * }</pre>
 */
public class Mean extends Metric {
    private final MeanState state = new MeanState();

    /** A mean named {@code "mean"}. */
    public Mean() {
        this("mean");
    }

    /** A mean with the given name. */
    public Mean(String name) {
        super(name);
    }

    /** Adds values, each sample weighing 1. */
    public void updateState(INDArray values) {
        state.add(values, null, name());
    }

    /**
     * Adds values with sample weights (Keras's {@code update_state(values, sample_weight)}).
     *
     * @param values       a scalar, (N,) or (N, ...)
     * @param sampleWeight null, a scalar, (N,) or a shape broadcastable to the values
     */
    @Override
    public void updateState(INDArray values, INDArray sampleWeight) {
        state.add(values, sampleWeight, name());
    }

    /** Adds one number weighing 1. */
    public void updateState(double value) {
        state.add(value, 1.0);
    }

    /** Adds one number with a weight, e.g. a batch's mean loss weighted by the batch size. */
    public void updateState(double value, double weight) {
        state.add(value, weight);
    }

    /** Refused: a {@code Mean} averages values; use {@link #updateState(INDArray, INDArray)}. */
    @Override
    public void updateState(INDArray yTrue, INDArray yPred, INDArray sampleWeight) {
        throw new UnsupportedOperationException("Metric \"" + name() + "\" (Mean) averages values: call updateState(values) or "
                + "updateState(values, sampleWeight). To average a function of (y_true, y_pred), use MeanMetricWrapper.");
    }

    @Override
    public double result() {
        return state.result();
    }

    @Override
    public void resetState() {
        state.reset();
    }

    /** The accumulated sum of weighted values (Keras's {@code total} variable). */
    public double total() {
        return state.total();
    }

    /** The accumulated weight (Keras's {@code count} variable). */
    public double count() {
        return state.count();
    }

    @Override
    public Mean name(String name) {
        super.name(name);
        return this;
    }

    /** From a Keras config ({@code name}, {@code dtype}). */
    public static Mean fromConfig(Config c) {
        return Metrics.base(new Mean(), c);
    }
}
