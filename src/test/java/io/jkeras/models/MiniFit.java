package io.jkeras.models;

import io.jkeras.Variable;
import io.jkeras.callbacks.BackupAndRestore;
import io.jkeras.callbacks.Callback;
import io.jkeras.callbacks.CallbackList;
import io.jkeras.layers.Forward;
import io.jkeras.losses.LossResult;
import io.jkeras.losses.MeanSquaredError;
import io.jkeras.optimizers.Optimizer;
import io.jkeras.training.Compiled;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * A stand-in for {@code fit} until the training loop lands on main: real forward and backward passes, MSE,
 * the optimizer, the callback hooks in Keras's order, and what {@code fit} must do for BackupAndRestore
 * (resume at {@link BackupAndRestore#initialEpochOverride()}). Lives in the models package to set
 * {@code Model.compiled}.
 */
public final class MiniFit {
    private MiniFit() {
    }

    /** Attaches an optimizer as {@code compile} would. */
    public static void compile(Model m, Optimizer opt) {
        m.compiled = new Compiled(opt, List.of(new MeanSquaredError()), List.of(1.0), List.of(List.of()));
    }

    /**
     * Trains full epochs of batches of {@code batch} rows; returns the epochs actually run. {@code interrupt}
     * throws at the start of the epochs it accepts, as a crash would. Logs hold {@code loss} and a
     * {@code val_loss} on {@code (xVal, yVal)}.
     */
    public static List<Integer> fit(Model m, INDArray x, INDArray y, INDArray xVal, INDArray yVal, int epochs, int batch,
                                    List<Callback> callbacks, IntPredicate interrupt) {
        CallbackList cbs = new CallbackList(callbacks, m, Map.of("epochs", epochs, "steps", (int) (x.size(0) / batch), "verbose", 0));
        m.setStopTraining(false);
        cbs.onTrainBegin(new LinkedHashMap<>());
        int start = 0;
        for (Callback c : callbacks) {
            if (c instanceof BackupAndRestore b && b.initialEpochOverride() != null) start = b.initialEpochOverride();
        }
        List<Integer> ran = new java.util.ArrayList<>();
        MeanSquaredError mse = new MeanSquaredError();
        for (int epoch = start; epoch < epochs; epoch++) {
            if (interrupt.test(epoch)) throw new IllegalStateException("Interrupting at epoch " + epoch);
            cbs.onEpochBegin(epoch, new LinkedHashMap<>());
            double sum = 0;
            int steps = (int) (x.size(0) / batch);
            for (int s = 0; s < steps; s++) {
                cbs.onTrainBatchBegin(s, new LinkedHashMap<>());
                INDArray xb = x.get(NDArrayIndex.interval(s * batch, (s + 1) * batch), NDArrayIndex.all());
                INDArray yb = y.get(NDArrayIndex.interval(s * batch, (s + 1) * batch), NDArrayIndex.all());
                for (Variable v : m.trainableWeights()) v.zeroGrad();
                Forward f = m.forward(List.of(xb), true);
                LossResult r = mse.compute(yb, f.output());
                f.backward(r.gradient());
                m.optimizer().apply(m.trainableWeights());
                sum += r.value();
                Map<String, Double> logs = new LinkedHashMap<>();
                logs.put("loss", sum / (s + 1));
                cbs.onTrainBatchEnd(s, logs);
            }
            Map<String, Double> logs = new LinkedHashMap<>();
            logs.put("loss", sum / steps);
            logs.put("val_loss", mse.call(yVal, m.predict(xVal)));
            cbs.onEpochEnd(epoch, logs);
            ran.add(epoch);
            if (m.stopTraining()) break;
        }
        cbs.onTrainEnd(new LinkedHashMap<>());
        return ran;
    }
}
