package io.jkeras.training;

import io.jkeras.metrics.Metric;
import io.jkeras.metrics.Metrics;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The running results of one epoch (or one evaluation), as Keras's stateful trackers: the total loss and,
 * for several outputs, each output's loss as means weighted by batch size, and each metric's state over
 * every batch so far. Names follow Keras: {@code loss}, {@code dense_1_loss}, {@code accuracy} (one
 * output) or {@code dense_1_accuracy} (several).
 */
final class EpochLogs {
    private final List<String> outputNames;
    private final Compiled compiled;
    private List<List<Metric>> metrics;
    private double lossSum;
    private double count;
    private final double[] outputLossSums;

    EpochLogs(List<String> outputNames, Compiled compiled) {
        this.outputNames = outputNames;
        this.compiled = compiled;
        this.outputLossSums = new double[outputNames.size()];
    }

    /** Starts a new epoch: every mean and metric back to empty. */
    void reset() {
        lossSum = 0;
        count = 0;
        java.util.Arrays.fill(outputLossSums, 0);
        if (metrics != null) for (List<Metric> ms : metrics) for (Metric m : ms) m.resetState();
    }

    /**
     * Adds one batch: its total loss, each output's loss, and the metrics on its predictions (with each output's
     * mask where it has one; {@code masks} is null when none has).
     */
    void update(double loss, double[] outputLosses, List<INDArray> yTrue, List<INDArray> yPred, INDArray sampleWeight,
                List<INDArray> masks) {
        long n = yPred.get(0).size(0);
        lossSum += loss * n;
        count += n;
        for (int i = 0; i < outputLossSums.length; i++) outputLossSums[i] += outputLosses[i] * n;
        if (metrics == null) metrics = build(yTrue, yPred);
        for (int i = 0; i < metrics.size(); i++) {
            INDArray mask = masks == null ? null : masks.get(i);
            for (Metric m : metrics.get(i)) {
                if (mask == null) m.updateState(yTrue.get(i), yPred.get(i), sampleWeight);
                else m.updateState(yTrue.get(i), yPred.get(i), sampleWeight, mask);
            }
        }
    }

    /** Resolves the metric specs on the first batch, from its shapes, as Keras does ("accuracy" depends on them). */
    private List<List<Metric>> build(List<INDArray> yTrue, List<INDArray> yPred) {
        List<List<Metric>> out = new ArrayList<>();
        for (int i = 0; i < outputNames.size(); i++) {
            List<Metric> ms = new ArrayList<>();
            for (Object spec : compiled.metrics().get(i)) ms.add(Metrics.resolve(spec, yTrue.get(i).shape(), yPred.get(i).shape()));
            out.add(ms);
        }
        return out;
    }

    /** The results so far, prefixed (e.g. {@code "val_"}), in Keras's order: losses, then metrics. */
    Map<String, Double> results(String prefix) {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put(prefix + "loss", count == 0 ? 0.0 : lossSum / count);
        boolean several = outputNames.size() > 1;
        if (several) {
            for (int i = 0; i < outputNames.size(); i++) {
                if (compiled.losses().get(i) != null) logs.put(prefix + outputNames.get(i) + "_loss", outputLossSums[i] / Math.max(count, 1));
            }
        }
        if (metrics != null) {
            for (int i = 0; i < metrics.size(); i++) {
                for (Metric m : metrics.get(i)) {
                    logs.put(prefix + (several ? outputNames.get(i) + "_" : "") + m.name(), m.result());
                }
            }
        }
        return logs;
    }
}
