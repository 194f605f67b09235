package io.jkeras.metrics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The {@code total} and {@code count} of Keras's {@code Mean} metric and its update rule
 * ({@code reduce_to_samplewise_values} followed by {@code Mean.update_state} in
 * {@code keras/src/metrics/reduction_metrics.py}):
 * <ol>
 *   <li>with sample weights: values and weights are aligned by a trailing 1
 *       ({@link MetricOps#squeezeOrExpand}); values of higher rank than the weights are averaged down to
 *       the weights' rank; the weights are broadcast to the values; values become {@code values * w};
 *       weights of rank above 1 are averaged over their non-batch axes;</li>
 *   <li>values of rank above 1 are averaged over their non-batch axes, giving one value per sample;</li>
 *   <li>{@code total += sum(values)}; {@code count += sum(w)}, or the number of samples (the first
 *       dimension) without weights, or 1 for a rank-0 value.</li>
 * </ol>
 * A rank-0 value with per-sample weights is broadcast to the weights here; Keras raises there, since
 * it broadcasts weights to values only.
 */
final class MeanState {
    private double total;
    private double count;

    /** Adds one batch of values (any shape, first axis = samples) with optional weights. */
    void add(INDArray values, INDArray sampleWeight, String metric) {
        DataType t = MetricOps.floatType(values);
        INDArray v = MetricOps.as(values, t);
        if (v.isEmpty()) return; // an empty batch adds nothing to either sum
        INDArray w = null;
        if (sampleWeight != null) {
            w = MetricOps.as(sampleWeight, t);
            if (w.isEmpty()) return;
            INDArray[] vw = MetricOps.squeezeOrExpand(v, w, true);
            v = vw[0];
            w = vw[1];
            int wn = w.rank();
            if (v.rank() > wn) v = MetricOps.meanFrom(v, wn);
            if (v.rank() < wn) v = MetricOps.broadcastTo(v, w.shape(), "the metric values", metric);
            w = MetricOps.broadcastTo(w, v.shape(), "sample_weight", metric);
            v = v.mul(w);
            if (wn > 1) w = MetricOps.meanFrom(w, 1);
        }
        if (v.rank() > 1) v = MetricOps.meanFrom(v, 1);
        total += v.sumNumber().doubleValue();
        count += w != null ? w.sumNumber().doubleValue() : (v.rank() >= 1 ? v.size(0) : 1);
    }

    /** Adds one already reduced value with its weight (Keras's fast path for a scalar and a number). */
    void add(double value, double weight) {
        total += value * weight;
        count += weight;
    }

    /** {@code total / count}, or 0 when nothing has been counted (Keras's {@code divide_no_nan}). */
    double result() {
        return count == 0 ? 0.0 : total / count;
    }

    double total() {
        return total;
    }

    double count() {
        return count;
    }

    void reset() {
        total = 0;
        count = 0;
    }
}
