package io.jkeras.optimizers.schedules;

import io.jkeras.saving.Config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Inverse-time decay, as {@code keras.optimizers.schedules.InverseTimeDecay}:
 * {@code initial_learning_rate / (1 + decay_rate * step / decay_steps)}, with
 * {@code step / decay_steps} floored when {@code staircase} is set.
 *
 * <pre>{@code
 * jshell> new InverseTimeDecay(0.1, 1, 0.5).apply(2)
 * $1 ==> 0.05
 * }</pre>
 */
public final class InverseTimeDecay implements LearningRateSchedule {
    private final double initialLearningRate;
    private final double decaySteps;
    private final double decayRate;
    private boolean staircase;
    private String name = "InverseTimeDecay";

    /**
     * @param initialLearningRate the rate at step 0
     * @param decaySteps how often the decay is applied (> 0)
     * @param decayRate the decay rate
     */
    public InverseTimeDecay(double initialLearningRate, double decaySteps, double decayRate) {
        if (decaySteps <= 0) {
            throw new IllegalArgumentException("Argument `decay_steps` must be > 0. Received: decay_steps=" + decaySteps);
        }
        this.initialLearningRate = initialLearningRate;
        this.decaySteps = decaySteps;
        this.decayRate = decayRate;
    }

    /** Decays at whole multiples of {@code decay_steps} only. */
    public InverseTimeDecay staircase(boolean staircase) {
        this.staircase = staircase;
        return this;
    }

    /** Sets the name kept in the config. */
    public InverseTimeDecay name(String name) {
        this.name = name;
        return this;
    }

    @Override
    public double apply(long step) {
        double p = step / decaySteps;
        if (staircase) p = Math.floor(p);
        return initialLearningRate / (1.0 + decayRate * p);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("initial_learning_rate", initialLearningRate);
        c.put("decay_steps", LearningRateSchedule.steps(decaySteps));
        c.put("decay_rate", decayRate);
        c.put("staircase", staircase);
        c.put("name", name);
        return c;
    }

    /** Makes the schedule from its Keras config. */
    public static InverseTimeDecay fromConfig(Config c) {
        return new InverseTimeDecay(c.getDouble("initial_learning_rate", 0), c.getDouble("decay_steps", 0),
                c.getDouble("decay_rate", 0))
                .staircase(c.getBoolean("staircase", false))
                .name(c.getString("name", "InverseTimeDecay"));
    }
}
