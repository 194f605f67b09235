package io.jkeras.optimizers;

import io.jkeras.optimizers.schedules.LearningRateSchedule;
import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Map;

/**
 * Gradient descent with optional (Nesterov) momentum, as {@code keras.optimizers.SGD}.
 *
 * <p>Without momentum {@code w -= lr * g}. With it, {@code m = momentum * m - lr * g}, then
 * {@code w += m}, or with Nesterov {@code w += momentum * m - lr * g}. Defaults: learning rate 0.01,
 * momentum 0.0, nesterov false. One slot per variable ({@code momentum}), only when momentum is not 0.
 *
 * <pre>{@code
 * jshell> var opt = new SGD(0.1).momentum(0.9).nesterov(true);
 * }</pre>
 */
public class SGD extends Optimizer {
    private double momentum = 0.0;
    private boolean nesterov = false;

    /** SGD with Keras's default learning rate 0.01. */
    public SGD() {
        this(0.01);
    }

    /** @param learningRate the learning rate */
    public SGD(double learningRate) {
        super("SGD", learningRate);
    }

    /** @param schedule the learning-rate schedule */
    public SGD(LearningRateSchedule schedule) {
        super("SGD", schedule);
    }

    /** The momentum in [0, 1] (0: plain gradient descent); fixed once the optimizer is built. */
    public SGD momentum(double momentum) {
        if (momentum < 0 || momentum > 1) throw new IllegalArgumentException("`momentum` must be a float between [0, 1].");
        if ((momentum == 0) != (this.momentum == 0)) checkNotBuilt("momentum");
        this.momentum = momentum;
        return this;
    }

    /** Whether to use Nesterov momentum. */
    public SGD nesterov(boolean nesterov) {
        this.nesterov = nesterov;
        return this;
    }

    @Override
    protected List<String[]> slotGroups() {
        return momentum != 0 ? List.<String[]>of(new String[]{"momentum"}) : List.of();
    }

    @Override
    protected void updateStep(INDArray g, INDArray w, Map<String, INDArray> slots, double lr) {
        INDArray step = scratch(w, 0).assign(g).muli(lr);
        if (momentum == 0) {
            w.subi(step);
            return;
        }
        INDArray m = slots.get("momentum");
        m.muli(momentum).subi(step);
        if (nesterov) {
            // w += m * momentum - g * lr, with the one scratch array: subtract g * lr, then add m * momentum.
            w.subi(step);
            w.addi(step.assign(m).muli(momentum));
        } else {
            w.addi(m);
        }
    }

    @Override
    protected void ownConfig(Map<String, Object> c) {
        c.put("momentum", momentum);
        c.put("nesterov", nesterov);
    }

    /** Makes an SGD from its Keras config. */
    public static SGD fromConfig(Config c) {
        SGD o = new SGD().momentum(c.getDouble("momentum", 0.0)).nesterov(c.getBoolean("nesterov", false));
        o.readCommonConfig(c);
        return o;
    }
}
