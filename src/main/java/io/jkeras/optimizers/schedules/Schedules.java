package io.jkeras.optimizers.schedules;

import io.jkeras.saving.Config;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Looks learning-rate schedules up by Keras class name or serialized config, and serializes them, as
 * {@code keras.optimizers.schedules.serialize} / {@code deserialize}.
 *
 * <pre>{@code
 * jshell> var m = Schedules.serialize(new ExponentialDecay(0.1, 1000, 0.96));
 * jshell> m.get("class_name")
 * $2 ==> "ExponentialDecay"
 * jshell> Schedules.get(m).apply(1000)
 * $3 ==> 0.096
 * }</pre>
 */
public final class Schedules {
    private static final Map<String, Function<Config, LearningRateSchedule>> REGISTRY = new ConcurrentHashMap<>();

    static {
        register("ExponentialDecay", ExponentialDecay::fromConfig);
        register("PiecewiseConstantDecay", PiecewiseConstantDecay::fromConfig);
        register("PolynomialDecay", PolynomialDecay::fromConfig);
        register("InverseTimeDecay", InverseTimeDecay::fromConfig);
        register("CosineDecay", CosineDecay::fromConfig);
        register("CosineDecayRestarts", CosineDecayRestarts::fromConfig);
    }

    private Schedules() {
    }

    /** Registers a custom schedule under the class name its {@link LearningRateSchedule#className()} returns. */
    public static void register(String className, Function<Config, LearningRateSchedule> factory) {
        REGISTRY.put(className, factory);
    }

    /**
     * A schedule from a serialized map ({@code {"class_name": ..., "config": {...}}}, Keras 2 or 3 form)
     * or a schedule itself.
     */
    @SuppressWarnings("unchecked")
    public static LearningRateSchedule get(Object spec) {
        if (spec == null) return null;
        if (spec instanceof LearningRateSchedule s) return s;
        if (spec instanceof Map<?, ?> m) return deserialize((Map<String, Object>) m);
        throw new IllegalArgumentException("Could not interpret learning rate schedule identifier: " + spec);
    }

    /** A schedule from its serialized map. */
    public static LearningRateSchedule deserialize(Map<String, Object> map) {
        Config c = Config.of(map);
        String className = c.getString("class_name");
        if (className != null && className.contains(">")) className = className.substring(className.indexOf('>') + 1);
        Function<Config, LearningRateSchedule> f = className == null ? null : REGISTRY.get(className);
        if (f == null) {
            throw new IllegalArgumentException("Unknown learning rate schedule: '" + className + "'. Known schedules: "
                    + REGISTRY.keySet() + "; register a custom one with Schedules.register(name, factory).");
        }
        Config inner = c.getConfig("config");
        return f.apply(inner == null ? Config.of(Map.of()) : inner);
    }

    /** Keras 3's serialized form: module, class_name, config, registered_name. */
    public static Map<String, Object> serialize(LearningRateSchedule s) {
        return Config.serialized("keras.optimizers.schedules", s.className(), s.getConfig());
    }
}
