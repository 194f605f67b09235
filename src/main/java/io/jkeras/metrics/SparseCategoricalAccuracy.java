package io.jkeras.metrics;

import io.jkeras.saving.Config;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * How often the predicted class equals an integer label, {@code keras.metrics.SparseCategoricalAccuracy}:
 * per sample {@code y_true == argmax(y_pred, -1)}, averaged over the epoch with sample weights. Keras name
 * {@code "SparseCategoricalAccuracy"}; default metric name {@code "sparse_categorical_accuracy"}.
 *
 * <p>Inputs: y_true class ids of shape (N,) or (N, 1) (or (N, T) / (N, T, 1) against y_pred (N, T, C)),
 * integer or float; y_pred probabilities or logits (N, C). Float labels are compared as floats, as Keras
 * compares them (2.0 matches class 2; 2.5 matches nothing). Ties in y_pred resolve to the first maximum.
 *
 * <pre>{@code
 * jshell> var m = new SparseCategoricalAccuracy();
 * jshell> m.updateState(Nd4j.createFromArray(new float[][]{{2}, {1}}),
 *    ...>               Nd4j.createFromArray(new float[][]{{0.1f, 0.6f, 0.3f}, {0.05f, 0.95f, 0}}), null);
 * jshell> m.result()
 * $3 ==> 0.5
 * }</pre>
 */
public class SparseCategoricalAccuracy extends MeanMetricWrapper {
    /** A sparse categorical accuracy named {@code "sparse_categorical_accuracy"}. */
    public SparseCategoricalAccuracy() {
        super("sparse_categorical_accuracy");
    }

    /** Class ids reshaped to y_pred's shape without its class axis; an error naming both shapes otherwise. */
    static INDArray labels(INDArray yTrue, INDArray yPred, String metric) {
        long[] want = yPred.rank() == 0 ? new long[0] : MetricOps.withoutLast(yPred.shape());
        INDArray labels = yTrue;
        if (labels.rank() == yPred.rank() && labels.rank() > 0 && labels.size(-1) == 1) {
            labels = labels.reshape(MetricOps.withoutLast(labels.shape()));
        }
        if (yPred.rank() == 0 || !Arrays.equals(labels.shape(), want)) {
            throw new IllegalArgumentException("Metric \"" + metric + "\": y_true must hold one class id per prediction, of shape "
                    + MetricOps.shape(want) + " for y_pred.shape=" + MetricOps.shape(yPred.shape()) + ", but received y_true.shape="
                    + MetricOps.shape(yTrue.shape()) + "."
                    + (Arrays.equals(yTrue.shape(), yPred.shape()) ? " For one-hot labels use the categorical (not sparse) metric." : ""));
        }
        return labels;
    }

    @Override
    protected INDArray values(INDArray yTrue, INDArray yPred) {
        INDArray labels = labels(yTrue, yPred, name());
        DataType ft = MetricOps.floatType(yPred);
        INDArray predClass = Nd4j.argMax(yPred, yPred.rank() - 1);
        INDArray matches = labels.dataType().isFPType()
                ? labels.eq(predClass.castTo(labels.dataType()))
                : MetricOps.as(labels, DataType.LONG).eq(predClass);
        return matches.castTo(ft);
    }

    @Override
    public String direction() {
        return "up";
    }

    @Override
    public SparseCategoricalAccuracy name(String name) {
        super.name(name);
        return this;
    }

    /** From a Keras config ({@code name}, {@code dtype}). */
    public static SparseCategoricalAccuracy fromConfig(Config c) {
        return Metrics.base(new SparseCategoricalAccuracy(), c);
    }
}
