package io.jkeras.optimizers;

import io.jkeras.optimizers.schedules.LearningRateSchedule;
import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;
import java.util.Map;

/**
 * Adagrad, as {@code keras.optimizers.Adagrad}: per-parameter rates that shrink with the sum of
 * squared gradients. {@code acc += g^2}, {@code w -= lr * g / sqrt(acc + epsilon)}. Defaults:
 * learning rate 0.001, initial_accumulator_value 0.1, epsilon 1e-7. One slot: {@code accumulator}.
 *
 * <pre>{@code
 * jshell> var opt = new Adagrad(0.01).initialAccumulatorValue(0.0);
 * }</pre>
 */
public class Adagrad extends Optimizer {
    private double initialAccumulatorValue = 0.1;
    private double epsilon = 1e-7;

    /** Adagrad with Keras's default learning rate 0.001. */
    public Adagrad() {
        this(0.001);
    }

    /** @param learningRate the learning rate */
    public Adagrad(double learningRate) {
        super("adagrad", learningRate);
    }

    /** @param schedule the learning-rate schedule */
    public Adagrad(LearningRateSchedule schedule) {
        super("adagrad", schedule);
    }

    /** The starting value of the accumulators (default 0.1); used when the optimizer is built. */
    public Adagrad initialAccumulatorValue(double value) {
        this.initialAccumulatorValue = value;
        return this;
    }

    /** The fuzz factor added under the square root (default 1e-7). */
    public Adagrad epsilon(double epsilon) {
        this.epsilon = epsilon;
        return this;
    }

    @Override
    protected List<String[]> slotGroups() {
        return List.<String[]>of(new String[]{"accumulator"});
    }

    @Override
    protected double slotInitialValue(String slot) {
        return initialAccumulatorValue;
    }

    @Override
    protected void updateStep(INDArray g, INDArray w, Map<String, INDArray> slots, double lr) {
        INDArray acc = slots.get("accumulator");
        INDArray s = scratch(w, 0);
        acc.addi(s.assign(g).muli(g));
        Transforms.sqrt(s.assign(acc).addi(epsilon), false);
        w.subi(s.rdivi(g).muli(lr));                             // g / sqrt(acc + eps) * lr
    }

    @Override
    protected void ownConfig(Map<String, Object> c) {
        c.put("initial_accumulator_value", initialAccumulatorValue);
        c.put("epsilon", epsilon);
    }

    /** Makes an Adagrad from its Keras config. */
    public static Adagrad fromConfig(Config c) {
        Adagrad o = new Adagrad().initialAccumulatorValue(c.getDouble("initial_accumulator_value", 0.1))
                .epsilon(c.getDouble("epsilon", 1e-7));
        o.readCommonConfig(c);
        return o;
    }
}
