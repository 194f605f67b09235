package io.jkeras.optimizers.schedules;

import java.util.Map;

/**
 * A learning rate that changes with the optimizer step, as {@code keras.optimizers.schedules.LearningRateSchedule}.
 * The optimizer calls {@link #apply(long)} with its {@code iterations} before each step (0 for the first).
 *
 * <p>A lambda is a schedule too; implement {@link #getConfig()} (and register a factory with
 * {@link Schedules#register}) to make a custom schedule savable.
 *
 * <pre>{@code
 * jshell> LearningRateSchedule s = step -> 0.1 / (step + 1);
 * jshell> new SGD(s).learningRate()
 * $2 ==> 0.10000000149011612
 * }</pre>
 */
@FunctionalInterface
public interface LearningRateSchedule {
    /** The learning rate at optimizer step {@code step}. */
    double apply(long step);

    /** Keras's config ({@code {"initial_learning_rate": 0.1, ...}}); a custom schedule must override it to be saved. */
    default Map<String, Object> getConfig() {
        throw new UnsupportedOperationException("Learning rate schedule '" + className()
                + "' must override `getConfig()` in order to be serializable.");
    }

    /** The Keras class name ({@code "ExponentialDecay"}). */
    default String className() {
        return getClass().getSimpleName();
    }

    /** Writes a step count as Keras users pass it: an integer when it is one. */
    static Object steps(double n) {
        return n == Math.rint(n) && Math.abs(n) < 1e15 ? (Object) (long) n : (Object) n;
    }
}
