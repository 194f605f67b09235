package io.jkeras.metrics;

import io.jkeras.losses.Loss;
import io.jkeras.losses.LossResult;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * The running weighted mean of a per-sample function of (y_true, y_pred),
 * {@code keras.metrics.MeanMetricWrapper}. Each batch, {@code fn(yTrue, yPred)} gives one value per
 * sample (shape (N,) or (N, ...)); those values and the sample weights go into a {@link Mean}'s
 * {@code total} and {@code count}, so the result is the mean over every sample of the epoch.
 * Most of Keras's metrics are such wrappers ({@link BinaryAccuracy}, {@link MeanSquaredError}, …).
 *
 * <p>Parameters: {@code name} and {@code fn}, a function returning an ND4J array of per-sample values
 * (it must not loop over samples in Java). A function's values of rank 0 count as one sample, as in
 * Keras.
 *
 * <pre>{@code
 * jshell> var absErr = new MeanMetricWrapper("abs_err", (t, p) -> Transforms.abs(p.sub(t)).mean(1));
 * jshell> absErr.updateState(Nd4j.createFromArray(new float[][]{{0, 1}, {0, 0}}),
 *    ...>                    Nd4j.createFromArray(new float[][]{{1, 1}, {0, 0}}), null);
 * jshell> absErr.result()
 * $3 ==> 0.25
 * jshell> MeanMetricWrapper.of(new io.jkeras.losses.Huber())   // a loss as a metric, named "huber_loss"
 * }</pre>
 */
public class MeanMetricWrapper extends Metric {
    private final MeanState state = new MeanState();
    private final BiFunction<INDArray, INDArray, INDArray> fn;

    /**
     * @param name the metric name
     * @param fn   per-sample values of (y_true, y_pred), as ND4J ops
     */
    public MeanMetricWrapper(String name, BiFunction<INDArray, INDArray, INDArray> fn) {
        super(name);
        this.fn = Objects.requireNonNull(fn, "fn");
    }

    /** For subclasses that override {@link #values}. */
    protected MeanMetricWrapper(String name) {
        super(name);
        this.fn = null;
    }

    /**
     * A loss used as a metric, as Keras's {@code compile} wraps a loss object passed in {@code metrics}:
     * named as the loss, averaging whatever the loss returns per call. A loss with reduction
     * {@code "none"} gives per-sample values; any other reduction gives one value per batch, which
     * Keras counts as one sample (so the epoch's value is then a mean of batch values, as in Keras).
     */
    public static MeanMetricWrapper of(Loss loss) {
        Objects.requireNonNull(loss, "loss");
        return new MeanMetricWrapper(loss.name(), (t, p) -> {
            if (loss.reduction() == null || "none".equals(loss.reduction())) return loss.compute(t, p).values();
            return Nd4j.scalar(MetricOps.floatType(p), loss.call(t, p));
        });
    }

    /** The per-sample values of one batch (the wrapped function, or a subclass's formula). */
    protected INDArray values(INDArray yTrue, INDArray yPred) {
        return fn.apply(yTrue, yPred);
    }

    /** The per-sample values of a Keras loss on this batch, without sample weights. */
    static INDArray lossValues(Loss loss, INDArray yTrue, INDArray yPred) {
        LossResult r = loss.compute(yTrue, yPred);
        return r.values();
    }

    @Override
    public void updateState(INDArray yTrue, INDArray yPred, INDArray sampleWeight) {
        Objects.requireNonNull(yTrue, "y_true");
        Objects.requireNonNull(yPred, "y_pred");
        if (yPred.isEmpty()) return; // an empty batch adds nothing (ND4J refuses arithmetic on it)
        state.add(values(yTrue, yPred), sampleWeight, name());
    }

    /**
     * Adds a batch whose predictions carry a mask, as Keras 3's {@code MeanMetricWrapper.update_state}: the mask
     * becomes the sample weights ({@code apply_mask} with reduction {@code "sum"}), multiplied into any given
     * ones, so the result averages over the unmasked entries only. Sample weights of shape (N,) against a mask
     * (N, T) weigh every step of sample i by w[i] (Keras would try numpy broadcasting there and fail unless N == T).
     */
    @Override
    public void updateState(INDArray yTrue, INDArray yPred, INDArray sampleWeight, INDArray mask) {
        if (mask == null) {
            updateState(yTrue, yPred, sampleWeight);
            return;
        }
        Objects.requireNonNull(yTrue, "y_true");
        Objects.requireNonNull(yPred, "y_pred");
        if (yPred.isEmpty()) return;
        DataType t = MetricOps.floatType(yPred);
        INDArray w = MetricOps.as(mask, t);
        if (sampleWeight != null) {
            INDArray[] mw = MetricOps.squeezeOrExpand(w, MetricOps.as(sampleWeight, t), true);
            INDArray m = mw[0], sw = mw[1];
            if (sw.rank() < m.rank() && Arrays.equals(sw.shape(), Arrays.copyOf(m.shape(), sw.rank()))) {
                long[] s = Arrays.copyOf(sw.shape(), m.rank());
                Arrays.fill(s, sw.rank(), m.rank(), 1L);
                sw = sw.reshape(s).broadcast(m.shape());
            } else {
                sw = MetricOps.broadcastTo(sw, m.shape(), "sample_weight", name());
            }
            w = m.mul(sw);
        }
        state.add(values(yTrue, yPred), w, name());
    }

    @Override
    public double result() {
        return state.result();
    }

    @Override
    public void resetState() {
        state.reset();
    }

    /** The accumulated sum of weighted per-sample values (Keras's {@code total}). */
    public double total() {
        return state.total();
    }

    /** The accumulated weight (Keras's {@code count}). */
    public double count() {
        return state.count();
    }

    @Override
    public MeanMetricWrapper name(String name) {
        super.name(name);
        return this;
    }
}
