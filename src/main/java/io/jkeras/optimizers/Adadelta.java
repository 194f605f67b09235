package io.jkeras.optimizers;

import io.jkeras.optimizers.schedules.LearningRateSchedule;
import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;
import java.util.Map;

/**
 * Adadelta, as {@code keras.optimizers.Adadelta}: step sizes from running averages of squared
 * gradients and squared updates.
 *
 * <p>{@code ag = rho * ag + (1 - rho) * g^2}, {@code delta = -sqrt(ad + eps) * g / sqrt(ag + eps)},
 * {@code ad = rho * ad + (1 - rho) * delta^2}, {@code w += lr * delta}. Defaults: learning rate 0.001
 * (1.0 matches the paper), rho 0.95, epsilon 1e-7. Slots interleaved per variable:
 * {@code accumulated_grad}, {@code accumulated_delta_var}.
 *
 * <pre>{@code
 * jshell> var opt = new Adadelta(1.0);
 * }</pre>
 */
public class Adadelta extends Optimizer {
    private double rho = 0.95;
    private double epsilon = 1e-7;

    /** Adadelta with Keras's default learning rate 0.001. */
    public Adadelta() {
        this(0.001);
    }

    /** @param learningRate the learning rate */
    public Adadelta(double learningRate) {
        super("adadelta", learningRate);
    }

    /** @param schedule the learning-rate schedule */
    public Adadelta(LearningRateSchedule schedule) {
        super("adadelta", schedule);
    }

    /** The decay rate of both running averages (default 0.95). */
    public Adadelta rho(double rho) {
        this.rho = rho;
        return this;
    }

    /** The fuzz factor inside both square roots (default 1e-7). */
    public Adadelta epsilon(double epsilon) {
        this.epsilon = epsilon;
        return this;
    }

    @Override
    protected List<String[]> slotGroups() {
        return List.<String[]>of(new String[]{"accumulated_grad", "accumulated_delta_var"});
    }

    @Override
    protected void updateStep(INDArray g, INDArray w, Map<String, INDArray> slots, double lr) {
        INDArray ag = slots.get("accumulated_grad");
        INDArray ad = slots.get("accumulated_delta_var");
        INDArray s0 = scratch(w, 0);
        INDArray s1 = scratch(w, 1);
        ag.muli(rho).addi(s0.assign(g).muli(g).muli(1 - rho));
        Transforms.sqrt(s0.assign(ad).addi(epsilon), false).muli(g);     // rms(ad) * g
        Transforms.sqrt(s1.assign(ag).addi(epsilon), false);             // rms(ag)
        s0.divi(s1).negi();                                              // delta
        ad.muli(rho).addi(s1.assign(s0).muli(s0).muli(1 - rho));
        w.addi(s0.muli(lr));
    }

    @Override
    protected void ownConfig(Map<String, Object> c) {
        c.put("rho", rho);
        c.put("epsilon", epsilon);
    }

    /** Makes an Adadelta from its Keras config. */
    public static Adadelta fromConfig(Config c) {
        Adadelta o = new Adadelta().rho(c.getDouble("rho", 0.95)).epsilon(c.getDouble("epsilon", 1e-7));
        o.readCommonConfig(c);
        return o;
    }
}
