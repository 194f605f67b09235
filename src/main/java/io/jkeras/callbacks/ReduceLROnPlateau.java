package io.jkeras.callbacks;

import io.jkeras.optimizers.Optimizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.util.Map;

/**
 * Lowers the learning rate when a monitored quantity has stopped improving, as Keras 3's
 * {@code keras.callbacks.ReduceLROnPlateau}: after {@code patience} epochs without an improvement of
 * more than {@code minDelta}, the optimizer's learning rate becomes {@code max(lr * factor, minLr)},
 * then {@code cooldown} epochs pass before epochs without improvement count again. Every epoch it adds
 * {@code learning_rate} to the epoch logs.
 *
 * <p>Options (Keras's defaults): {@code monitor} "val_loss", {@code factor} 0.1 (must be below 1),
 * {@code patience} 10, {@code verbose} 0, {@code mode} "auto" (maximize when the name contains "acc",
 * as Keras decides here), {@code minDelta} 1e-4, {@code cooldown} 0, {@code minLr} 0. With
 * {@code verbose(1)} it prints Keras's {@code Epoch 7: ReduceLROnPlateau reducing learning rate to 0.0001.}
 * after an empty line.
 *
 * <pre>{@code
 * jshell> var plateau = new ReduceLROnPlateau().factor(0.2).patience(5).minLr(0.001);
 * jshell> model.fit(x, y, FitOptions.epochs(50).validationSplit(0.1).callbacks(plateau));
 * }</pre>
 */
public class ReduceLROnPlateau extends Callback {
    private static final Logger LOG = LoggerFactory.getLogger(ReduceLROnPlateau.class);

    private String monitor = "val_loss";
    private double factor = 0.1;
    private int patience = 10;
    private int verbose;
    private String mode = "auto";
    private double minDelta = 1e-4;
    private int cooldown;
    private double minLr;
    private PrintStream out;

    private boolean maximize;
    private double best = Double.POSITIVE_INFINITY;
    private int wait;
    private int cooldownCounter;
    private boolean warnedMissing;

    /** A plateau watcher with Keras's defaults; set options with the fluent setters. */
    public ReduceLROnPlateau() {
        reset();
    }

    /** The quantity to watch, a key of the epoch logs. */
    public ReduceLROnPlateau monitor(String monitor) {
        this.monitor = monitor;
        reset();
        return this;
    }

    /** The factor the learning rate is multiplied by; refused when 1 or more, as Keras. */
    public ReduceLROnPlateau factor(double factor) {
        if (factor >= 1.0) {
            throw new IllegalArgumentException("ReduceLROnPlateau does not support a factor >= 1.0. Received factor="
                    + CallbackSupport.repr(factor));
        }
        this.factor = factor;
        return this;
    }

    /** Epochs without improvement after which the learning rate is reduced. */
    public ReduceLROnPlateau patience(int patience) {
        this.patience = patience;
        return this;
    }

    /** 0 quiet, 1 prints each reduction. */
    public ReduceLROnPlateau verbose(int verbose) {
        this.verbose = verbose;
        return this;
    }

    /** "min", "max" or "auto"; anything else warns and falls back to "auto". */
    public ReduceLROnPlateau mode(String mode) {
        this.mode = mode;
        reset();
        return this;
    }

    /** How much better a value must be to count as an improvement. */
    public ReduceLROnPlateau minDelta(double minDelta) {
        this.minDelta = minDelta;
        return this;
    }

    /** Epochs after a reduction during which epochs without improvement are not counted. */
    public ReduceLROnPlateau cooldown(int cooldown) {
        this.cooldown = cooldown;
        return this;
    }

    /** The learning rate is never reduced below this. */
    public ReduceLROnPlateau minLr(double minLr) {
        this.minLr = minLr;
        return this;
    }

    /** Where the verbose messages go (standard output by default). */
    public ReduceLROnPlateau out(PrintStream out) {
        this.out = out;
        return this;
    }

    /** Keras's {@code _reset}: the direction from the mode, the best value, and both counters. */
    private void reset() {
        if (!mode.equals("auto") && !mode.equals("min") && !mode.equals("max")) {
            LOG.warn("Learning rate reduction mode {} is unknown, fallback to auto mode.", mode);
            mode = "auto";
        }
        maximize = mode.equals("max") || (mode.equals("auto") && monitor.contains("acc"));
        best = maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        cooldownCounter = 0;
        wait = 0;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        reset();
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Optimizer opt = CallbackSupport.optimizer(model(), "ReduceLROnPlateau");
        CallbackSupport.putLog(logs, "learning_rate", opt.learningRate());
        Double current = logs == null ? null : logs.get(monitor);
        if (current == null) {
            if (!warnedMissing) {
                warnedMissing = true;
                LOG.warn("Learning rate reduction is conditioned on metric `{}` which is not available. Available metrics are: {}.",
                        monitor, logs == null ? "" : String.join(",", logs.keySet()));
            }
            return;
        }
        if (inCooldown()) {
            cooldownCounter--;
            wait = 0;
        }
        if (improves(current)) {
            best = current;
            wait = 0;
        } else if (!inCooldown()) {
            wait++;
            if (wait >= patience) reduce(opt, epoch);
        }
    }

    private boolean improves(double current) {
        return maximize ? current > best + minDelta : current < best - minDelta;
    }

    private void reduce(Optimizer opt, int epoch) {
        double oldLr = opt.learningRate();
        // Keras compares with min_lr as a float32, the optimizer's own precision.
        if (oldLr > (double) (float) minLr) {
            double newLr = Math.max(oldLr * factor, minLr);
            opt.learningRate(newLr);
            if (verbose > 0) {
                CallbackSupport.println(out, "\nEpoch " + (epoch + 1) + ": ReduceLROnPlateau reducing learning rate to "
                        + CallbackSupport.repr(newLr) + ".");
            }
            cooldownCounter = cooldown;
            wait = 0;
        }
    }

    /** True while the epochs after a reduction are not counted. */
    public boolean inCooldown() {
        return cooldownCounter > 0;
    }

    /** Epochs without improvement so far (Keras's {@code wait}). */
    public int waitCount() {
        return wait;
    }

    /** The best monitored value so far. */
    public double best() {
        return best;
    }
}
