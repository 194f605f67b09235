package io.jkeras.optimizers;

import io.jkeras.optimizers.schedules.LearningRateSchedule;
import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * RMSprop, as {@code keras.optimizers.RMSprop}: divides the gradient by a running root mean square.
 *
 * <p>{@code v = rho * v + (1 - rho) * g^2}; the increment is {@code lr * g / sqrt(v + eps)}, or when
 * centered {@code lr * g / sqrt(v - a^2 + eps)} with {@code a = rho * a + (1 - rho) * g}. With
 * momentum, {@code mom = momentum * mom + increment} and {@code w -= mom}; otherwise
 * {@code w -= increment}. Defaults: learning rate 0.001, rho 0.9, momentum 0.0, epsilon 1e-7,
 * centered false. Slots, grouped: {@code velocity}, then {@code momentum}, then {@code average_gradient}.
 *
 * <pre>{@code
 * jshell> var opt = new RMSprop(1e-3).centered(true);
 * }</pre>
 */
public class RMSprop extends Optimizer {
    private double rho = 0.9;
    private double momentum = 0.0;
    private double epsilon = 1e-7;
    private boolean centered = false;

    /** RMSprop with Keras's default learning rate 0.001. */
    public RMSprop() {
        this(0.001);
    }

    /** @param learningRate the learning rate */
    public RMSprop(double learningRate) {
        super("rmsprop", learningRate);
    }

    /** @param schedule the learning-rate schedule */
    public RMSprop(LearningRateSchedule schedule) {
        super("rmsprop", schedule);
    }

    /** The discount of the running mean square (default 0.9). */
    public RMSprop rho(double rho) {
        this.rho = rho;
        return this;
    }

    /** Momentum on the increments (default 0: none); whether it is 0 is fixed once built. */
    public RMSprop momentum(double momentum) {
        if ((momentum > 0) != (this.momentum > 0)) checkNotBuilt("momentum");
        this.momentum = momentum;
        return this;
    }

    /** The fuzz factor added under the square root (default 1e-7). */
    public RMSprop epsilon(double epsilon) {
        this.epsilon = epsilon;
        return this;
    }

    /** Normalizes by the estimated variance instead of the second moment (default false). */
    public RMSprop centered(boolean centered) {
        if (centered != this.centered) checkNotBuilt("centered");
        this.centered = centered;
        return this;
    }

    @Override
    protected List<String[]> slotGroups() {
        List<String[]> groups = new ArrayList<>();
        groups.add(new String[]{"velocity"});
        if (momentum > 0) groups.add(new String[]{"momentum"});
        if (centered) groups.add(new String[]{"average_gradient"});
        return groups;
    }

    @Override
    protected void updateStep(INDArray g, INDArray w, Map<String, INDArray> slots, double lr) {
        INDArray v = slots.get("velocity");
        INDArray s = scratch(w, 0);
        v.muli(rho).addi(s.assign(g).muli(g).muli(1 - rho));
        if (centered) {
            INDArray a = slots.get("average_gradient");
            a.muli(rho).addi(s.assign(g).muli(1 - rho));
            s.assign(a).muli(a).rsubi(v).addi(epsilon);          // v - a^2 + eps
        } else {
            s.assign(v).addi(epsilon);
        }
        Transforms.sqrt(s, false);
        s.rdivi(g).muli(lr);                                     // g / sqrt(...) * lr
        if (momentum > 0) {
            INDArray mom = slots.get("momentum");
            mom.muli(momentum).addi(s);
            w.subi(mom);
        } else {
            w.subi(s);
        }
    }

    @Override
    protected void ownConfig(Map<String, Object> c) {
        c.put("rho", rho);
        c.put("momentum", momentum);
        c.put("epsilon", epsilon);
        c.put("centered", centered);
    }

    /** Makes an RMSprop from its Keras config. */
    public static RMSprop fromConfig(Config c) {
        RMSprop o = new RMSprop().rho(c.getDouble("rho", 0.9)).momentum(c.getDouble("momentum", 0.0))
                .epsilon(c.getDouble("epsilon", 1e-7)).centered(c.getBoolean("centered", false));
        o.readCommonConfig(c);
        return o;
    }
}
