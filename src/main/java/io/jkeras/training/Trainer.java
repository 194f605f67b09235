package io.jkeras.training;

import io.jkeras.callbacks.Callback;
import io.jkeras.callbacks.CallbackList;
import io.jkeras.callbacks.History;
import io.jkeras.callbacks.ProgbarLogger;
import io.jkeras.data.Batch;
import io.jkeras.data.BatchSource;
import io.jkeras.models.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code fit} and {@code evaluate} loops over batch sources. The loop is small; everything
 * optional (the progress bar, History, early stopping…) is a callback. Callback order is Keras's: the
 * user's callbacks, then History, then the progress bar (so it shows what the others added to the logs).
 */
public final class Trainer {
    private final Model model;
    private final Compiled compiled;

    /** A trainer for a compiled model. */
    public Trainer(Model model, Compiled compiled) {
        this.model = model;
        this.compiled = compiled;
    }

    /** Trains on {@code train}, validating on {@code val} (may be null) as the options say. */
    public History fit(BatchSource train, BatchSource val, FitOptions o) {
        History history = new History();
        List<Callback> cbs = new ArrayList<>(o.callbacks);
        cbs.add(history);
        if (o.verbose > 0) cbs.add(new ProgbarLogger());
        Integer steps = o.stepsPerEpoch != null ? o.stepsPerEpoch : train.steps();
        CallbackList callbacks = new CallbackList(cbs, model, CallbackList.params(o.epochs, steps, o.verbose));
        EpochLogs logs = new EpochLogs(model.outputNames(), compiled);
        model.setStopTraining(false);
        callbacks.onTrainBegin(new HashMap<>());
        Iterator<Batch> cycle = null;
        int start = initialEpoch(callbacks, o.initialEpoch);
        for (int epoch = start; epoch < o.epochs && !model.stopTraining(); epoch++) {
            logs.reset();
            callbacks.onEpochBegin(epoch, new HashMap<>());
            Iterator<Batch> it;
            if (o.stepsPerEpoch == null) {
                it = train.iterator();
            } else {
                if (cycle == null || !cycle.hasNext()) cycle = train.iterator();
                it = cycle;
            }
            for (int b = 0; (o.stepsPerEpoch == null || b < o.stepsPerEpoch) && !model.stopTraining(); b++) {
                if (!it.hasNext()) {
                    if (o.stepsPerEpoch == null) break;
                    it = cycle = train.iterator(); // cycle through the data for a fixed number of steps
                    if (!it.hasNext()) break;
                }
                Batch batch = it.next();
                callbacks.onTrainBatchBegin(b, new HashMap<>());
                Step.train(model, compiled, batch, weights(batch, o), logs);
                callbacks.onTrainBatchEnd(b, logs.results(""));
            }
            Map<String, Double> epochLogs = logs.results("");
            if (val != null && (epoch + 1) % o.validationFreq == 0) {
                epochLogs.putAll(evaluate(val, o.validationSteps, callbacks, "val_"));
            }
            callbacks.onEpochEnd(epoch, epochLogs);
        }
        callbacks.onTrainEnd(new HashMap<>());
        return history;
    }

    /** The first epoch: the option's, or later when a callback (BackupAndRestore) resumes a run. */
    private static int initialEpoch(CallbackList callbacks, int initial) {
        int start = initial;
        for (Callback c : callbacks.callbacks()) {
            if (c instanceof EpochResumer r) start = Math.max(start, r.resumeEpoch());
        }
        return start;
    }

    private static INDArray weights(Batch b, FitOptions o) {
        if (o.classWeight == null) return b.sampleWeight();
        return SampleWeights.of(o.classWeight, b.y().get(0), b.sampleWeight());
    }

    /** Evaluates over a source; returns {@code loss} and metrics with the given prefix. */
    public Map<String, Double> evaluate(BatchSource data, Integer steps, CallbackList callbacks, String prefix) {
        EpochLogs logs = new EpochLogs(model.outputNames(), compiled);
        callbacks.onTestBegin(new HashMap<>());
        int b = 0;
        for (Iterator<Batch> it = data.iterator(); it.hasNext() && (steps == null || b < steps); b++) {
            Batch batch = it.next();
            callbacks.onTestBatchBegin(b, new HashMap<>());
            Step.test(model, compiled, batch, batch.sampleWeight(), logs);
            callbacks.onTestBatchEnd(b, logs.results(""));
        }
        Map<String, Double> results = logs.results(prefix);
        callbacks.onTestEnd(logs.results(""));
        return results;
    }

    /** Trains on one batch (no callbacks); returns {@code loss} and metrics of that batch. */
    public Map<String, Double> trainOnBatch(Batch b, Map<Integer, Double> classWeight) {
        EpochLogs logs = new EpochLogs(model.outputNames(), compiled);
        INDArray sw = classWeight == null ? b.sampleWeight() : SampleWeights.of(classWeight, b.y().get(0), b.sampleWeight());
        Step.train(model, compiled, b, sw, logs);
        return logs.results("");
    }

    /** Evaluates one batch; returns {@code loss} and metrics of that batch. */
    public Map<String, Double> testOnBatch(Batch b) {
        EpochLogs logs = new EpochLogs(model.outputNames(), compiled);
        Step.test(model, compiled, b, b.sampleWeight(), logs);
        return logs.results("");
    }
}
