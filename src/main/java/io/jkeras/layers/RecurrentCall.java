package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.regularizers.Regularizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

import static io.jkeras.layers.RecurrentOps.batchMajor;
import static io.jkeras.layers.RecurrentOps.mul;
import static io.jkeras.layers.RecurrentOps.timeMajor;
import static io.jkeras.layers.RecurrentOps.timeMajorMask;

/**
 * One call of a recurrent layer, as Keras's {@code RNN.call} with the TensorFlow backend's {@code rnn} loop:
 * initial states from the inputs, the stateful layer or zeros; dropout masks drawn once per sequence in
 * training; the sequence read backwards for {@code go_backwards} (the output sequence then stays in reading
 * order); the kernel's states turned into the outputs. With a mask, a masked step keeps the previous states;
 * its output is the previous step's output (zeros before the first unmasked step), or zeros with
 * {@code zero_output_for_mask}. Package-private.
 */
final class RecurrentCall {
    private final RecurrentBase<?> layer;
    private final List<INDArray> inputs;
    private final INDArray mask;
    private final boolean training;

    RecurrentCall(RecurrentBase<?> layer, List<INDArray> inputs, INDArray mask, boolean training) {
        this.layer = layer;
        this.inputs = inputs;
        this.mask = mask;
        this.training = training;
    }

    Forward run() {
        INDArray x = inputs.get(0);
        if (x.rank() != 3) {
            throw new IllegalArgumentException("Input 0 of layer \"" + layer.name() + "\" is incompatible with the layer: expected ndim=3, "
                    + "found ndim=" + x.rank() + ". Full shape received: " + Shape.ofArray(x.shape()).with(0, null));
        }
        long batch = x.size(0);
        long steps = x.size(1);
        if (steps == 0) throw LayerErrors.of(layer, "cannot run over a sequence of 0 timesteps. Received input with shape " + Shape.ofArray(x.shape()));
        boolean maskShapeOk = mask == null || ((mask.rank() == 2 || (mask.rank() == 3 && mask.size(2) == 1))
                && mask.size(0) == batch && mask.size(1) == steps);
        if (!maskShapeOk) {
            throw LayerErrors.of(layer, "the mask must have shape (batch, timesteps) = " + Shape.ofArray(new long[]{batch, steps})
                    + ", but received a mask with shape " + Shape.ofArray(mask.shape()));
        }
        boolean givenStates = inputs.size() > 1;
        if (givenStates && inputs.size() - 1 != layer.stateCount()) {
            throw new IllegalArgumentException("Layer \"" + layer.name() + "\" (" + layer.className() + ") expects " + layer.stateCount()
                    + " initial state(s), but it received " + (inputs.size() - 1) + " initial state tensor(s).");
        }
        INDArray[] initial = initialStates(batch, givenStates);
        int drop = layer.dropoutMaskCount();
        INDArray[] inputMasks = training ? dropoutMasks(layer.dropout, drop, batch, x.size(2), x) : null;
        INDArray[] recMasks = training ? dropoutMasks(layer.recurrentDropout, drop, batch, layer.stateSize(), x) : null;
        boolean back = layer.goBackwards;
        INDArray mt = mask == null ? null : timeMajorMask(mask, back, x);
        RecurrentKernel.Sequence seq = new RecurrentKernel.Sequence(timeMajor(x, back), mt, initial, inputMasks, recMasks, training);
        RecurrentKernel.Pass pass = layer.kernel().run(seq);

        // What the outputs show of the states: where the mask hides them, the previous output (or zeros).
        INDArray shown = mt == null ? null : layer.zeroOutputForMask ? mt : seen(mt);
        INDArray hsT = pass.states();
        List<INDArray> outs = new ArrayList<>();
        if (layer.returnSequences) {
            INDArray seqOut = hsT;
            if (shown != null) {
                seqOut = hsT.ulike();
                mul(hsT, shown, seqOut);
            }
            outs.add(batchMajor(seqOut, false));
        } else {
            INDArray last = pass.last()[0].dup();
            if (shown != null) mul(last, shown.slice(steps - 1), last);
            outs.add(last);
        }
        INDArray[] lastStates = pass.last();
        if (layer.returnState) for (INDArray s : lastStates) outs.add(s.dup());
        if (layer.stateful) for (int i = 0; i < lastStates.length; i++) layer.states[i].assign(lastStates[i]);
        if (!training) pass.release(); // everything read is copied: the kernel's buffers may serve the next call

        Regularizer activity = layer.activityRegularizer;
        double penalty = 0;
        if (activity != null) for (INDArray o : outs) penalty += activity.loss(o);
        Forward f = Forward.of(outs, grads -> backward(grads, outs, pass, shown, steps, givenStates, true));
        if (outs.size() == 1 && !givenStates) {
            // Fed by a model input during training, the call needs no d(loss)/d(x): skip that product.
            f = f.withWeightsOnlyBackward(g -> backward(List.of(g), outs, pass, shown, steps, false, false));
        }
        return activity == null ? f : f.withActivityLoss(penalty);
    }

