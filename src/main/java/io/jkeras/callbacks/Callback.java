package io.jkeras.callbacks;

import io.jkeras.models.Model;

import java.util.Map;

/**
 * A hook into {@code fit}, {@code evaluate} and {@code predict}, as {@code keras.callbacks.Callback}.
 * Override the methods you need; all do nothing by default.
 *
 * <p>{@code logs} maps metric names to values: in {@code onTrainBatchEnd} the running epoch averages so
 * far ({@code "loss"}, {@code "accuracy"}); in {@code onEpochEnd} the epoch's results, with
 * {@code "val_"} entries when there is validation data. Epochs and batches count from 0.
 * {@link #params()} holds {@code "epochs"}, {@code "steps"} and {@code "verbose"}.
 *
 * <pre>{@code
 * model.fit(x, y, FitOptions.epochs(5).callbacks(new Callback() {
 *     public void onEpochEnd(int epoch, Map<String, Double> logs) {
 *         System.out.println("epoch " + epoch + " loss " + logs.get("loss"));
 *     }
 * }));
 * }</pre>
 */
public abstract class Callback {
    private Model model;
    private Map<String, Object> params = Map.of();

    /** Called by the training loop before training starts. */
    public void setModel(Model model) {
        this.model = model;
    }

    /** The model being trained. */
    public Model model() {
        return model;
    }

    /** Called by the training loop with {@code epochs}, {@code steps}, {@code verbose}. */
    public void setParams(Map<String, Object> params) {
        this.params = params;
    }

    /** The loop's parameters. */
    public Map<String, Object> params() {
        return params;
    }

    public void onTrainBegin(Map<String, Double> logs) {
    }

    public void onTrainEnd(Map<String, Double> logs) {
    }

    public void onEpochBegin(int epoch, Map<String, Double> logs) {
    }

    public void onEpochEnd(int epoch, Map<String, Double> logs) {
    }

    public void onTrainBatchBegin(int batch, Map<String, Double> logs) {
    }

    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
    }

    public void onTestBegin(Map<String, Double> logs) {
    }

    public void onTestEnd(Map<String, Double> logs) {
    }

    public void onTestBatchBegin(int batch, Map<String, Double> logs) {
    }

    public void onTestBatchEnd(int batch, Map<String, Double> logs) {
    }

    public void onPredictBegin(Map<String, Double> logs) {
    }

    public void onPredictEnd(Map<String, Double> logs) {
    }

    public void onPredictBatchBegin(int batch, Map<String, Double> logs) {
    }

    public void onPredictBatchEnd(int batch, Map<String, Double> logs) {
    }
}
