package io.jkeras.optimizers;

import io.jkeras.optimizers.schedules.LearningRateSchedule;
import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;
import java.util.Map;

/**
 * FTRL-Proximal ("Follow The Regularized Leader"), as {@code keras.optimizers.Ftrl}, for shallow
 * models with large sparse feature spaces (McMahan et al., 2013).
 *
 * <p>With {@code p = learning_rate_power}, {@code l2 = l2_regularization_strength + beta / (2 lr)}:
 * {@code n' = n + g^2}; {@code z += g + 2 * l2_shrinkage * w - (n'^-p - n^-p) / lr * w};
 * {@code w = (clip(z, -l1, l1) - z) / (n'^-p / lr + 2 * l2)}; {@code n = n'}. Defaults: learning rate
 * 0.001, learning_rate_power -0.5, initial_accumulator_value 0.1, l1, l2 and l2-shrinkage strengths
 * 0.0, beta 0.0. Slots interleaved per variable: {@code accumulator} (n), {@code linear} (z).
 *
 * <pre>{@code
 * jshell> var opt = new Ftrl(0.05).l1RegularizationStrength(0.001);
 * }</pre>
 */
public class Ftrl extends Optimizer {
    private double learningRatePower = -0.5;
    private double initialAccumulatorValue = 0.1;
    private double l1 = 0.0;
    private double l2 = 0.0;
    private double l2Shrinkage = 0.0;
    private double beta = 0.0;

    /** Ftrl with Keras's default learning rate 0.001. */
    public Ftrl() {
        this(0.001);
    }

    /** @param learningRate the learning rate */
    public Ftrl(double learningRate) {
        super("ftrl", learningRate);
    }

    /** @param schedule the learning-rate schedule */
    public Ftrl(LearningRateSchedule schedule) {
        super("ftrl", schedule);
    }

    /** How the rate falls with the accumulated squared gradient (&le; 0; 0 keeps it fixed). */
    public Ftrl learningRatePower(double p) {
        if (p > 0) throw new IllegalArgumentException("`learning_rate_power` needs to be negative or zero. Received: learning_rate_power=" + p + ".");
        this.learningRatePower = p;
        return this;
    }

    /** The starting value of the accumulators (&ge; 0, default 0.1). */
    public Ftrl initialAccumulatorValue(double v) {
        this.initialAccumulatorValue = nonNegative("initial_accumulator_value", v);
        return this;
    }

    /** The L1 regularization strength (&ge; 0). */
    public Ftrl l1RegularizationStrength(double v) {
        this.l1 = nonNegative("l1_regularization_strength", v);
        return this;
    }

    /** The L2 (stabilization) regularization strength (&ge; 0). */
    public Ftrl l2RegularizationStrength(double v) {
        this.l2 = nonNegative("l2_regularization_strength", v);
        return this;
    }

    /** The L2 shrinkage (magnitude penalty added to the gradient) strength (&ge; 0). */
    public Ftrl l2ShrinkageRegularizationStrength(double v) {
        this.l2Shrinkage = nonNegative("l2_shrinkage_regularization_strength", v);
        return this;
    }

    /** The paper's beta (default 0.0). */
    public Ftrl beta(double beta) {
        this.beta = beta;
        return this;
    }

    private static double nonNegative(String key, double v) {
        if (v < 0) throw new IllegalArgumentException("`" + key + "` needs to be positive or zero. Received: " + key + "=" + v + ".");
        return v;
    }

    @Override
    protected List<String[]> slotGroups() {
        return List.<String[]>of(new String[]{"accumulator", "linear"});
    }

    @Override
    protected double slotInitialValue(String slot) {
        return slot.equals("accumulator") ? initialAccumulatorValue : 0.0;
    }

    @Override
    protected void updateStep(INDArray g, INDArray w, Map<String, INDArray> slots, double lr) {
        INDArray accum = slots.get("accumulator");
        INDArray linear = slots.get("linear");
        double l2Reg = l2 + beta / (2.0 * lr);
        INDArray newAccum = scratch(w, 0).assign(g).muli(g).addi(accum);
        INDArray newPow = Transforms.pow(scratch(w, 1).assign(newAccum), -learningRatePower, false);
        // The old accumulator is replaced at the end, so its array holds sigma * w meanwhile.
        INDArray sigmaW = Transforms.pow(accum, -learningRatePower, false).rsubi(newPow).divi(lr).muli(w);
        linear.addi(g);
        if (l2Shrinkage != 0) linear.addi(scratch(w, 2).assign(w).muli(2 * l2Shrinkage));
        linear.subi(sigmaW);
        INDArray quadratic = newPow.divi(lr).addi(2 * l2Reg);
        INDArray clipped = Transforms.min(Transforms.max(sigmaW.assign(linear), -l1, false), l1, false);
        w.assign(clipped.subi(linear).divi(quadratic));
        accum.assign(newAccum);
    }

    @Override
    protected void ownConfig(Map<String, Object> c) {
        c.put("learning_rate_power", learningRatePower);
        c.put("initial_accumulator_value", initialAccumulatorValue);
        c.put("l1_regularization_strength", l1);
        c.put("l2_regularization_strength", l2);
        c.put("l2_shrinkage_regularization_strength", l2Shrinkage);
        c.put("beta", beta);
    }

    /** Makes an Ftrl from its Keras config. */
    public static Ftrl fromConfig(Config c) {
        Ftrl o = new Ftrl().learningRatePower(c.getDouble("learning_rate_power", -0.5))
                .initialAccumulatorValue(c.getDouble("initial_accumulator_value", 0.1))
                .l1RegularizationStrength(c.getDouble("l1_regularization_strength", 0.0))
                .l2RegularizationStrength(c.getDouble("l2_regularization_strength", 0.0))
                .l2ShrinkageRegularizationStrength(c.getDouble("l2_shrinkage_regularization_strength", 0.0))
                .beta(c.getDouble("beta", 0.0));
        o.readCommonConfig(c);
        return o;
    }
}
