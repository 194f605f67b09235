package io.jkeras.metrics;

import io.jkeras.saving.Config;

/**
 * The recall of predictions, {@code keras.metrics.Recall}: {@code tp / (tp + fn)} with true positives and
 * false negatives counted (and weighted) over every batch of the epoch. Keras name {@code "Recall"};
 * default metric name automatic and unique, {@code "recall"}, then {@code "recall_1"}, …
 *
 * <p>Parameters (Keras defaults): {@code thresholds} (null: 0.5; a prediction is positive when it is
 * strictly above a threshold; several thresholds give one value each through {@link #results()}),
 * {@code top_k} (null; with k, only the k highest predictions of each row can be positive, and the
 * default threshold becomes -1e10), {@code class_id} (null; with an id, only that column of y_pred and
 * y_true counts). Inputs: y_true labels (non-zero means positive) and y_pred probabilities of the same
 * shape, e.g. (N,), (N, 1) or (N, C); sample weights (N,) or of y_true's shape. A loss with
 * {@code from_logits=true} needs {@code thresholds(0)}.
 *
 * <pre>{@code
 * jshell> var m = new Recall();
 * jshell> m.updateState(Nd4j.createFromArray(0f, 1f, 1f, 1f), Nd4j.createFromArray(1f, 0f, 1f, 1f), null);
 * jshell> m.result()
 * $3 ==> 0.6666666666666666
 * jshell> new Recall().topK(2).thresholds(0.3, 0.6)   // one recall per threshold: results()
 * }</pre>
 */
public class Recall extends ThresholdMetric {
    /** A recall at threshold 0.5, automatically named ({@code recall}, {@code recall_1}, …). */
    public Recall() {
        this(autoName(Recall.class));
    }

    /** A recall at threshold 0.5 with the given name (no automatic name is used up). */
    public Recall(String name) {
        super(name);
    }

    @Override
    double[] compute(ConfusionCounts c) {
        double[] out = new double[c.tp.length];
        for (int i = 0; i < out.length; i++) out[i] = divideNoNan(c.tp[i], c.tp[i] + c.fn[i]);
        return out;
    }

    /** Sets one threshold or several, each in [0, 1] (null restores the default); resets the state; returns this metric. */
    public Recall thresholds(double... values) {
        super.setThresholds(values);
        return this;
    }

    /** Sets top_k (null for none); resets the state; returns this metric. */
    public Recall topK(Integer k) {
        super.setTopK(k);
        return this;
    }

    /** Sets class_id (null for all classes); resets the state; returns this metric. */
    public Recall classId(Integer id) {
        super.setClassId(id);
        return this;
    }

    /** top_k, or null. */
    public Integer topK() {
        return getTopK();
    }

    /** class_id, or null. */
    public Integer classId() {
        return getClassId();
    }

    /** Accumulated weighted false negatives per threshold (Keras's {@code false_negatives}). */
    public double[] falseNegatives() {
        return counts().fn.clone();
    }

    @Override
    public Recall name(String name) {
        super.name(name);
        return this;
    }

    /** From a Keras config ({@code name}, {@code dtype}, {@code thresholds}, {@code top_k}, {@code class_id}). */
    public static Recall fromConfig(Config c) {
        String name = c.getString("name", null);
        return configure(name == null ? new Recall() : new Recall(name), c);
    }
}
