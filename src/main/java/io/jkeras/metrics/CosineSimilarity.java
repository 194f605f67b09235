package io.jkeras.metrics;

import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * The cosine similarity of labels and predictions, {@code keras.metrics.CosineSimilarity}: per sample
 * {@code sum(l2_normalize(y_true) * l2_normalize(y_pred), axis)}, in [-1, 1] with 1 for vectors pointing
 * the same way, averaged over the epoch with sample weights. It is the negative of
 * {@link io.jkeras.losses.CosineSimilarity}'s per-sample values (a zero vector gives 0). Keras name
 * {@code "CosineSimilarity"}; default metric name {@code "cosine_similarity"}.
 *
 * <p>Parameter: {@code axis} (default -1), the feature axis. Inputs: y_true and y_pred of the same shape
 * (N, D).
 *
 * <pre>{@code
 * jshell> var m = new CosineSimilarity().axis(1);
 * jshell> m.updateState(Nd4j.createFromArray(new float[][]{{0, 1}, {1, 1}}),
 *    ...>               Nd4j.createFromArray(new float[][]{{1, 0}, {1, 1}}), null);
 * jshell> m.result()
 * $3 ==> 0.4999...
 * }</pre>
 */
public class CosineSimilarity extends LossMetric<io.jkeras.losses.CosineSimilarity> {
    /** A metric named {@code "cosine_similarity"} over the last axis. */
    public CosineSimilarity() {
        super("cosine_similarity", new io.jkeras.losses.CosineSimilarity());
    }

    @Override
    protected INDArray values(INDArray yTrue, INDArray yPred) {
        return super.values(yTrue, yPred).neg(); // the loss is -similarity
    }

    /** The feature axis. */
    public int axis() {
        return loss.axis();
    }

    /** Sets the feature axis; returns this metric. */
    public CosineSimilarity axis(int axis) {
        loss.axis(axis);
        return this;
    }

    @Override
    public String direction() {
        return "up";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("axis", loss.axis());
        return c;
    }

    @Override
    public CosineSimilarity name(String name) {
        super.name(name);
        return this;
    }

    /** From a Keras config ({@code name}, {@code dtype}, {@code axis}). */
    public static CosineSimilarity fromConfig(Config c) {
        return Metrics.base(new CosineSimilarity(), c).axis(c.getInt("axis", -1));
    }
}
