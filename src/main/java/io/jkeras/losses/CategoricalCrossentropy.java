package io.jkeras.losses;

import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.Map;

/**
 * Categorical cross-entropy, {@code keras.losses.CategoricalCrossentropy}: per sample
 * {@code -sum(y_true * log(q), axis)} for one-hot (or soft) targets. Keras names:
 * {@code "CategoricalCrossentropy"}, {@code "categorical_crossentropy"}.
 *
 * <p>Parameters (Keras defaults): {@code from_logits=false} (y_pred are probabilities: Keras divides
 * them by their sum over the axis and clips to [1e-7, 1 - 1e-7]; with true, {@code q} is a stable
 * log-softmax), {@code label_smoothing=0} (targets become {@code t (1 - s) + s / C}, C the size of the
 * class axis), {@code axis=-1}. Inputs: y_true and y_pred of the same shape {@code (N, ..., C)};
 * integer labels need {@link SparseCategoricalCrossentropy}.
 *
 * <p><b>Training with a softmax output layer:</b> {@link #computeFromSoftmaxLogits} takes the softmax's
 * input (the logits) and returns the gradient with respect to them, {@code (softmax - t) * w / n}, the
 * fused form the training step uses when the output layer's activation is softmax (as TensorFlow's
 * Keras backend does by reading the logits behind a softmax; it skips the clip, so the gradient never
 * vanishes on a confidently wrong prediction).
 *
 * <pre>{@code
 * jshell> var yTrue = Nd4j.createFromArray(new float[][]{{0, 1, 0}, {0, 0, 1}});
 * jshell> var yPred = Nd4j.createFromArray(new float[][]{{0.05f, 0.95f, 0}, {0.1f, 0.8f, 0.1f}});
 * jshell> new CategoricalCrossentropy().call(yTrue, yPred)
 * $3 ==> 1.1769...
 * }</pre>
 */
public class CategoricalCrossentropy extends Loss {
    private boolean fromLogits;
    private double labelSmoothing;
    private int axis = -1;

    /** A loss named {@code "categorical_crossentropy"} on probabilities, without smoothing, over the last axis. */
    public CategoricalCrossentropy() {
        super("categorical_crossentropy");
    }

    @Override
    protected PerSample perSample(INDArray yTrue, INDArray yPred) {
        return perSample(yTrue, yPred, fromLogits);
    }

    private PerSample perSample(INDArray yTrue, INDArray yPred, boolean logits) {
        rejectIntegerLabels(yTrue, yPred);
        INDArray[] tp = sameShape(yTrue, yPred);
        INDArray p = tp[1];
        int ax = LossOps.axis(axis, p.shape(), name());
        INDArray t = tp[0];
        if (labelSmoothing != 0) t = t.mul(1.0 - labelSmoothing).addi(labelSmoothing / p.size(ax));
        return logits ? Crossentropy.fromLogits(t, p, ax, false) : Crossentropy.fromProbabilities(t, p, ax);
    }

    /**
     * The fused softmax + cross-entropy step: the loss of {@code softmax(logits)} against yTrue (computed
     * stably from the logits, with label smoothing and sample weights as configured) and its gradient
     * with respect to the <em>logits</em>, {@code (softmax(logits) - t) * w / n}. The training step uses
     * this instead of {@link #compute} plus the softmax's backward pass when the output layer's
     * activation is softmax and this loss takes probabilities.
     *
     * @param yTrue        one-hot targets (N, ..., C)
     * @param logits       the softmax layer's input (N, ..., C)
     * @param sampleWeight null or per-sample weights
     */
    public LossResult computeFromSoftmaxLogits(INDArray yTrue, INDArray logits, INDArray sampleWeight) {
        return computeFromSoftmaxLogits(yTrue, logits, sampleWeight, null);
    }

    /** The fused step for a prediction with a mask (see {@link Loss#compute(INDArray, INDArray, INDArray, INDArray)}). */
    public LossResult computeFromSoftmaxLogits(INDArray yTrue, INDArray logits, INDArray sampleWeight, INDArray mask) {
        INDArray x = LossOps.as(logits, LossOps.floatType(logits));
        return finish(perSample(yTrue, x, true), logits.shape(), sampleWeight, mask, true);
    }

    /** Integer class ids against a (N, C) prediction are a common mistake; say what to use instead. */
    private void rejectIntegerLabels(INDArray yTrue, INDArray yPred) {
        long[] ts = yTrue.shape(), ps = yPred.shape();
        if (ps.length == 0 || ps[ps.length - 1] == 1) return;
        boolean ids = (ts.length == ps.length - 1 && Arrays.equals(ts, Arrays.copyOf(ps, ts.length)))
                || (ts.length == ps.length && ts[ts.length - 1] == 1 && Arrays.equals(Arrays.copyOf(ts, ts.length - 1), Arrays.copyOf(ps, ps.length - 1)));
        if (ids) {
            throw shapeMismatch(yTrue, yPred, "y_true looks like integer class ids: use SparseCategoricalCrossentropy "
                    + "(\"sparse_categorical_crossentropy\"), or one-hot encode the labels.");
        }
    }

    /** Whether y_pred holds logits. */
    public boolean fromLogits() {
        return fromLogits;
    }

    /** Sets whether y_pred holds logits; returns this loss. */
    public CategoricalCrossentropy fromLogits(boolean fromLogits) {
        this.fromLogits = fromLogits;
        return this;
    }

    /** The label smoothing in [0, 1]. */
    public double labelSmoothing() {
        return labelSmoothing;
    }

    /** Sets the label smoothing in [0, 1]; returns this loss. */
    public CategoricalCrossentropy labelSmoothing(double labelSmoothing) {
        this.labelSmoothing = BinaryCrossentropy.checkSmoothing(labelSmoothing);
        return this;
    }

    /** The class axis. */
    public int axis() {
        return axis;
    }

    /** Sets the class axis; returns this loss. */
    public CategoricalCrossentropy axis(int axis) {
        this.axis = axis;
        return this;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("from_logits", fromLogits);
        c.put("label_smoothing", labelSmoothing);
        c.put("axis", axis);
        return c;
    }

    @Override
    public CategoricalCrossentropy name(String name) {
        super.name(name);
        return this;
    }

    @Override
    public CategoricalCrossentropy reduction(String reduction) {
        super.reduction(reduction);
        return this;
    }

    /** From a Keras config ({@code name}, {@code reduction}, {@code from_logits}, {@code label_smoothing}, {@code axis}). */
    public static CategoricalCrossentropy fromConfig(Config c) {
        return Losses.base(new CategoricalCrossentropy(), c)
                .fromLogits(c.getBoolean("from_logits", false))
                .labelSmoothing(c.getDouble("label_smoothing", 0.0))
                .axis(c.getInt("axis", -1));
    }
}
