package io.jkeras.optimizers.schedules;

import io.jkeras.saving.Config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Polynomial decay, as {@code keras.optimizers.schedules.PolynomialDecay}: from
 * {@code initial_learning_rate} to {@code end_learning_rate} over {@code decay_steps} as
 * {@code (initial - end) * (1 - step / decay_steps) ^ power + end}, then constant; with
 * {@code cycle}, {@code decay_steps} grows to the first multiple not below the step instead.
 *
 * <pre>{@code
 * jshell> var s = new PolynomialDecay(0.1, 10000).endLearningRate(0.01).power(0.5);
 * jshell> s.apply(20000)
 * $2 ==> 0.01
 * }</pre>
 */
public final class PolynomialDecay implements LearningRateSchedule {
    private final double initialLearningRate;
    private final double decaySteps;
    private double endLearningRate = 0.0001;
    private double power = 1.0;
    private boolean cycle;
    private String name = "PolynomialDecay";

    /**
     * @param initialLearningRate the rate at step 0
     * @param decaySteps the number of steps to reach the end rate (> 0)
     */
    public PolynomialDecay(double initialLearningRate, double decaySteps) {
        if (decaySteps <= 0) {
            throw new IllegalArgumentException("Argument `decay_steps` must be > 0. Received: decay_steps=" + decaySteps);
        }
        this.initialLearningRate = initialLearningRate;
        this.decaySteps = decaySteps;
    }

    /** The final rate (default 0.0001). */
    public PolynomialDecay endLearningRate(double end) {
        this.endLearningRate = end;
        return this;
    }

    /** The polynomial's power (default 1.0: linear). */
    public PolynomialDecay power(double power) {
        this.power = power;
        return this;
    }

    /** Restarts the decay past {@code decay_steps} (default false). */
    public PolynomialDecay cycle(boolean cycle) {
        this.cycle = cycle;
        return this;
    }

    /** Sets the name kept in the config. */
    public PolynomialDecay name(String name) {
        this.name = name;
        return this;
    }

    @Override
    public double apply(long step) {
        double s = step;
        double steps = decaySteps;
        if (cycle) {
            // The first multiple of decay_steps at or past the step; step 0 counts as the first period.
            double multiplier = s == 0 ? 1.0 : Math.ceil(s / decaySteps);
            steps = decaySteps * multiplier;
        } else {
            s = Math.min(s, decaySteps);
        }
        double p = s / steps;
        return (initialLearningRate - endLearningRate) * Math.pow(1 - p, power) + endLearningRate;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("initial_learning_rate", initialLearningRate);
        c.put("decay_steps", LearningRateSchedule.steps(decaySteps));
        c.put("end_learning_rate", endLearningRate);
        c.put("power", power);
        c.put("cycle", cycle);
        c.put("name", name);
        return c;
    }

    /** Makes the schedule from its Keras config. */
    public static PolynomialDecay fromConfig(Config c) {
        return new PolynomialDecay(c.getDouble("initial_learning_rate", 0), c.getDouble("decay_steps", 0))
                .endLearningRate(c.getDouble("end_learning_rate", 0.0001))
                .power(c.getDouble("power", 1.0))
                .cycle(c.getBoolean("cycle", false))
                .name(c.getString("name", "PolynomialDecay"));
    }
}
