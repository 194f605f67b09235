package io.jkeras.optimizers;

import io.jkeras.optimizers.schedules.LearningRateSchedule;
import io.jkeras.saving.Config;

/**
 * AdamW, as {@code keras.optimizers.AdamW}: {@link Adam} with decoupled weight decay
 * ({@code w -= w * weight_decay * lr} before each Adam update, Loshchilov &amp; Hutter 2019). Keras 3
 * implements it exactly so: Adam plus the common {@code weight_decay} option, which here defaults to
 * 0.004 and must be set.
 *
 * <pre>{@code
 * jshell> var opt = new AdamW(1e-3).weightDecay(0.01);
 * }</pre>
 */
public class AdamW extends Adam {
    /** AdamW with Keras's defaults: learning rate 0.001, weight decay 0.004. */
    public AdamW() {
        this(0.001);
    }

    /** @param learningRate the learning rate (weight decay 0.004) */
    public AdamW(double learningRate) {
        super("adamw", learningRate);
        weightDecay(0.004);
    }

    /** @param schedule the learning-rate schedule (weight decay 0.004) */
    public AdamW(LearningRateSchedule schedule) {
        super("adamw", schedule);
        weightDecay(0.004);
    }

    /** Sets the weight decay; AdamW refuses null, as Keras does. */
    @Override
    public Optimizer weightDecay(Double wd) {
        if (wd == null) {
            throw new IllegalArgumentException("Argument `weight_decay` must be a float. Received: weight_decay=None");
        }
        return super.weightDecay(wd);
    }

    /** Makes an AdamW from its Keras config (weight_decay 0.004 when absent). */
    public static AdamW fromConfig(Config c) {
        AdamW o = new AdamW();
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>(c.map());
        m.putIfAbsent("weight_decay", 0.004);
        o.readOwnConfig(Config.of(m));
        return o;
    }
}
