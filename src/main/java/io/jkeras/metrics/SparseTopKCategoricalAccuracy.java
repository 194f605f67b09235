package io.jkeras.metrics;

import io.jkeras.saving.Config;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * How often the integer target is among the k highest predictions,
 * {@code keras.metrics.SparseTopKCategoricalAccuracy}: per sample {@code in_top_k(y_true, y_pred, k)},
 * averaged over the epoch with sample weights. Keras name {@code "SparseTopKCategoricalAccuracy"};
 * default metric name {@code "sparse_top_k_categorical_accuracy"}.
 *
 * <p>Parameter: {@code k} (default 5). Inputs: y_true class ids (N,) or (N, 1), integer or float (floats
 * are truncated, as Keras's int cast), each in [0, C); y_pred scores (N, C). A target tied with the k-th
 * largest score counts as inside the top k.
 *
 * <pre>{@code
 * jshell> var m = new SparseTopKCategoricalAccuracy().k(1);
 * jshell> m.updateState(Nd4j.createFromArray(2, 1),
 *    ...>               Nd4j.createFromArray(new float[][]{{0.1f, 0.9f, 0.8f}, {0.05f, 0.95f, 0}}), null);
 * jshell> m.result()
 * $3 ==> 0.5
 * }</pre>
 */
public class SparseTopKCategoricalAccuracy extends MeanMetricWrapper {
    private int k = 5;

    /** A sparse top-5 accuracy named {@code "sparse_top_k_categorical_accuracy"}. */
    public SparseTopKCategoricalAccuracy() {
        super("sparse_top_k_categorical_accuracy");
    }

    @Override
    protected INDArray values(INDArray yTrue, INDArray yPred) {
        INDArray labels = SparseCategoricalAccuracy.labels(yTrue, yPred, name());
        long classes = yPred.size(yPred.rank() - 1);
        INDArray ids = labels.reshape(labels.length()).castTo(DataType.LONG);
        TopK.checkIds(ids, classes);
        INDArray hits = TopK.inTopK(ids, yPred.reshape(yPred.length() / classes, classes), k);
        return hits.reshape(labels.shape());
    }

    /** How many top predictions count. */
    public int k() {
        return k;
    }

    /** Sets how many top predictions count (at least 1); returns this metric. */
    public SparseTopKCategoricalAccuracy k(int k) {
        this.k = TopKCategoricalAccuracy.checkK(k);
        return this;
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
    public SparseTopKCategoricalAccuracy name(String name) {
        super.name(name);
        return this;
    }

    /** From a Keras config ({@code name}, {@code dtype}, {@code k}). */
    public static SparseTopKCategoricalAccuracy fromConfig(Config c) {
        return Metrics.base(new SparseTopKCategoricalAccuracy(), c).k(c.getInt("k", 5));
    }
}
