package io.jkeras.metrics;

import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Map;

/**
 * How often the one-hot target is among the k highest predictions,
 * {@code keras.metrics.TopKCategoricalAccuracy}: per sample {@code in_top_k(argmax(y_true), y_pred, k)},
 * averaged over the epoch with sample weights. Keras name {@code "TopKCategoricalAccuracy"}; default
 * metric name {@code "top_k_categorical_accuracy"}.
 *
 * <p>Parameter: {@code k} (default 5). Inputs: y_true one-hot and y_pred scores of the same shape (N, C)
 * (or (N, ..., C)). A target tied with the k-th largest score counts as inside the top k, as Keras's
 * {@code in_top_k}; with k at least C every sample counts.
 *
 * <pre>{@code
 * jshell> var m = new TopKCategoricalAccuracy().k(1);
 * jshell> m.updateState(Nd4j.createFromArray(new float[][]{{0, 0, 1}, {0, 1, 0}}),
 *    ...>               Nd4j.createFromArray(new float[][]{{0.1f, 0.9f, 0.8f}, {0.05f, 0.95f, 0}}), null);
 * jshell> m.result()
 * $3 ==> 0.5
 * }</pre>
 */
public class TopKCategoricalAccuracy extends MeanMetricWrapper {
    private int k = 5;

    /** A top-5 accuracy named {@code "top_k_categorical_accuracy"}. */
    public TopKCategoricalAccuracy() {
        super("top_k_categorical_accuracy");
    }

    @Override
    protected INDArray values(INDArray yTrue, INDArray yPred) {
        if (!Arrays.equals(yTrue.shape(), yPred.shape()) || yPred.rank() == 0) {
            throw MetricOps.mismatch(name(), yTrue, yPred, yTrue.rank() < yPred.rank()
                    ? "For integer class ids use SparseTopKCategoricalAccuracy (\"sparse_top_k_categorical_accuracy\")." : "");
        }
        long classes = yPred.size(yPred.rank() - 1);
        INDArray target = Nd4j.argMax(yTrue, yTrue.rank() - 1);
        INDArray hits = TopK.inTopK(target.reshape(target.length()), yPred.reshape(yPred.length() / classes, classes), k);
        return hits.reshape(target.shape());
    }

    /** How many top predictions count. */
    public int k() {
        return k;
    }

    /** Sets how many top predictions count (at least 1); returns this metric. */
    public TopKCategoricalAccuracy k(int k) {
        this.k = checkK(k);
        return this;
    }

    static int checkK(int k) {
        if (k < 1) throw new IllegalArgumentException("Argument `k` must be a positive integer. Received: k=" + k);
        return k;
    }

    @Override
    public String direction() {
        return "up";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("k", k);
        return c;
    }

    @Override
    public TopKCategoricalAccuracy name(String name) {
        super.name(name);
        return this;
    }

    /** From a Keras config ({@code name}, {@code dtype}, {@code k}). */
    public static TopKCategoricalAccuracy fromConfig(Config c) {
        return Metrics.base(new TopKCategoricalAccuracy(), c).k(c.getInt("k", 5));
    }
}
