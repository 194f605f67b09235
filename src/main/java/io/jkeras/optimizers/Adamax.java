package io.jkeras.optimizers;

import io.jkeras.optimizers.schedules.LearningRateSchedule;
import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;
import java.util.Map;

/**
 * Adamax, as {@code keras.optimizers.Adamax}: Adam with the infinity norm in place of the second moment.
 *
 * <p>With {@code t = iterations + 1}: {@code m += (g - m) * (1 - beta_1)},
 * {@code u = max(beta_2 * u, |g|)}, {@code w -= lr * m / ((1 - beta_1^t) * (u + epsilon))}.
 * Defaults: learning rate 0.001, beta_1 0.9, beta_2 0.999, epsilon 1e-7. Slots interleaved per
 * variable: {@code momentum}, {@code norm}.
 *
 * <pre>{@code
 * jshell> var opt = new Adamax(2e-3);
 * }</pre>
 */
public class Adamax extends Optimizer {
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-7;

    /** Adamax with Keras's default learning rate 0.001. */
    public Adamax() {
        this(0.001);
    }

    /** @param learningRate the learning rate */
    public Adamax(double learningRate) {
        super("adamax", learningRate);
    }

    /** @param schedule the learning-rate schedule */
    public Adamax(LearningRateSchedule schedule) {
        super("adamax", schedule);
    }

    /** The decay rate of the first moment (default 0.9). */
    public Adamax beta1(double beta1) {
        this.beta1 = beta1;
        return this;
    }

    /** The decay rate of the infinity norm (default 0.999). */
    public Adamax beta2(double beta2) {
        this.beta2 = beta2;
        return this;
    }

    /** The fuzz factor added to the norm (default 1e-7). */
    public Adamax epsilon(double epsilon) {
        this.epsilon = epsilon;
        return this;
    }

    @Override
    protected List<String[]> slotGroups() {
        return List.<String[]>of(new String[]{"momentum", "norm"});
    }

    @Override
    protected void updateStep(INDArray g, INDArray w, Map<String, INDArray> slots, double lr) {
        double t = iterations() + 1;
        double correction = 1 - Math.pow(beta1, t);
        INDArray m = slots.get("momentum");
        INDArray u = slots.get("norm");
        INDArray s = scratch(w, 0);
        m.addi(s.assign(g).subi(m).muli(1 - beta1));
        Transforms.max(u.muli(beta2), Transforms.abs(s.assign(g), false), false);
        s.assign(u).addi(epsilon).muli(correction);
        w.subi(s.rdivi(m).muli(lr));                             // m / ((1 - b1^t) * (u + eps)) * lr
    }

    @Override
    protected void ownConfig(Map<String, Object> c) {
        c.put("beta_1", beta1);
        c.put("beta_2", beta2);
        c.put("epsilon", epsilon);
    }

    /** Makes an Adamax from its Keras config. */
    public static Adamax fromConfig(Config c) {
        Adamax o = new Adamax().beta1(c.getDouble("beta_1", 0.9)).beta2(c.getDouble("beta_2", 0.999))
                .epsilon(c.getDouble("epsilon", 1e-7));
        o.readCommonConfig(c);
        return o;
    }
}
