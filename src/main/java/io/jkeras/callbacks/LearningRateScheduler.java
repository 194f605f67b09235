package io.jkeras.callbacks;

import io.jkeras.optimizers.Optimizer;

import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;

/**
 * Sets the optimizer's learning rate at the start of every epoch from a function of the epoch and the
 * current rate, as Keras 3's {@code keras.callbacks.LearningRateScheduler}; at the end of every epoch
 * it adds the rate in use as {@code learning_rate} to the epoch logs (so History records it).
 *
 * <p>Parameters: {@code schedule} ({@code (epoch, lr) -> newLr}, epochs counted from 0) and
 * {@code verbose} (1 prints {@code Epoch 3: LearningRateScheduler setting learning rate to 0.0005.}
 * after an empty line, as Keras).
 *
 * <pre>{@code
 * jshell> var sched = new LearningRateScheduler((epoch, lr) -> epoch < 10 ? lr : lr * Math.exp(-0.1));
 * jshell> model.fit(x, y, FitOptions.epochs(15).callbacks(sched));
 * jshell> model.optimizer().learningRate()
 * $3 ==> 0.006065306597...
 * }</pre>
 */
public class LearningRateScheduler extends Callback {
    /** The new learning rate for an epoch (from 0), given the current one. */
    @FunctionalInterface
    public interface Schedule {
        double apply(int epoch, double lr);
    }

    private final Schedule schedule;
    private final int verbose;
    private PrintStream out;

    /** A quiet scheduler. */
    public LearningRateScheduler(Schedule schedule) {
        this(schedule, 0);
    }

    /** A scheduler that prints each new rate when {@code verbose > 0}. */
    public LearningRateScheduler(Schedule schedule, int verbose) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.verbose = verbose;
    }

    /** Where the verbose messages go (standard output by default). */
    public LearningRateScheduler out(PrintStream out) {
        this.out = out;
        return this;
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        Optimizer opt = CallbackSupport.optimizer(model(), "LearningRateScheduler");
        double lr = schedule.apply(epoch, opt.learningRate());
        opt.learningRate(lr);
        if (verbose > 0) {
            // Keras prints the value the schedule returned, before float32 storage.
            CallbackSupport.println(out, "\nEpoch " + (epoch + 1) + ": LearningRateScheduler setting learning rate to "
                    + CallbackSupport.repr(lr) + ".");
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        CallbackSupport.putLog(logs, "learning_rate", CallbackSupport.optimizer(model(), "LearningRateScheduler").learningRate());
    }
}
