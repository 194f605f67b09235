package io.jkeras.training;

import io.jkeras.Variable;
import io.jkeras.data.Batch;
import io.jkeras.graph.Executor;
import io.jkeras.graph.Tape;
import io.jkeras.losses.CategoricalCrossentropy;
import io.jkeras.losses.Loss;
import io.jkeras.losses.LossResult;
import io.jkeras.losses.SparseCategoricalCrossentropy;
import io.jkeras.models.Model;
import io.jkeras.utils.Workspaces;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * One batch through a compiled model: the training step (forward in training mode → each output's loss
 * and its gradient → backward → regularizer gradients → optimizer update, which also clips and applies
 * constraints) and the test step (forward in inference mode → losses). Where an output ends in a
 * softmax and its loss is a (sparse) categorical crossentropy on probabilities, the gradient enters at
 * the logits in the stable fused form {@code (softmax - target) / n}. An output that carries a mask (Keras's
 * {@code _keras_mask}: a sequence after {@code Embedding(mask_zero=True)}) has it applied to its loss and
 * metrics as Keras 3 does; without masks nothing extra runs.
 */
final class Step {
    private Step() {
    }

    /**
     * Trains on one batch and adds it to {@code logs}. Every temporary lives in the step's workspace (see
     * {@link Workspaces}): nothing but numbers and in-place updates leaves this method.
     */
    static void train(Model model, Compiled c, Batch b, INDArray sampleWeight, EpochLogs logs) {
        try (Workspaces.Scope ignored = Workspaces.open("jkeras_train_step")) {
            trainInScope(model, c, b, sampleWeight, logs);
        }
    }

    private static void trainInScope(Model model, Compiled c, Batch b, INDArray sampleWeight, EpochLogs logs) {
        List<Variable> trainable = model.trainableWeights();
        for (Variable v : trainable) v.zeroGrad();
        Tape tape = Executor.record(model.topology(), cast(model, b.x()), true);
        List<INDArray> outs = tape.outputs();
        List<INDArray> masks = tape.outputMasks(); // null unless an output carries a mask
        int n = outs.size();
        List<INDArray> grads = new ArrayList<>(n);
        boolean[] wrtLogits = new boolean[n];
        double[] outputLosses = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            Loss loss = c.losses().get(i);
            if (loss == null) {
                grads.add(null);
                continue;
            }
            INDArray logits = tape.softmaxLogits(i);
            INDArray mask = masks == null ? null : masks.get(i);
            LossResult r;
            if (logits != null && fusable(loss)) {
                r = fused(loss, b.y().get(i), logits, sampleWeight, mask);
                wrtLogits[i] = true;
            } else {
                r = loss.compute(b.y().get(i), outs.get(i), sampleWeight, mask);
            }
            double w = c.lossWeights().get(i);
            outputLosses[i] = r.value();
            total += w * r.value();
            grads.add(w == 1.0 ? r.gradient() : r.gradient().mul(w));
        }
        tape.backward(grads, wrtLogits, false); // no gradient for the data itself
        total += tape.activityLoss() + model.regularizationLoss();
        model.addRegularizationGradients();
        c.optimizer().apply(trainable);
        logs.update(total, outputLosses, b.y(), outs, sampleWeight, masks);
    }

    /** Evaluates one batch (inference mode, no updates) and adds it to {@code logs}; temporaries as in {@link #train}. */
    static void test(Model model, Compiled c, Batch b, INDArray sampleWeight, EpochLogs logs) {
        try (Workspaces.Scope ignored = Workspaces.open("jkeras_test_step")) {
            testInScope(model, c, b, sampleWeight, logs);
        }
    }

    private static void testInScope(Model model, Compiled c, Batch b, INDArray sampleWeight, EpochLogs logs) {
        io.jkeras.layers.Forward f = model.forward(cast(model, b.x()), false);
        List<INDArray> outs = f.outputs();
        List<INDArray> masks = f.masks();
        double[] outputLosses = new double[outs.size()];
        double total = 0;
        for (int i = 0; i < outs.size(); i++) {
            Loss loss = c.losses().get(i);
            if (loss == null) continue;
            outputLosses[i] = loss.call(b.y().get(i), outs.get(i), sampleWeight, masks == null ? null : masks.get(i));
            total += c.lossWeights().get(i) * outputLosses[i];
        }
        total += f.activityLoss() + model.regularizationLoss();
        logs.update(total, outputLosses, b.y(), outs, sampleWeight, masks);
    }

    private static boolean fusable(Loss loss) {
        return (loss instanceof SparseCategoricalCrossentropy s && !s.fromLogits())
                || (loss instanceof CategoricalCrossentropy cc && !cc.fromLogits());
    }

    private static LossResult fused(Loss loss, INDArray yTrue, INDArray logits, INDArray sw, INDArray mask) {
        if (loss instanceof SparseCategoricalCrossentropy s) return s.computeFromSoftmaxLogits(yTrue, logits, sw, mask);
        return ((CategoricalCrossentropy) loss).computeFromSoftmaxLogits(yTrue, logits, sw, mask);
    }

    static List<INDArray> cast(Model model, List<INDArray> xs) {
        List<INDArray> out = new ArrayList<>(xs.size());
        for (INDArray x : xs) out.add(model.castInput(x));
        return out;
    }
}
