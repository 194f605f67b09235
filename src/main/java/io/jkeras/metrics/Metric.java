package io.jkeras.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A Keras stateful metric ({@code keras.metrics.Metric}): it accumulates statistics batch after batch
 * with {@link #updateState} and reports the value over everything seen so far with {@link #result()},
 * until {@link #resetState()} starts a new epoch.
 *
 * <p>Accumulating is what makes an epoch's value right: {@link BinaryAccuracy} keeps the weighted
 * number of correct predictions and the total weight, so a final partial batch of 8 samples counts
 * for 8 samples, not for a whole batch (a mean of batch means would over-weight it). The state lives
 * in Java doubles; Keras keeps it in float32 variables, so sums over very many samples here are more
 * precise than Keras's by up to float32's rounding (about 1e-7 relative per addition).
 *
 * <p>Shared parameters: {@code name} (Keras's default per class; {@link AUC}, {@link Precision} and
 * {@link Recall} get automatic unique names {@code auc}, {@code auc_1}, … as Keras gives them) and
 * {@code dtype} (Keras's result type, {@code "float32"}; written to the config, while per-batch work
 * runs in y_pred's own floating type).
 *
 * <pre>{@code
 * jshell> Metric m = new BinaryAccuracy();
 * jshell> m.updateState(Nd4j.createFromArray(new float[][]{{1}, {1}, {0}, {0}}),
 *    ...>               Nd4j.createFromArray(new float[][]{{0.98f}, {1}, {0}, {0.6f}}));
 * jshell> m.result()
 * $3 ==> 0.75
 * jshell> m.resetState();
 * }</pre>
 */
public abstract class Metric {
    private String name;
    private String dtype = "float32";

    /** @param name the metric's name (its key in training logs) */
    protected Metric(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * Adds one batch to the state.
     *
     * @param yTrue        targets (shape per metric, usually y_pred's shape)
     * @param yPred        predictions, e.g. (N, C) or (N, 1)
     * @param sampleWeight null (every sample weighs 1), a scalar, (N,) or a shape broadcastable to the
     *                     metric's per-sample values; a weight of 0 masks a sample out
     */
    public abstract void updateState(INDArray yTrue, INDArray yPred, INDArray sampleWeight);

    /**
     * Adds one batch whose predictions carry a mask (Keras's {@code y_pred._keras_mask}, e.g. {@code (N, T)} for a
     * sequence output). As in Keras 3, only the metrics that average a per-sample function
     * ({@link MeanMetricWrapper}: accuracies, cross-entropies, errors) read it; the others ignore it, so this
     * default is {@code updateState(yTrue, yPred, sampleWeight)}.
     *
     * @param mask null, or a boolean-valued array of y_pred's leading dimensions
     */
    public void updateState(INDArray yTrue, INDArray yPred, INDArray sampleWeight, INDArray mask) {
        updateState(yTrue, yPred, sampleWeight);
    }

    /** Adds one unweighted batch: {@code updateState(yTrue, yPred, null)}. ({@link Mean} reads these two arguments as values and weights, as Keras's {@code Mean} does.) */
    public void updateState(INDArray yTrue, INDArray yPred) {
        updateState(yTrue, yPred, null);
    }

    /** The metric over every batch since the last reset (0 before any data, as Keras's {@code divide_no_nan}). */
    public abstract double result();

    /** Forgets every accumulated batch (Keras calls this at the start of each epoch). */
    public abstract void resetState();

    /** The name (the key in training logs and {@code History}). */
    public String name() {
        return name;
    }

    /** Sets the name; returns this metric. */
    public Metric name(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /** The Keras result dtype written in the config ({@code "float32"} unless set). */
    public String dtype() {
        return dtype;
    }

    /** Sets the dtype recorded in the config; returns this metric. */
    public Metric dtype(String dtype) {
        this.dtype = dtype == null ? "float32" : dtype;
        return this;
    }

    /**
     * Whether larger is better ({@code "up"}: accuracies, AUC, precision) or smaller ({@code "down"}:
     * errors, cross-entropies), as Keras's {@code _direction}; {@code null} where Keras leaves it unset.
     * Callbacks such as EarlyStopping use it to pick {@code mode="auto"}.
     */
    public String direction() {
        return null;
    }

    /** The Keras class name: the Java simple name ({@code "BinaryAccuracy"}). */
    public String className() {
        return getClass().getSimpleName();
    }

    /** Keras's config: {@code name}, {@code dtype}, then the metric's own arguments in snake_case. */
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("dtype", dtype);
        return c;
    }

    /** Keras's repr: {@code <BinaryAccuracy name=binary_accuracy>}. */
    @Override
    public String toString() {
        return "<" + className() + " name=" + name + ">";
    }
}
