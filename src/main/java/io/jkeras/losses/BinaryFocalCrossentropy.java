package io.jkeras.losses;

import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Map;

/**
 * Binary focal cross-entropy (Lin et al., 2018), {@code keras.losses.BinaryFocalCrossentropy}: per
 * element {@code (1 - p_t)^gamma * bce(t, p)} with {@code p_t = t p + (1 - t)(1 - p)}, times
 * {@code t alpha + (1 - t)(1 - alpha)} when class balancing is on, averaged over {@code axis}. It
 * down-weights easy examples. Keras names: {@code "BinaryFocalCrossentropy"},
 * {@code "binary_focal_crossentropy"}.
 *
 * <p>Parameters (Keras defaults): {@code apply_class_balancing=false}, {@code alpha=0.25},
 * {@code gamma=2.0}, {@code from_logits=false} (with true, {@code p = sigmoid(x)} and bce in its stable
 * softplus form), {@code label_smoothing=0}, {@code axis=-1}. Inputs as {@link BinaryCrossentropy}.
 * Gradient: the product rule over the focal factor and bce (bce's clip passes no gradient where it is
 * active).
 *
 * <pre>{@code
 * jshell> new BinaryFocalCrossentropy().gamma(2).fromLogits(true).call(
 *    ...>     Nd4j.createFromArray(0f, 1f, 0f, 0f), Nd4j.createFromArray(-18.6f, 0.51f, 2.94f, -12.8f))
 * $1 ==> 0.691...
 * }</pre>
 */
public class BinaryFocalCrossentropy extends ElementwiseLoss {
    private boolean applyClassBalancing;
    private double alpha = 0.25;
    private double gamma = 2.0;
    private boolean fromLogits;
    private double labelSmoothing;
    private int axis = -1;

    /** A loss named {@code "binary_focal_crossentropy"} with Keras's defaults. */
    public BinaryFocalCrossentropy() {
        super("binary_focal_crossentropy");
    }

    @Override
    int reducedAxis() {
        return axis;
    }

    @Override
    INDArray prepareTrue(INDArray yTrue) {
        return BinaryCrossentropy.smooth(yTrue, labelSmoothing);
    }

    private INDArray probability(INDArray yPred) {
        return fromLogits ? LossOps.sigmoid(yPred) : yPred;
    }

    /** {@code 1 - p_t = t (1 - p) + (1 - t) p}, how wrong the prediction is. */
    private static INDArray miss(INDArray t, INDArray p) {
        return t.mul(p.rsub(1.0)).addi(t.rsub(1.0).muli(p));
    }

    /** The class-balancing weight, or null when balancing is off. */
    private INDArray balance(INDArray t) {
        return applyClassBalancing ? t.mul(alpha).addi(t.rsub(1.0).muli(1.0 - alpha)) : null;
    }

    @Override
    INDArray elementwise(INDArray yTrue, INDArray yPred) {
        INDArray p = probability(yPred);
        INDArray f = Transforms.pow(miss(yTrue, p), gamma, false).muli(BinaryCrossentropy.bce(yTrue, yPred, fromLogits));
        INDArray w = balance(yTrue);
        return w == null ? f : f.muli(w);
    }

    @Override
    INDArray derivative(INDArray yTrue, INDArray yPred) {
        INDArray p = probability(yPred);
        INDArray miss = miss(yTrue, p);
        // focal * d bce/dx (bce's own derivative already covers the sigmoid for logits)
        INDArray d = Transforms.pow(miss, gamma, true).muli(BinaryCrossentropy.bceDerivative(yTrue, yPred, fromLogits));
        if (gamma != 0) {
            // d focal/dp = gamma (1 - p_t)^(gamma - 1) (1 - 2t); dp/dx = p (1 - p) for logits.
            INDArray dFocal = Transforms.pow(miss, gamma - 1, false).muli(gamma).muli(yTrue.mul(-2.0).addi(1.0));
            if (fromLogits) dFocal.muli(p.mul(p.rsub(1.0)));
            d.addi(dFocal.muli(BinaryCrossentropy.bce(yTrue, yPred, fromLogits)));
        }
        INDArray w = balance(yTrue);
        return w == null ? d : d.muli(w);
    }

    /** Whether class balancing (alpha for class 1, 1 - alpha for class 0) is applied. */
    public boolean applyClassBalancing() {
        return applyClassBalancing;
    }

    /** Turns class balancing on or off; returns this loss. */
    public BinaryFocalCrossentropy applyClassBalancing(boolean on) {
        this.applyClassBalancing = on;
        return this;
    }

    /** The class-1 weight used with class balancing. */
    public double alpha() {
        return alpha;
    }

    /** Sets the class-1 weight; returns this loss. */
    public BinaryFocalCrossentropy alpha(double alpha) {
        this.alpha = alpha;
        return this;
    }

    /** The focusing parameter. */
    public double gamma() {
        return gamma;
    }

    /** Sets the focusing parameter (0 gives plain binary cross-entropy); returns this loss. */
    public BinaryFocalCrossentropy gamma(double gamma) {
        if (!(gamma >= 0)) throw new IllegalArgumentException("gamma must be >= 0. Received: gamma=" + gamma);
        this.gamma = gamma;
        return this;
    }

    /** Whether y_pred holds logits. */
    public boolean fromLogits() {
        return fromLogits;
    }

    /** Sets whether y_pred holds logits; returns this loss. */
    public BinaryFocalCrossentropy fromLogits(boolean fromLogits) {
        this.fromLogits = fromLogits;
        return this;
    }

    /** The label smoothing in [0, 1]. */
    public double labelSmoothing() {
        return labelSmoothing;
    }

    /** Sets the label smoothing in [0, 1]; returns this loss. */
    public BinaryFocalCrossentropy labelSmoothing(double labelSmoothing) {
        this.labelSmoothing = BinaryCrossentropy.checkSmoothing(labelSmoothing);
        return this;
    }

    /** The axis averaged over. */
    public int axis() {
        return axis;
    }

    /** Sets the axis averaged over; returns this loss. */
    public BinaryFocalCrossentropy axis(int axis) {
        this.axis = axis;
        return this;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("from_logits", fromLogits);
        c.put("label_smoothing", labelSmoothing);
        c.put("axis", axis);
        c.put("apply_class_balancing", applyClassBalancing);
        c.put("alpha", alpha);
        c.put("gamma", gamma);
        return c;
    }

    @Override
    public BinaryFocalCrossentropy name(String name) {
        super.name(name);
        return this;
    }

    @Override
    public BinaryFocalCrossentropy reduction(String reduction) {
        super.reduction(reduction);
        return this;
    }

    /** From a Keras config (the keys of {@link #getConfig()}). */
    public static BinaryFocalCrossentropy fromConfig(Config c) {
        return Losses.base(new BinaryFocalCrossentropy(), c)
                .applyClassBalancing(c.getBoolean("apply_class_balancing", false))
                .alpha(c.getDouble("alpha", 0.25))
                .gamma(c.getDouble("gamma", 2.0))
                .fromLogits(c.getBoolean("from_logits", false))
                .labelSmoothing(c.getDouble("label_smoothing", 0.0))
                .axis(c.getInt("axis", -1));
    }
}
