package io.jkeras.optimizers.schedules;

import io.jkeras.saving.Config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Exponential decay, as {@code keras.optimizers.schedules.ExponentialDecay}:
 * {@code initial_learning_rate * decay_rate ^ (step / decay_steps)}, where the exponent is floored
 * when {@code staircase} is set (the rate drops in steps every {@code decay_steps}).
 *
 * <pre>{@code
 * jshell> var s = new ExponentialDecay(0.1, 1000, 0.96).staircase(true);
 * jshell> s.apply(2500)
 * $2 ==> 0.09216
 * }</pre>
 */
public final class ExponentialDecay implements LearningRateSchedule {
    private final double initialLearningRate;
    private final double decaySteps;
    private final double decayRate;
    private boolean staircase;
    private String name = "ExponentialDecay";

    /**
     * @param initialLearningRate the rate at step 0
     * @param decaySteps the number of steps over which the rate is multiplied by {@code decayRate} (> 0)
     * @param decayRate the factor per {@code decaySteps}
     */
    public ExponentialDecay(double initialLearningRate, double decaySteps, double decayRate) {
        if (decaySteps <= 0) {
            throw new IllegalArgumentException("Argument `decay_steps` must be > 0. Received: decay_steps=" + decaySteps);
        }
        this.initialLearningRate = initialLearningRate;
        this.decaySteps = decaySteps;
        this.decayRate = decayRate;
    }

    /** Decays at whole multiples of {@code decay_steps} only. */
    public ExponentialDecay staircase(boolean staircase) {
        this.staircase = staircase;
        return this;
    }

    /** Sets the name kept in the config. */
    public ExponentialDecay name(String name) {
        this.name = name;
        return this;
    }

    @Override
    public double apply(long step) {
        double p = step / decaySteps;
        if (staircase) p = Math.floor(p);
        return initialLearningRate * Math.pow(decayRate, p);
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
    public static ExponentialDecay fromConfig(Config c) {
        return new ExponentialDecay(c.getDouble("initial_learning_rate", 0), c.getDouble("decay_steps", 0),
                c.getDouble("decay_rate", 0))
                .staircase(c.getBoolean("staircase", false))
                .name(c.getString("name", "ExponentialDecay"));
    }
}