    private List<INDArray> backward(List<INDArray> grads, List<INDArray> outs, RecurrentKernel.Pass pass, INDArray shown,
                                    long steps, boolean givenStates, boolean inputGrad) {
        Regularizer activity = layer.activityRegularizer;
        List<INDArray> g = new ArrayList<>(grads);
        if (activity != null) for (int i = 0; i < g.size(); i++) g.set(i, g.get(i).add(activity.gradient(outs.get(i))));
        INDArray dStates = null;
        int n = layer.stateCount();
        INDArray[] dLast = new INDArray[n];
        if (layer.returnSequences) {
            dStates = timeMajor(g.get(0), false);
            if (shown != null) mul(dStates, shown, dStates);
        } else {
            dLast[0] = shown == null ? g.get(0).dup() : g.get(0).mul(shown.slice(steps - 1));
        }
        if (layer.returnState) {
            for (int i = 0; i < n; i++) dLast[i] = dLast[i] == null ? g.get(1 + i) : dLast[i].addi(g.get(1 + i));
        }
        RecurrentKernel.Grads d = pass.backward(dStates, dLast, inputGrad);
        List<INDArray> out = new ArrayList<>();
        out.add(inputGrad ? batchMajor(d.dx(), layer.goBackwards) : null);
        if (givenStates) for (INDArray di : d.dInitial()) out.add(di);
        return out;
    }

    /** Keras's initial states: the given ones, a stateful layer's carried ones, or zeros. */
    private INDArray[] initialStates(long batch, boolean given) {
        int n = layer.stateCount();
        INDArray[] s = new INDArray[n];
        INDArray x = inputs.get(0);
        for (int i = 0; i < n; i++) {
            if (given) {
                INDArray st = layer.castInput(inputs.get(1 + i));
                if (st.rank() != 2 || st.size(0) != batch || st.size(1) != layer.stateSize()) {
                    throw new IllegalArgumentException("An `initial_state` was passed that is not compatible with `cell.state_size` of layer \""
                            + layer.name() + "\". Received `state_spec`=" + Shape.ofArray(st.shape()) + "; however `cell.state_size` is "
                            + layer.units + " (expected shape " + Shape.ofArray(new long[]{batch, layer.units}) + " for initial state " + i + ").");
                }
                s[i] = st;
            } else if (layer.stateful) {
                if (layer.states[i].size(0) != batch) {
                    throw LayerErrors.of(layer, "this stateful layer was built for batches of " + layer.states[i].size(0)
                            + " samples, but it received a batch of " + batch + ". Input shape: " + Shape.ofArray(x.shape())
                            + ". Call it with batches of that size (and shuffle=false in fit).");
                }
                s[i] = layer.states[i].dup(); // a copy: the layer's states change once this call has run
            } else {
                s[i] = Nd4j.zeros(x.dataType(), batch, layer.stateSize());
            }
        }
        return s;
    }

    /**
     * Keras's dropout masks of a cell, drawn once for the whole sequence: {@code count} masks {@code (B, size)} of
     * kept entries scaled by {@code 1 / (1 - rate)}, or {@code null} when the rate is 0 (or 1).
     */
    private INDArray[] dropoutMasks(double rate, int count, long batch, long size, INDArray like) {
        // Keras's cells drop only for 0 < rate < 1 (a rate of 1 would divide by 0).
        if (rate <= 0.0 || rate >= 1.0) return null;
        INDArray[] masks = new INDArray[count];
        for (int k = 0; k < count; k++) {
            INDArray m = Nd4j.createUninitialized(like.dataType(), batch, size);
            layer.random().fill(new BernoulliDistribution(m, 1 - rate));
            masks[k] = m.muli(1 / (1 - rate));
        }
        return masks;
    }

    /** 1 from the first unmasked step of each sequence on, 0 before it: where the output shows the state. */
    private static INDArray seen(INDArray maskT) {
        INDArray cum = maskT.cumsum(0);
        return cum.gt(0).castTo(maskT.dataType());
    }
}
