package io.jkeras.metrics;

import io.jkeras.saving.Config;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * The root mean squared error, {@code keras.metrics.RootMeanSquaredError}:
 * {@code sqrt(weighted mean of (y_pred - y_true)^2)} over the epoch. The squared errors are accumulated
 * by a {@link Mean}'s total and count (each sample's squared errors averaged over its features first)
 * and the root is taken once at the end, so the epoch's value is not a mean of batch roots. Keras name
 * {@code "RootMeanSquaredError"}; default metric name {@code "root_mean_squared_error"}.
 *
 * <p>Inputs: y_true and y_pred of the same shape (N, ..., D) (a trailing 1 may differ); sample weights
 * (N,) or of the squared errors' shape.
 *
 * <pre>{@code
 * jshell> var m = new RootMeanSquaredError();
 * jshell> m.updateState(Nd4j.createFromArray(new float[][]{{0, 1}, {0, 0}}),
 *    ...>               Nd4j.createFromArray(new float[][]{{1, 1}, {0, 0}}), null);
 * jshell> m.result()
 * $3 ==> 0.5
 * }</pre>
 */
public class RootMeanSquaredError extends Metric {
    private final MeanState state = new MeanState();

    /** A metric named {@code "root_mean_squared_error"}. */
    public RootMeanSquaredError() {
        super("root_mean_squared_error");
    }

    @Override
    public void updateState(INDArray yTrue, INDArray yPred, INDArray sampleWeight) {
        if (yPred.isEmpty()) return;
        DataType ft = MetricOps.floatType(yPred);
        INDArray[] tp = MetricOps.squeezeOrExpand(MetricOps.as(yTrue, ft), MetricOps.as(yPred, ft), true);
        if (!Arrays.equals(tp[0].shape(), tp[1].shape())) throw MetricOps.mismatch(name(), yTrue, yPred, "");
        INDArray error = tp[1].sub(tp[0]);
        state.add(error.muli(error), sampleWeight, name());
    }

    @Override
    public double result() {
        return Math.sqrt(state.result());
    }

    @Override
    public void resetState() {
        state.reset();
    }

    @Override
    public String direction() {
        return "down";
    }

    @Override
    public RootMeanSquaredError name(String name) {
        super.name(name);
        return this;
    }

    /** From a Keras config ({@code name}, {@code dtype}). */
    public static RootMeanSquaredError fromConfig(Config c) {
        return Metrics.base(new RootMeanSquaredError(), c);
    }
}
