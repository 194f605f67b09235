package io.jkeras.optimizers.schedules;

import io.jkeras.saving.Config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cosine decay with optional linear warmup, as {@code keras.optimizers.schedules.CosineDecay}.
 *
 * <p>Without {@code warmup_target}: {@code initial * ((1 - alpha) * 0.5 * (1 + cos(pi * s / decay_steps)) + alpha)}
 * with {@code s = min(step, decay_steps)}. With it: for the first {@code warmup_steps} steps the rate
 * rises linearly from {@code initial} to {@code warmup_target}, then decays from {@code warmup_target}
 * as above over the next {@code decay_steps}.
 *
 * <pre>{@code
 * jshell> var s = new CosineDecay(0.0, 1000).warmup(0.1, 100);
 * jshell> s.apply(50)
 * $2 ==> 0.05
 * }</pre>
 */
public final class CosineDecay implements LearningRateSchedule {
    private final double initialLearningRate;
    private final double decaySteps;
    private double alpha;
    private Double warmupTarget;
    private double warmupSteps;
    private String name = "CosineDecay";

    /**
     * @param initialLearningRate the starting rate
     * @param decaySteps the number of steps to decay over (> 0)
     */
    public CosineDecay(double initialLearningRate, double decaySteps) {
        if (decaySteps <= 0) {
            throw new IllegalArgumentException("Argument `decay_steps` must be > 0. Received: decay_steps=" + decaySteps);
        }
        this.initialLearningRate = initialLearningRate;
        this.decaySteps = decaySteps;
    }

    /** The final rate as a fraction of the decay's starting rate (default 0). */
    public CosineDecay alpha(double alpha) {
        this.alpha = alpha;
        return this;
    }

    /** Warms up linearly to {@code target} over {@code steps} steps before decaying (target null: no warmup). */
    public CosineDecay warmup(Double target, double steps) {
        this.warmupTarget = target;
        this.warmupSteps = steps;
        return this;
    }

    /** Sets the name kept in the config. */
    public CosineDecay name(String name) {
        this.name = name;
        return this;
    }

    @Override
    public double apply(long step) {
        if (warmupTarget == null) {
            return decayed(Math.min(step, decaySteps), initialLearningRate);
        }
        double s = Math.min(step, decaySteps + warmupSteps);
        if (s < warmupSteps) {
            return (warmupTarget - initialLearningRate) * (s / warmupSteps) + initialLearningRate;
        }
        return decayed(s - warmupSteps, warmupTarget);
    }

    private double decayed(double s, double from) {
        double cosine = 0.5 * (1.0 + Math.cos(Math.PI * (s / decaySteps)));
        return from * ((1 - alpha) * cosine + alpha);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("initial_learning_rate", initialLearningRate);
        c.put("decay_steps", LearningRateSchedule.steps(decaySteps));
        c.put("alpha", alpha);
        c.put("name", name);
        c.put("warmup_target", warmupTarget);
        c.put("warmup_steps", LearningRateSchedule.steps(warmupSteps));
        return c;
    }

    /** Makes the schedule from its Keras config. */
    public static CosineDecay fromConfig(Config c) {
        return new CosineDecay(c.getDouble("initial_learning_rate", 0), c.getDouble("decay_steps", 0))
                .alpha(c.getDouble("alpha", 0.0))
                .warmup(c.getDoubleOrNull("warmup_target"), c.getDouble("warmup_steps", 0))
                .name(c.getString("name", "CosineDecay"));
    }
}
