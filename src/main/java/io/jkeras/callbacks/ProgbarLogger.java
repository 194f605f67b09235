package io.jkeras.callbacks;

import io.jkeras.utils.Progbar;

import java.io.PrintStream;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Prints training progress as tf.keras 2 does: {@code Epoch 1/5} before each epoch (when there is
 * more than one), then a {@link Progbar} per epoch that ends with the epoch's results, {@code val_}
 * entries included:
 * <pre>
 * Epoch 1/5
 * 422/422 [==============================] - 4s 10ms/step - loss: 0.2616 - accuracy: 0.9233 - val_loss: 0.0875 - val_accuracy: 0.9723
 * </pre>
 * The verbosity comes from the loop's {@code "verbose"} param: 1 redraws the bar after each batch,
 * 2 prints one line per epoch ({@code 422/422 - 4s - loss: 0.2616 - 4s/epoch - 10ms/step}), 0 prints
 * nothing. Inside {@code fit} the validation pass is silent; {@code evaluate} and {@code predict} get
 * a bar of their own. When the number of steps is unknown the first epoch counts them.
 *
 * <p>jkeras's logs already hold the running epoch averages, so every value is shown as given (the
 * Progbar's stateful metrics), as tf.keras 2 does for its compiled metrics.
 *
 * <pre>{@code
 * jshell> model.fit(x, y, FitOptions.epochs(5).verbose(1));   // fit adds a ProgbarLogger itself
 * }</pre>
 */
public class ProgbarLogger extends Callback {
    private final PrintStream out;
    private final LongSupplier nanoClock;
    private Boolean dynamic;

    private Progbar progbar;
    private int seen;
    private Integer target;
    private int verbose = 1;
    private int epochs = 1;
    private boolean calledInFit;

    /** A logger on standard output. */
    public ProgbarLogger() {
        this(System.out, System::nanoTime);
    }

    /** A logger that prints to {@code out} and times with {@code nanoClock} (for exact, repeatable output in tests). */
    public ProgbarLogger(PrintStream out, LongSupplier nanoClock) {
        this.out = out;
        this.nanoClock = nanoClock;
    }

    /** Forces in-place redrawing on or off (by default: on when the JVM has a console). */
    public ProgbarLogger dynamicDisplay(boolean dynamic) {
        this.dynamic = dynamic;
        return this;
    }

    @Override
    public void setParams(Map<String, Object> params) {
        super.setParams(params);
        Integer v = CallbackSupport.intParam(params, "verbose");
        Integer e = CallbackSupport.intParam(params, "epochs");
        verbose = v == null ? 1 : v;
        epochs = e == null ? 1 : e;
        target = CallbackSupport.intParam(params, "steps");
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        // Validation inside fit is silent: the epoch line shows its results.
        calledInFit = true;
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        // Keras builds a fresh logger for each call; one instance reused for a later evaluate must speak again.
        calledInFit = false;
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        resetProgbar();
        if (verbose != 0 && epochs > 1) {
            out.println("Epoch " + (epoch + 1) + "/" + epochs);
            out.flush();
        }
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        updateProgbar(batch, logs);
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        finalizeProgbar(logs);
    }

    @Override
    public void onTestBegin(Map<String, Double> logs) {
        if (!calledInFit) resetProgbar();
    }

    @Override
    public void onTestBatchEnd(int batch, Map<String, Double> logs) {
        if (!calledInFit) updateProgbar(batch, logs);
    }

    @Override
    public void onTestEnd(Map<String, Double> logs) {
        if (!calledInFit) finalizeProgbar(logs);
    }

    @Override
    public void onPredictBegin(Map<String, Double> logs) {
        resetProgbar();
    }

    @Override
    public void onPredictBatchEnd(int batch, Map<String, Double> logs) {
        // Predictions are not numbers to show: only the bar moves.
        updateProgbar(batch, null);
    }

    @Override
    public void onPredictEnd(Map<String, Double> logs) {
        finalizeProgbar(null);
    }

    /** A new bar; made at the start of the epoch (not at its first batch) so its clock includes that batch. */
    private void resetProgbar() {
        seen = 0;
        progbar = null;
        progbar();
    }

    private Progbar progbar() {
        if (progbar == null) {
            progbar = new Progbar(target, out, nanoClock).verbose(verbose).unitName("step");
            if (dynamic != null) progbar.dynamicDisplay(dynamic);
        }
        return progbar;
    }

    private void updateProgbar(int batch, Map<String, Double> logs) {
        Progbar bar = progbar();
        seen = batch + 1;
        if (verbose == 1) {
            if (logs != null) bar.statefulMetrics(logs.keySet());
            bar.update(seen, logs, false);
        }
    }

    private void finalizeProgbar(Map<String, Double> logs) {
        Progbar bar = progbar();
        if (target == null) {
            // A source of unknown length: its first epoch tells how many steps there are.
            target = seen;
            bar.target(target);
        }
        if (logs != null) bar.statefulMetrics(logs.keySet());
        bar.update(target, logs, true);
    }
}
