package io.jkeras.optimizers.schedules;

import io.jkeras.saving.Config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cosine decay with warm restarts (SGDR), as {@code keras.optimizers.schedules.CosineDecayRestarts}:
 * the rate decays from {@code initial} to {@code initial * alpha} over {@code first_decay_steps}, then
 * restarts; period {@code i} lasts {@code t_mul^i} times longer and starts at {@code m_mul^i} times the
 * initial rate.
 *
 * <pre>{@code
 * jshell> var s = new CosineDecayRestarts(0.1, 100).tMul(2.0).mMul(0.5);
 * jshell> s.apply(100)   // the first restart, at half the initial rate
 * $2 ==> 0.05
 * }</pre>
 */
public final class CosineDecayRestarts implements LearningRateSchedule {
    private final double initialLearningRate;
    private final double firstDecaySteps;
    private double tMul = 2.0;
    private double mMul = 1.0;
    private double alpha;
    private String name = "SGDRDecay";

    /**
     * @param initialLearningRate the rate at step 0
     * @param firstDecaySteps the length of the first period (> 0)
     */
    public CosineDecayRestarts(double initialLearningRate, double firstDecaySteps) {
        if (firstDecaySteps <= 0) {
            throw new IllegalArgumentException("Argument `first_decay_steps` must be > 0. Received: first_decay_steps="
                    + firstDecaySteps);
        }
        this.initialLearningRate = initialLearningRate;
        this.firstDecaySteps = firstDecaySteps;
    }

    /** How much longer each period is than the previous one (default 2.0). */
    public CosineDecayRestarts tMul(double tMul) {
        this.tMul = tMul;
        return this;
    }

    /** How much the starting rate of each period is scaled (default 1.0). */
    public CosineDecayRestarts mMul(double mMul) {
        this.mMul = mMul;
        return this;
    }

    /** The final rate of a period as a fraction of its start (default 0). */
    public CosineDecayRestarts alpha(double alpha) {
        this.alpha = alpha;
        return this;
    }

    /** Sets the name kept in the config. */
    public CosineDecayRestarts name(String name) {
        this.name = name;
        return this;
    }

    @Override
    public double apply(long step) {
        double fraction = step / firstDecaySteps;
        double restart;
        if (tMul == 1.0) {
            restart = Math.floor(fraction);
            fraction -= restart;
        } else {
            // Periods grow geometrically: find the period index from the geometric series' sum.
            restart = Math.floor(Math.log(1.0 - fraction * (1.0 - tMul)) / Math.log(tMul));
            double elapsed = (1.0 - Math.pow(tMul, restart)) / (1.0 - tMul);
            fraction = (fraction - elapsed) / Math.pow(tMul, restart);
        }
        double cosine = 0.5 * Math.pow(mMul, restart) * (1.0 + Math.cos(Math.PI * fraction));
        return initialLearningRate * ((1 - alpha) * cosine + alpha);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("initial_learning_rate", initialLearningRate);
        c.put("first_decay_steps", LearningRateSchedule.steps(firstDecaySteps));
        c.put("t_mul", tMul);
        c.put("m_mul", mMul);
        c.put("alpha", alpha);
        c.put("name", name);
        return c;
    }

    /** Makes the schedule from its Keras config. */
    public static CosineDecayRestarts fromConfig(Config c) {
        return new CosineDecayRestarts(c.getDouble("initial_learning_rate", 0), c.getDouble("first_decay_steps", 0))
                .tMul(c.getDouble("t_mul", 2.0))
                .mMul(c.getDouble("m_mul", 1.0))
                .alpha(c.getDouble("alpha", 0.0))
                .name(c.getString("name", "SGDRDecay"));
    }
}
