package io.jkeras.callbacks;

import io.jkeras.models.Model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The callbacks of one {@code fit}/{@code evaluate}/{@code predict} call, dispatched in order, as
 * Keras's {@code CallbackList}. The training loop talks only to this.
 */
public final class CallbackList {
    private final List<Callback> callbacks = new ArrayList<>();

    /** The given callbacks, attached to {@code model} with {@code params}. */
    public CallbackList(List<Callback> cbs, Model model, Map<String, Object> params) {
        callbacks.addAll(cbs);
        for (Callback c : callbacks) {
            c.setModel(model);
            c.setParams(params);
        }
    }

    /** The loop parameters callbacks read: {@code epochs}, {@code steps} (null if unknown), {@code verbose}. */
    public static Map<String, Object> params(int epochs, Integer steps, int verbose) {
        Map<String, Object> p = new HashMap<>(); // not Map.of: steps may be null
        p.put("epochs", epochs);
        p.put("steps", steps);
        p.put("verbose", verbose);
        return p;
    }

    /** The callbacks, in dispatch order. */
    public List<Callback> callbacks() {
        return callbacks;
    }

    private void each(Consumer<Callback> f) {
        for (Callback c : callbacks) f.accept(c);
    }

    public void onTrainBegin(Map<String, Double> logs) {
        each(c -> c.onTrainBegin(logs));
    }

    public void onTrainEnd(Map<String, Double> logs) {
        each(c -> c.onTrainEnd(logs));
    }

    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        each(c -> c.onEpochBegin(epoch, logs));
    }

    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        each(c -> c.onEpochEnd(epoch, logs));
    }

    public void onTrainBatchBegin(int batch, Map<String, Double> logs) {
        each(c -> c.onTrainBatchBegin(batch, logs));
    }

    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        each(c -> c.onTrainBatchEnd(batch, logs));
    }

    public void onTestBegin(Map<String, Double> logs) {
        each(c -> c.onTestBegin(logs));
    }

    public void onTestEnd(Map<String, Double> logs) {
        each(c -> c.onTestEnd(logs));
    }

    public void onTestBatchBegin(int batch, Map<String, Double> logs) {
        each(c -> c.onTestBatchBegin(batch, logs));
    }

    public void onTestBatchEnd(int batch, Map<String, Double> logs) {
        each(c -> c.onTestBatchEnd(batch, logs));
    }

    public void onPredictBegin(Map<String, Double> logs) {
        each(c -> c.onPredictBegin(logs));
    }

    public void onPredictEnd(Map<String, Double> logs) {
        each(c -> c.onPredictEnd(logs));
    }

    public void onPredictBatchBegin(int batch, Map<String, Double> logs) {
        each(c -> c.onPredictBatchBegin(batch, logs));
    }

    public void onPredictBatchEnd(int batch, Map<String, Double> logs) {
        each(c -> c.onPredictBatchEnd(batch, logs));
    }
}
