package io.jkeras.losses;

import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Map;

/**
 * Binary cross-entropy, {@code keras.losses.BinaryCrossentropy}: per element
 * {@code -(t log p + (1 - t) log(1 - p))}, averaged over {@code axis}. Keras names:
 * {@code "BinaryCrossentropy"}, {@code "binary_crossentropy"}.
 *
 * <p>Parameters (Keras defaults): {@code from_logits=false} (y_pred are probabilities, clipped to
 * [1e-7, 1 - 1e-7]; with true, logits and the stable form {@code softplus(x) - t x}),
 * {@code label_smoothing=0} (targets become {@code t (1 - s) + s / 2}), {@code axis=-1}. Inputs: y_true
 * (0/1 or soft labels) and y_pred of the same shape, e.g. (N, 1) or (N, K); a rank-1 pair (N,) gives
 * one scalar per batch, as in Keras. Gradient per element: probabilities,
 * {@code (1 - t) / (1 - p) - t / p} where the clip is inactive (0 where it is active); logits,
 * {@code sigmoid(x) - t}; divided by the axis length.
 *
 * <pre>{@code
 * jshell> new BinaryCrossentropy().fromLogits(true).call(
 *    ...>     Nd4j.createFromArray(new float[][]{{0, 1}, {0, 0}}),
 *    ...>     Nd4j.createFromArray(new float[][]{{-18.6f, 0.51f}, {2.94f, -12.8f}}))
 * $1 ==> 0.8654...
 * }</pre>
 */
public class BinaryCrossentropy extends ElementwiseLoss {
    private boolean fromLogits;
    private double labelSmoothing;
    private int axis = -1;

    /** A loss named {@code "binary_crossentropy"} on probabilities, without smoothing, over the last axis. */
    public BinaryCrossentropy() {
        super("binary_crossentropy");
    }

    /** Element-wise binary cross-entropy of targets {@code t} and predictions {@code x} (probabilities or logits). */
    static INDArray bce(INDArray t, INDArray x, boolean logits) {
        if (logits) return LossOps.softplus(x).subi(t.mul(x));
        INDArray p = LossOps.clip(x, LossOps.EPS, 1.0 - LossOps.EPS);
        INDArray pos = Transforms.log(p, true).muli(t);
        INDArray neg = Transforms.log(p.rsubi(1.0), false).muli(t.rsub(1.0));
        return pos.addi(neg).negi();
    }

    /** d bce / d x for {@link #bce}. */
    static INDArray bceDerivative(INDArray t, INDArray x, boolean logits) {
        if (logits) return LossOps.sigmoid(x).subi(t);
        INDArray p = LossOps.clip(x, LossOps.EPS, 1.0 - LossOps.EPS);
        INDArray d = t.rsub(1.0).divi(p.rsub(1.0)).subi(t.div(p));
        return d.muli(LossOps.inside(x, LossOps.EPS, 1.0 - LossOps.EPS));
    }

    /** Keras's binary label smoothing: {@code t (1 - s) + 0.5 s}. */
    static INDArray smooth(INDArray t, double s) {
        return s == 0 ? t : t.mul(1.0 - s).addi(0.5 * s);
    }

    static double checkSmoothing(double s) {
        if (!(s >= 0 && s <= 1)) throw new IllegalArgumentException("label_smoothing must be in [0, 1]. Received: label_smoothing=" + s);
        return s;
    }

    @Override
    int reducedAxis() {
        return axis;
    }

    @Override
    INDArray prepareTrue(INDArray yTrue) {
        return smooth(yTrue, labelSmoothing);
    }

    @Override
    INDArray elementwise(INDArray yTrue, INDArray yPred) {
        return bce(yTrue, yPred, fromLogits);
    }

    @Override
    INDArray derivative(INDArray yTrue, INDArray yPred) {
        return bceDerivative(yTrue, yPred, fromLogits);
    }

    /** Whether y_pred holds logits. */
    public boolean fromLogits() {
        return fromLogits;
    }

    /** Sets whether y_pred holds logits; returns this loss. */
    public BinaryCrossentropy fromLogits(boolean fromLogits) {
        this.fromLogits = fromLogits;
        return this;
    }

    /** The label smoothing in [0, 1]. */
    public double labelSmoothing() {
        return labelSmoothing;
    }

    /** Sets the label smoothing in [0, 1]; returns this loss. */
    public BinaryCrossentropy labelSmoothing(double labelSmoothing) {
        this.labelSmoothing = checkSmoothing(labelSmoothing);
        return this;
    }

    /** The axis averaged over. */
    public int axis() {
        return axis;
    }

    /** Sets the axis averaged over; returns this loss. */
    public BinaryCrossentropy axis(int axis) {
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
    public BinaryCrossentropy name(String name) {
        super.name(name);
        return this;
    }

    @Override
    public BinaryCrossentropy reduction(String reduction) {
        super.reduction(reduction);
        return this;
    }

    /** From a Keras config ({@code name}, {@code reduction}, {@code from_logits}, {@code label_smoothing}, {@code axis}). */
    public static BinaryCrossentropy fromConfig(Config c) {
        return Losses.base(new BinaryCrossentropy(), c)
                .fromLogits(c.getBoolean("from_logits", false))
                .labelSmoothing(c.getDouble("label_smoothing", 0.0))
                .axis(c.getInt("axis", -1));
    }
}
