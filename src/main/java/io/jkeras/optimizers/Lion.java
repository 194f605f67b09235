package io.jkeras.optimizers;

import io.jkeras.optimizers.schedules.LearningRateSchedule;
import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;
import java.util.Map;

/**
 * Lion ("EvoLved Sign Momentum"), as {@code keras.optimizers.Lion} (Chen et al., 2023): the update is
 * the sign of an interpolation of momentum and gradient.
 *
 * <p>{@code w -= lr * sign(beta_1 * m + (1 - beta_1) * g)}, then {@code m = beta_2 * m + (1 - beta_2) * g}.
 * Defaults: learning rate 0.001, beta_1 0.9, beta_2 0.99. One slot: {@code momentum}. Its rate is
 * usually 3-10x smaller than AdamW's and its weight decay 3-10x larger.
 *
 * <pre>{@code
 * jshell> var opt = new Lion(1e-4).weightDecay(0.1);
 * }</pre>
 */
public class Lion extends Optimizer {
    private double beta1 = 0.9;
    private double beta2 = 0.99;

    /** Lion with Keras's default learning rate 0.001. */
    public Lion() {
        this(0.001);
    }

    /** @param learningRate the learning rate */
    public Lion(double learningRate) {
        super("lion", learningRate);
    }

    /** @param schedule the learning-rate schedule */
    public Lion(LearningRateSchedule schedule) {
        super("lion", schedule);
    }

    /** The weight of the momentum in the update's sign, in (0, 1] (default 0.9). */
    public Lion beta1(double beta1) {
        if (beta1 <= 0 || beta1 > 1) {
            throw new IllegalArgumentException("Argument `beta_1` must be in the [0, 1] range. Otherwise, the optimizer "
                    + "degenerates to SignSGD. Received: beta_1=" + beta1 + ".");
        }
        this.beta1 = beta1;
        return this;
    }

    /** The decay rate of the momentum (default 0.99). */
    public Lion beta2(double beta2) {
        this.beta2 = beta2;
        return this;
    }

    @Override
    protected List<String[]> slotGroups() {
        return List.<String[]>of(new String[]{"momentum"});
    }

    @Override
    protected void updateStep(INDArray g, INDArray w, Map<String, INDArray> slots, double lr) {
        INDArray m = slots.get("momentum");
        INDArray s0 = scratch(w, 0);
        INDArray s1 = scratch(w, 1);
        s0.assign(m).muli(beta1).addi(s1.assign(g).muli(1.0 - beta1));
        w.subi(Transforms.sign(s0, false).muli(lr));
        m.muli(beta2).addi(s1.assign(g).muli(1.0 - beta2));
    }

    @Override
    protected void ownConfig(Map<String, Object> c) {
        c.put("beta_1", beta1);
        c.put("beta_2", beta2);
    }

    /** Makes a Lion from its Keras config. */
    public static Lion fromConfig(Config c) {
        Lion o = new Lion().beta1(c.getDouble("beta_1", 0.9)).beta2(c.getDouble("beta_2", 0.99));
        o.readCommonConfig(c);
        return o;
    }
}
