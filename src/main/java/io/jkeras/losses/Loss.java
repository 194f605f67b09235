package io.jkeras.losses;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A Keras loss ({@code keras.losses.Loss}) that returns its value and its gradient together.
 *
 * <p>A subclass computes per-sample losses and a closure for their backward pass
 * ({@link #perSample}); this class applies sample weights and Keras 3's reduction (default
 * {@code "sum_over_batch_size"}: the sum of per-sample losses times sample weights, divided by the
 * number of elements of the per-sample loss array, not by the sum of the weights; an
 * {@code ignore_class} mask or a mask on y_pred makes it divide by the number of entries kept), as Keras 3's
 * {@code reduce_weighted_values} in {@code keras/src/losses/loss.py}. Computation happens in y_pred's data type.
 *
 * <p>Parameters shared by every loss: {@code name} (Keras's default is the snake_case loss name) and
 * {@code reduction} ({@code "sum_over_batch_size"}, {@code "sum"}, {@code "mean"},
 * {@code "mean_with_sample_weight"}, {@code "none"} or {@code null}).
 *
 * <pre>{@code
 * jshell> Loss loss = Losses.get("sparse_categorical_crossentropy");
 * jshell> LossResult r = loss.compute(labels, probabilities);      // labels (N,), probabilities (N, C)
 * jshell> r.value();  r.gradient();                                 // scalar, (N, C)
 * jshell> loss.call(labels, probabilities, Nd4j.createFromArray(1f, 0.5f))  // value only, weighted
 * }</pre>
 */
public abstract class Loss {
    private String name;
    private String reduction = Reduction.SUM_OVER_BATCH_SIZE;

    /** @param name the loss's default Keras name */
    protected Loss(String name) {
        this.name = name;
    }

    /**
     * Per-sample losses of one call and how to back-propagate into y_pred.
     *
     * @param values   per-sample losses (for most losses y_pred's shape without its last axis)
     * @param mask     null, or 1 where a per-sample loss counts and 0 where it is ignored (same shape as values)
     * @param backward maps d(value)/d(values) to d(value)/d(y_pred); its argument is shaped as values, or
     *                 is a rank-0 array when every per-sample loss has the same factor (no weights, no mask)
     */
    public record PerSample(INDArray values, INDArray mask, UnaryOperator<INDArray> backward) {
    }

    /**
     * Computes per-sample losses. {@code yPred} is already in the computation type; {@code yTrue} is as
     * the caller passed it (each loss casts or checks it).
     */
    protected abstract PerSample perSample(INDArray yTrue, INDArray yPred);

    /** The loss value and d value / d yPred, without sample weights. */
    public LossResult compute(INDArray yTrue, INDArray yPred) {
        return compute(yTrue, yPred, null, null);
    }

    /**
     * The loss value and d value / d yPred.
     *
     * @param yTrue        targets (shape per loss, usually as yPred)
     * @param yPred        predictions, e.g. (N, C); float32 normally, float64 for gradient checks
     * @param sampleWeight null, or weights of shape (N,) or broadcastable to the per-sample losses
     */
    public LossResult compute(INDArray yTrue, INDArray yPred, INDArray sampleWeight) {
        return compute(yTrue, yPred, sampleWeight, null);
    }

    /**
     * The loss value and d value / d yPred for a prediction that carries a mask (Keras's {@code y_pred._keras_mask},
     * e.g. {@code (N, T)} for a sequence output {@code (N, T, C)} after an {@code Embedding(mask_zero=True)}).
     * As Keras 3's {@code Loss.__call__}: the mask is combined (AND) with the loss's own mask ({@code ignore_class})
     * and merged into the sample weights by {@code apply_mask}, so that {@code "sum_over_batch_size"} averages over
     * the unmasked entries only; masked entries get no gradient.
     *
     * @param mask null, or a boolean-valued array of the per-sample losses' shape (or one that broadcasts to it)
     */
    public LossResult compute(INDArray yTrue, INDArray yPred, INDArray sampleWeight, INDArray mask) {
        return evaluate(yTrue, yPred, sampleWeight, mask, true);
    }

    /** The loss value only (no gradient is computed), as Keras's {@code loss(y_true, y_pred)}. */
    public double call(INDArray yTrue, INDArray yPred) {
        return call(yTrue, yPred, null);
    }

    /** The weighted loss value only, as Keras's {@code loss(y_true, y_pred, sample_weight)}. */
    public double call(INDArray yTrue, INDArray yPred, INDArray sampleWeight) {
        return call(yTrue, yPred, sampleWeight, null);
    }

    /** The weighted, masked loss value only (see {@link #compute(INDArray, INDArray, INDArray, INDArray)}). */
    public double call(INDArray yTrue, INDArray yPred, INDArray sampleWeight, INDArray mask) {
        return evaluate(yTrue, yPred, sampleWeight, mask, false).value();
    }

    final LossResult evaluate(INDArray yTrue, INDArray yPred, INDArray sampleWeight, INDArray mask, boolean withGradient) {
        Objects.requireNonNull(yTrue, "y_true");
        Objects.requireNonNull(yPred, "y_pred");
        DataType t = LossOps.floatType(yPred);
        if (yPred.isEmpty()) {
            // ND4J refuses arithmetic on empty arrays; an empty batch contributes nothing.
            INDArray none = Nd4j.create(t, yPred.shape());
            return new LossResult(0.0, withGradient ? none : null, Nd4j.create(t, 0));
        }
        return finish(perSample(yTrue, LossOps.as(yPred, t)), yPred.shape(), sampleWeight, mask, withGradient);
    }

    /** Reduces per-sample losses and runs their backward pass, giving a gradient of shape {@code predShape}. */
    final LossResult finish(PerSample ps, long[] predShape, INDArray sampleWeight, INDArray mask, boolean withGradient) {
        INDArray m = ps.mask();
        if (mask != null) {
            // Keras: mask = in_mask & out_mask (y_pred's mask and the loss's own, e.g. ignore_class)
            INDArray in = alignMask(mask, ps.values());
            m = m == null ? in : in.mul(LossOps.as(m, in.dataType()));
        }
        Reduction.Reduced r = Reduction.reduce(ps.values(), m, sampleWeight, reduction, name);
        INDArray grad = null;
        if (withGradient) {
            grad = ps.backward().apply(r.dValues());
            // Some losses squeeze y_pred's trailing 1 (Keras's squeeze_or_expand_to_same_rank).
            if (!LossOps.sameShape(grad.shape(), predShape)) grad = grad.reshape(predShape);
        }
        return new LossResult(r.value(), grad, r.weighted());
    }

    /**
     * A prediction's mask as 0/1 values of the per-sample losses' shape: equal shapes, a trailing 1 on either
     * side (Keras's {@code squeeze_or_expand_to_same_rank}), or numpy broadcasting from the right.
     */
    private INDArray alignMask(INDArray mask, INDArray values) {
        INDArray m = mask.castTo(values.dataType());
        long[] ms = m.shape(), vs = values.shape();
        if (LossOps.sameShape(ms, vs)) return m;
        if (ms.length == vs.length + 1 && ms[ms.length - 1] == 1) return m.reshape(vs);
        if (vs.length == ms.length + 1 && vs[vs.length - 1] == 1) return m.reshape(vs);
        boolean ok = ms.length <= vs.length;
        for (int i = 1; ok && i <= ms.length; i++) ok = ms[ms.length - i] == 1 || ms[ms.length - i] == vs[vs.length - i];
        if (!ok) {
            throw new IllegalArgumentException("Loss \"" + name + "\": the mask of y_pred, of shape " + LossOps.shape(ms)
                    + ", does not match the per-sample losses of shape " + LossOps.shape(vs) + " (a mask covers the "
                    + "leading axes of y_pred, e.g. (batch, timesteps) for a sequence output).");
        }
        return m.broadcast(vs);
    }

    /**
     * y_true and y_pred made the same shape as Keras's {@code LossFunctionWrapper} does: when their
     * ranks differ by one and the longer has a trailing 1, that 1 is dropped (or, against a rank-1
     * array, added to it); then the shapes must be equal. y_true is cast to y_pred's type.
     *
     * @return {yTrue, yPred}, possibly reshaped views
     */
    protected final INDArray[] sameShape(INDArray yTrue, INDArray yPred) {
        INDArray t = LossOps.as(yTrue, yPred.dataType());
        INDArray p = yPred;
        long[] ts = t.shape(), ps = p.shape();
        if (ts.length == ps.length + 1 && ts[ts.length - 1] == 1) {
            if (ps.length == 1) p = p.reshape(ps[0], 1);
            else t = t.reshape(LossOps.without(ts, ts.length - 1));
        } else if (ps.length == ts.length + 1 && ps[ps.length - 1] == 1) {
            if (ts.length == 1) t = t.reshape(ts[0], 1);
            else p = p.reshape(LossOps.without(ps, ps.length - 1));
        }
        if (!LossOps.sameShape(t.shape(), p.shape())) {
            throw shapeMismatch(yTrue, yPred, "");
        }
        if (p.rank() == 0) {
            throw new IllegalArgumentException("Loss \"" + name + "\" needs y_pred of rank 1 or more; received a scalar.");
        }
        return new INDArray[]{t, p};
    }

    /** The shape-mismatch error: names the loss and both shapes, and adds {@code hint}. */
    protected final IllegalArgumentException shapeMismatch(INDArray yTrue, INDArray yPred, String hint) {
        return new IllegalArgumentException("Loss \"" + name + "\": y_true and y_pred must have the same shape, but received "
                + "y_true.shape=" + LossOps.shape(yTrue.shape()) + " and y_pred.shape=" + LossOps.shape(yPred.shape()) + "."
                + (hint.isEmpty() ? "" : " " + hint));
    }

    /** The Keras name (written in configs and in logs as the loss's name). */
    public String name() {
        return name;
    }

    /** Sets the name; returns this loss. */
    public Loss name(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /** The reduction ({@code "sum_over_batch_size"} unless set). */
    public String reduction() {
        return reduction;
    }

    /** Sets the reduction: {@code "sum_over_batch_size"}, {@code "sum"}, {@code "mean"}, {@code "mean_with_sample_weight"}, {@code "none"} or null. */
    public Loss reduction(String reduction) {
        this.reduction = Reduction.standardize(reduction);
        return this;
    }

    /** The Keras class name ({@code "SparseCategoricalCrossentropy"}): the Java simple name. */
    public String className() {
        return getClass().getSimpleName();
    }

    /** Keras 3's config: {@code name}, {@code reduction}, then the loss's own arguments (snake_case). */
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("reduction", reduction);
        return c;
    }

    @Override
    public String toString() {
        return className() + getConfig();
    }
}
