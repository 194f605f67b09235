package io.jkeras.metrics;

import io.jkeras.saving.Config;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * How often the predicted class matches a one-hot label, {@code keras.metrics.CategoricalAccuracy}:
 * per sample {@code argmax(y_true, -1) == argmax(y_pred, -1)}, averaged over the epoch with sample
 * weights. Keras name {@code "CategoricalAccuracy"}; default metric name {@code "categorical_accuracy"}.
 *
 * <p>Inputs: y_true one-hot (or soft) labels and y_pred probabilities or logits of the same shape
 * (N, C), or (N, T, C) for one value per timestep. Ties resolve to the first maximum, as numpy's argmax.
 * Integer labels (N,) need {@link SparseCategoricalAccuracy}.
 *
 * <pre>{@code
 * jshell> var m = new CategoricalAccuracy();
 * jshell> m.updateState(Nd4j.createFromArray(new float[][]{{0, 0, 1}, {0, 1, 0}}),
 *    ...>               Nd4j.createFromArray(new float[][]{{0.1f, 0.9f, 0.8f}, {0.05f, 0.95f, 0}}), null);
 * jshell> m.result()
 * $3 ==> 0.5
 * }</pre>
 */
public class CategoricalAccuracy extends MeanMetricWrapper {
    /** A categorical accuracy named {@code "categorical_accuracy"}. */
    public CategoricalAccuracy() {
        super("categorical_accuracy");
    }

    @Override
    protected INDArray values(INDArray yTrue, INDArray yPred) {
        if (!Arrays.equals(yTrue.shape(), yPred.shape()) || yPred.rank() == 0) {
            throw MetricOps.mismatch(name(), yTrue, yPred, yTrue.rank() < yPred.rank()
                    ? "For integer class ids use SparseCategoricalAccuracy (\"sparse_categorical_accuracy\")." : "");
        }
        DataType ft = MetricOps.floatType(yPred);
        int last = yPred.rank() - 1;
        INDArray trueClass = Nd4j.argMax(yTrue, last);
        INDArray predClass = Nd4j.argMax(yPred, last);
        return trueClass.eq(predClass).castTo(ft);
    }

    @Override
    public String direction() {
        return "up";
    }

    @Override
    public CategoricalAccuracy name(String name) {
        super.name(name);
        return this;
    }

    /** From a Keras config ({@code name}, {@code dtype}). */
    public static CategoricalAccuracy fromConfig(Config c) {
        return Metrics.base(new CategoricalAccuracy(), c);
    }
}
