package io.jkeras.optimizers;

import io.jkeras.optimizers.schedules.LearningRateSchedule;
import io.jkeras.optimizers.schedules.Schedules;
import io.jkeras.saving.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The config keys every Keras 3 optimizer shares ({@code BaseOptimizer.get_config}), written in
 * Keras's order and read in the spellings of Keras 1, Keras 2, tf.keras and Keras 3.
 */
final class OptimizerConfig {
    private static final Logger LOG = LoggerFactory.getLogger(OptimizerConfig.class);

    private OptimizerConfig() {
    }

    static Map<String, Object> common(Optimizer o) {
        LearningRateSchedule schedule = o.learningRateSchedule();
        Options x = o.options();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", o.name());
        c.put("learning_rate", schedule != null ? Schedules.serialize(schedule) : o.learningRate());
        c.put("weight_decay", o.weightDecay());
        c.put("clipnorm", o.clipnorm());
        c.put("global_clipnorm", o.globalClipnorm());
        c.put("clipvalue", o.clipvalue());
        c.put("use_ema", x.useEma);
        c.put("ema_momentum", x.emaMomentum);
        c.put("ema_overwrite_frequency", x.emaOverwriteFrequency);
        c.put("loss_scale_factor", o.lossScaleFactor());
        c.put("gradient_accumulation_steps", x.gradientAccumulationSteps);
        return c;
    }

    static void readCommon(Optimizer o, Config c) {
        if (c.get("name") != null) o.name(c.getString("name"));
        // Keras 1 and 2 wrote "lr"; Keras 2.3+ and 3 write "learning_rate" (a number or a schedule).
        Object lr = c.get("learning_rate", "lr");
        if (lr instanceof Number n) o.learningRate(n.doubleValue());
        else if (lr != null) o.learningRate(Schedules.get(lr));
        // Keras 2's time-based "decay" is ignored by Keras 3 too (it warns the same way).
        Double decay = c.getDoubleOrNull("decay");
        if (decay != null && decay != 0.0) {
            LOG.warn("Argument `decay` is no longer supported and will be ignored (optimizer '{}', decay={}).", o.name(), decay);
        }
        o.weightDecay(c.getDoubleOrNull("weight_decay"));
        o.clipnorm(c.getDoubleOrNull("clipnorm"));
        o.clipvalue(c.getDoubleOrNull("clipvalue"));
        o.globalClipnorm(c.getDoubleOrNull("global_clipnorm"));
        o.lossScaleFactor(c.getDoubleOrNull("loss_scale_factor"));
        Options x = o.options();
        x.useEma = c.getBoolean("use_ema", false);
        x.emaMomentum = c.getDouble("ema_momentum", 0.99);
        Object f = c.get("ema_overwrite_frequency");
        x.emaOverwriteFrequency = f == null ? null : ((Number) f).intValue();
        Object steps = c.get("gradient_accumulation_steps");
        x.gradientAccumulationSteps = steps == null ? null : ((Number) steps).intValue();
        if (x.useEma || x.gradientAccumulationSteps != null) {
            LOG.warn("Optimizer '{}': use_ema and gradient_accumulation_steps are kept in the config but not applied by jkeras.",
                    o.name());
        }
    }
}
