package io.jkeras.metrics;

import io.jkeras.saving.Config;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.Map;

/**
 * How often thresholded predictions match binary labels, {@code keras.metrics.BinaryAccuracy}: per
 * sample {@code mean(y_true == (y_pred > threshold), axis=-1)}, averaged over the epoch with sample
 * weights (correct weight / total weight). Keras name {@code "BinaryAccuracy"}; default metric name
 * {@code "binary_accuracy"}.
 *
 * <p>Parameter: {@code threshold} (default 0.5, strictly inside (0, 1) as Keras requires). Inputs: y_true
 * 0/1 labels (any numeric type) and y_pred probabilities of the same shape, usually (N, 1); y_true (N,)
 * against y_pred (N, 1) is aligned as Keras does. Soft labels (0.9) never count as a match. As in Keras,
 * a rank-1 pair (N,) against (N,) gives one value per batch, which counts as one sample without weights.
 *
 * <pre>{@code
 * jshell> var m = new BinaryAccuracy();
 * jshell> m.updateState(Nd4j.createFromArray(new float[][]{{1}, {1}, {0}, {0}}),
 *    ...>               Nd4j.createFromArray(new float[][]{{0.98f}, {1}, {0}, {0.6f}}), null);
 * jshell> m.result()
 * $3 ==> 0.75
 * }</pre>
 */
public class BinaryAccuracy extends MeanMetricWrapper {
    private double threshold = 0.5;

    /** A binary accuracy named {@code "binary_accuracy"} with threshold 0.5. */
    public BinaryAccuracy() {
        super("binary_accuracy");
    }

    @Override
    protected INDArray values(INDArray yTrue, INDArray yPred) {
        DataType ft = MetricOps.floatType(yPred);
        INDArray[] tp = MetricOps.squeezeOrExpand(yTrue, MetricOps.as(yPred, ft), true);
        if (!Arrays.equals(tp[0].shape(), tp[1].shape())) throw MetricOps.mismatch(name(), yTrue, yPred, "");
        // Comparing in the float type equals Keras's cast of the thresholded prediction to y_true's type.
        INDArray predicted = tp[1].gt(threshold).castTo(ft);
        return MetricOps.meanLast(MetricOps.as(tp[0], ft).eq(predicted).castTo(ft));
    }

    /** The decision threshold. */
    public double threshold() {
        return threshold;
    }

    /** Sets the decision threshold, in (0, 1); returns this metric. */
    public BinaryAccuracy threshold(double threshold) {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("Invalid value for argument `threshold`. Expected a value in interval (0, 1). Received: threshold=" + threshold);
        }
        this.threshold = threshold;
        return this;
    }

    @Override
    public String direction() {
        return "up";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("threshold", threshold);
        return c;
    }

    @Override
    public BinaryAccuracy name(String name) {
        super.name(name);
        return this;
    }

    /** From a Keras config ({@code name}, {@code dtype}, {@code threshold}). */
    public static BinaryAccuracy fromConfig(Config c) {
        return Metrics.base(new BinaryAccuracy(), c).threshold(c.getDouble("threshold", 0.5));
    }
}
