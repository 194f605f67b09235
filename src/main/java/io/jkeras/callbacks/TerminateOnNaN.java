package io.jkeras.callbacks;

import java.io.PrintStream;
import java.util.Map;

/**
 * Stops training as soon as a batch's loss is NaN or infinite, as Keras 3's
 * {@code keras.callbacks.TerminateOnNaN}. By default it prints {@code Batch 3: Invalid loss,
 * terminating training} and asks {@code fit} to stop after that batch (so {@code onTrainEnd} still
 * runs for every callback); with {@code raiseError(true)} it throws at once instead.
 *
 * <pre>{@code
 * jshell> model.fit(x, y, FitOptions.epochs(10).callbacks(new TerminateOnNaN()));
 * Batch 3: Invalid loss, terminating training
 * }</pre>
 */
public class TerminateOnNaN extends Callback {
    private boolean raiseError;
    private PrintStream out;

    /** Throw an {@link IllegalStateException} on an invalid loss instead of stopping gracefully. */
    public TerminateOnNaN raiseError(boolean raiseError) {
        this.raiseError = raiseError;
        return this;
    }

    /** Where the message goes (standard output by default). */
    public TerminateOnNaN out(PrintStream out) {
        this.out = out;
        return this;
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        Double loss = logs == null ? null : logs.get("loss");
        if (loss == null || Double.isFinite(loss)) return;
        if (raiseError) {
            throw new IllegalStateException("NaN or Inf loss encountered at batch " + batch + ". Loss value: "
                    + CallbackSupport.repr(loss) + ". Terminating training immediately.");
        }
        CallbackSupport.println(out, "Batch " + batch + ": Invalid loss, terminating training");
        model().setStopTraining(true);
    }
}
