package io.jkeras.metrics;

import io.jkeras.saving.Config;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * How often predictions equal labels exactly, {@code keras.metrics.Accuracy}: per sample
 * {@code mean(y_true == y_pred, axis=-1)}, averaged over the epoch with sample weights. Keras name
 * {@code "Accuracy"}; default metric name {@code "accuracy"}.
 *
 * <p>This compares values, so it suits predictions that are already class ids. With probabilities,
 * use {@link BinaryAccuracy}, {@link CategoricalAccuracy} or {@link SparseCategoricalAccuracy}; the
 * string {@code "accuracy"} in {@code compile} picks one of those ({@link Metrics#get(Object,
 * io.jkeras.losses.Loss, long[])}). Inputs: y_true and y_pred of the same shape, e.g. (N, 1); a trailing
 * 1 may differ.
 *
 * <pre>{@code
 * jshell> var m = new Accuracy();
 * jshell> m.updateState(Nd4j.createFromArray(new float[][]{{1}, {2}, {3}, {4}}),
 *    ...>               Nd4j.createFromArray(new float[][]{{0}, {2}, {3}, {4}}), null);
 * jshell> m.result()
 * $3 ==> 0.75
 * }</pre>
 */
public class Accuracy extends MeanMetricWrapper {
    /** An accuracy named {@code "accuracy"}. */
    public Accuracy() {
        super("accuracy");
    }

    @Override
    protected INDArray values(INDArray yTrue, INDArray yPred) {
        DataType ft = MetricOps.floatType(yPred);
        INDArray[] tp = MetricOps.squeezeOrExpand(MetricOps.as(yTrue, ft), MetricOps.as(yPred, ft), true);
        if (!Arrays.equals(tp[0].shape(), tp[1].shape())) throw MetricOps.mismatch(name(), yTrue, yPred, "");
        return MetricOps.meanLast(tp[0].eq(tp[1]).castTo(ft));
    }

    @Override
    public String direction() {
        return "up";
    }

    @Override
    public Accuracy name(String name) {
        super.name(name);
        return this;
    }

    /** From a Keras config ({@code name}, {@code dtype}). */
    public static Accuracy fromConfig(Config c) {
        return Metrics.base(new Accuracy(), c);
    }
}
