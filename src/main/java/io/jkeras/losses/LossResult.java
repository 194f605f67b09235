package io.jkeras.losses;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What one loss evaluation gives the training step: the reduced loss value, its gradient with respect
 * to the predictions, and the weighted per-sample losses before reduction.
 *
 * <ul>
 *   <li>{@link #value()}: the scalar Keras reports (for reduction {@code "none"}, the sum of
 *       {@link #values()}, which is also what the gradient is the gradient of);</li>
 *   <li>{@link #gradient()}: d value / d y_pred, same shape and type as y_pred (or, from
 *       {@code computeFromSoftmaxLogits}, d value / d logits);</li>
 *   <li>{@link #values()}: per-sample losses times sample weights (and the ignore_class mask), the
 *       array Keras returns with {@code reduction=None}.</li>
 * </ul>
 *
 * <pre>{@code
 * jshell> LossResult r = new MeanSquaredError().compute(yTrue, yPred);
 * jshell> r.value()
 * $2 ==> 0.5
 * jshell> r.gradient().shape()   // the shape of yPred
 * }</pre>
 */
public final class LossResult {
    private final double value;
    private final INDArray gradient;
    private INDArray values;
    private java.util.function.Supplier<INDArray> lazyValues;

    /**
     * @param value    the reduced loss
     * @param gradient d value / d y_pred (null when only the value was asked for)
     * @param values   the weighted, unreduced per-sample losses
     */
    public LossResult(double value, INDArray gradient, INDArray values) {
        this.value = value;
        this.gradient = gradient;
        this.values = values;
    }

    /**
     * A result whose per-sample losses are computed only if asked for (the training step never asks, and
     * saves the ops).
     */
    public LossResult(double value, INDArray gradient, java.util.function.Supplier<INDArray> values) {
        this.value = value;
        this.gradient = gradient;
        this.lazyValues = values;
    }

    /** The reduced loss value. */
    public double value() {
        return value;
    }

    /** d {@link #value()} / d y_pred, shaped as y_pred. */
    public INDArray gradient() {
        if (gradient == null) {
            throw new IllegalStateException("This result holds the value only; call Loss.compute(...) for the gradient.");
        }
        return gradient;
    }

    /** The weighted per-sample losses, before reduction (Keras's {@code reduction=None} output). */
    public INDArray values() {
        if (values == null && lazyValues != null) {
            values = lazyValues.get();
            lazyValues = null;
        }
        return values;
    }

    @Override
    public String toString() {
        return "LossResult{value=" + value + "}";
    }
}
