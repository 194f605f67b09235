package io.jkeras.callbacks;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * Stops training when a monitored quantity has stopped improving, as Keras 3's
 * {@code keras.callbacks.EarlyStopping}. At the end of each epoch the value of {@code monitor} is
 * compared with the best so far; after {@code patience} epochs without an improvement larger than
 * {@code minDelta}, it asks {@code fit} to stop ({@link io.jkeras.models.Model#setStopTraining}).
 *
 * <p>Options (Keras's defaults): {@code monitor} "val_loss", {@code minDelta} 0, {@code patience} 0,
 * {@code verbose} 0, {@code mode} "auto" (the direction follows the metric: losses and errors down,
 * accuracies and scores up), {@code baseline} none (the wait only restarts on beating it too),
 * {@code restoreBestWeights} false (when true, the best epoch's weights are put back at the end of
 * training, whether it stopped early or ran all its epochs), {@code startFromEpoch} 0 (warm-up epochs
 * not monitored). With {@code verbose(1)} it prints {@code Epoch 5: early stopping} and
 * {@code Restoring model weights from the end of the best epoch: 3.}
 *
 * <pre>{@code
 * jshell> var stop = new EarlyStopping().monitor("val_loss").patience(3).restoreBestWeights(true);
 * jshell> History h = model.fit(x, y, FitOptions.epochs(100).validationSplit(0.2).callbacks(stop));
 * jshell> stop.stoppedEpoch()
 * $3 ==> 11
 * }</pre>
 */
public class EarlyStopping extends Callback {
    private static final Logger LOG = LoggerFactory.getLogger(EarlyStopping.class);

    private String monitor = "val_loss";
    private double minDelta;
    private int patience;
    private int verbose;
    private String mode = "auto";
    private Double baseline;
    private boolean restoreBestWeights;
    private int startFromEpoch;
    private PrintStream out;

    /** +1 to maximize, -1 to minimize; 0 until the first epoch end (Keras waits for the metrics to exist). */
    private int direction;
    private int wait;
    private int stoppedEpoch;
    private Double best;
    private int bestEpoch;
    private List<INDArray> bestWeights;
    private boolean warnedMissing;

    /** The quantity to watch, a key of the epoch logs ({@code "val_loss"}, {@code "val_accuracy"}). */
    public EarlyStopping monitor(String monitor) {
        this.monitor = monitor;
        return this;
    }

    /** The smallest change that counts as an improvement (its absolute value is used). */
    public EarlyStopping minDelta(double minDelta) {
        this.minDelta = Math.abs(minDelta);
        return this;
    }

    /** Epochs without improvement after which training stops. */
    public EarlyStopping patience(int patience) {
        this.patience = patience;
        return this;
    }

    /** 0 silent, 1 prints when it stops and when it restores weights. */
    public EarlyStopping verbose(int verbose) {
        this.verbose = verbose;
        return this;
    }

    /** "min", "max" or "auto"; anything else warns and falls back to "auto", as Keras. */
    public EarlyStopping mode(String mode) {
        if (!List.of("auto", "min", "max").contains(mode)) {
            LOG.warn("EarlyStopping mode {} is unknown, fallback to auto mode.", mode);
            mode = "auto";
        }
        this.mode = mode;
        return this;
    }

    /** A value the quantity must beat; until it does, the patience keeps running out. */
    public EarlyStopping baseline(Double baseline) {
        this.baseline = baseline;
        return this;
    }

    /** Puts back the weights of the best epoch when training ends. */
    public EarlyStopping restoreBestWeights(boolean restore) {
        this.restoreBestWeights = restore;
        return this;
    }

    /** Epochs to let pass before monitoring starts (a warm-up with no improvement expected). */
    public EarlyStopping startFromEpoch(int epoch) {
        this.startFromEpoch = epoch;
        return this;
    }

    /** Where the verbose messages go (standard output by default). */
    public EarlyStopping out(PrintStream out) {
        this.out = out;
        return this;
    }

    /** The epoch (from 0) at which training was stopped, 0 if it was not. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** The epoch (from 0) with the best monitored value. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** The best monitored value so far, or {@code null} before the first monitored epoch. */
    public Double best() {
        return best;
    }

    /** Epochs since the last improvement (Keras's {@code wait}). */
    public int waitCount() {
        return wait;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        // Reset so that one instance can serve several fits, as Keras.
        wait = 0;
        stoppedEpoch = 0;
        best = null;
        bestWeights = null;
        bestEpoch = 0;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (direction == 0) direction = resolveDirection();
        Double current = logs == null ? null : logs.get(monitor);
        if (current == null) {
            warnMissing(logs);
            return;
        }
        if (epoch < startFromEpoch) return;
        if (restoreBestWeights && bestWeights == null) {
            // The first monitored epoch is the best one until another beats it.
            bestWeights = model().getWeights();
            bestEpoch = epoch;
        }
        wait++;
        if (isImprovement(current, best)) {
            best = current;
            bestEpoch = epoch;
            if (restoreBestWeights) bestWeights = model().getWeights();
            // Only restart the wait when the value beats the baseline as well as the previous best.
            if (baseline == null || isImprovement(current, baseline)) wait = 0;
            return;
        }
        if (wait >= patience && epoch > 0) {
            stoppedEpoch = epoch;
            model().setStopTraining(true);
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        if (stoppedEpoch > 0 && verbose > 0) {
            CallbackSupport.println(out, "Epoch " + (stoppedEpoch + 1) + ": early stopping");
        }
        if (restoreBestWeights && bestWeights != null) {
            if (verbose > 0) {
                CallbackSupport.println(out, "Restoring model weights from the end of the best epoch: " + (bestEpoch + 1) + ".");
            }
            model().setWeights(bestWeights);
        }
    }

    /** Keras compares {@code value - minDelta} with the reference, {@code minDelta} signed by the direction. */
    private boolean isImprovement(double value, Double reference) {
        if (reference == null) return true;
        return direction > 0 ? value - minDelta > reference : value + minDelta < reference;
    }

    private int resolveDirection() {
        if (mode.equals("min")) return -1;
        if (mode.equals("max")) return 1;
        Boolean max = MetricDirection.maximize(monitor, model());
        if (max == null) {
            throw new IllegalArgumentException("EarlyStopping callback received monitor=" + monitor + " but jkeras isn't "
                    + "able to automatically determine whether that metric should be maximized or minimized. Pass "
                    + "mode(\"max\") in order to do early stopping based on the highest metric value, or pass "
                    + "mode(\"min\") in order to use the lowest value.");
        }
        return max ? 1 : -1;
    }

    private void warnMissing(Map<String, Double> logs) {
        // Python's warnings module shows a given warning once; so does this.
        if (warnedMissing) return;
        warnedMissing = true;
        LOG.warn("Early stopping conditioned on metric `{}` which is not available. Available metrics are: {}",
                monitor, logs == null ? "" : String.join(",", logs.keySet()));
    }
}
