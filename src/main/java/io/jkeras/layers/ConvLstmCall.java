package io.jkeras.layers;

import io.jkeras.Shape;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One call of a {@link ConvLSTM}: checks the arrays, turns each step's feature map (and each state) into one
 * channels-last vector, runs the recurrent loop of {@link RecurrentCall} (masks, go_backwards, stateful,
 * dropout, initial states) with {@link ConvLstmKernel}, and gives the outputs and the input gradients back
 * their shapes. Package-private.
 */
final class ConvLstmCall {
    private final ConvLSTM<?> layer;
    private final List<INDArray> inputs;
    private final INDArray mask;
    private final boolean training;

    ConvLstmCall(ConvLSTM<?> layer, List<INDArray> inputs, INDArray mask, boolean training) {
        this.layer = layer;
        this.inputs = inputs;
        this.mask = mask;
        this.training = training;
    }

    Forward run() {
        INDArray x = inputs.get(0);
        int ndim = layer.rank + 3;
        if (x.rank() != ndim) {
            throw new IllegalArgumentException("Input 0 of layer \"" + layer.name() + "\" is incompatible with the layer: expected ndim="
                    + ndim + ", found ndim=" + x.rank() + ". Full shape received: " + Shape.ofArray(x.shape()).with(0, null));
        }
        ConvLstmGeometry g = layer.geometry;
        ConvLstmGeometry here = layer.geometryOf(Shape.ofArray(x.shape()));
        if (!g.sameInput(here)) {
            throw new IllegalArgumentException("Input 0 of layer \"" + layer.name() + "\" is incompatible with the layer: expected shape="
                    + g.inputShape(null) + ", found shape=" + Shape.ofArray(x.shape()));
        }
        long batch = x.size(0);
        long steps = x.size(1);
        List<INDArray> flat = new ArrayList<>();
        flat.add(toLast(x, 2).reshape('c', batch, steps, g.inputSize()));
        boolean given = inputs.size() > 1;
        for (int i = 1; i < inputs.size(); i++) {
            INDArray s = inputs.get(i);
            Shape expected = g.stateShape((int) batch);
            if (!Arrays.equals(s.shape(), expected.toLongArray(batch))) {
                throw new IllegalArgumentException("An `initial_state` was passed that is not compatible with `cell.state_size` of layer \""
                        + layer.name() + "\". Received `state_spec`=" + Shape.ofArray(s.shape()) + "; however the state must have shape "
                        + expected + " (initial state " + (i - 1) + ").");
            }
            flat.add(flattenState(layer, s));
        }
        Forward f = new RecurrentCall(layer, flat, mask, training).run();

        List<INDArray> outs = new ArrayList<>();
        List<INDArray> flatOuts = f.outputs();
        for (int i = 0; i < flatOuts.size(); i++) {
            boolean seq = i == 0 && layer.returnSequences;
            outs.add(unflatten(flatOuts.get(i), batch, seq ? steps : -1));
        }
        Forward out = Forward.of(outs, grads -> {
            List<INDArray> d = f.backward(flatGrads(grads, batch));
            List<INDArray> back = new ArrayList<>();
            INDArray dx = d.get(0);
            back.add(dx == null ? null : fromLast(dx.reshape('c', seqShape(batch, steps, layer.geometry.in(), layer.geometry.channels())), 2));
            for (int i = 1; i < d.size(); i++) back.add(unflattenState(layer, d.get(i)));
            return back;
        });
        if (outs.size() == 1 && !given) out = out.withWeightsOnlyBackward(gr -> f.backwardWeightsOnly(flatGrads(List.of(gr), batch)));
        return f.activityLoss() == 0 ? out : out.withActivityLoss(f.activityLoss());
    }

    private List<INDArray> flatGrads(List<INDArray> grads, long batch) {
        List<INDArray> flat = new ArrayList<>();
        for (int i = 0; i < grads.size(); i++) {
            INDArray gr = grads.get(i);
            boolean seq = i == 0 && layer.returnSequences;
            if (gr == null) {
                flat.add(null);
            } else if (seq) {
                flat.add(toLast(gr, 2).reshape('c', batch, gr.size(1), layer.geometry.stateSize()));
            } else {
                flat.add(flattenState(layer, gr));
            }
        }
        return flat;
    }

    /** Output flat {@code (B, n)} or {@code (B, T, n)} back to maps in the layer's data format. */
    private INDArray unflatten(INDArray o, long batch, long steps) {
        ConvLstmGeometry g = layer.geometry;
        if (steps < 0) return unflattenState(layer, o);
        return fromLast(o.reshape('c', seqShape(batch, steps, g.out(), g.filters())), 2);
    }

    /** {@code (B, T, *spatial, ch)}. */
    private static long[] seqShape(long batch, long steps, int[] spatial, int ch) {
        long[] last = lastLayout(spatial, ch);
        long[] shape = new long[last.length + 2];
        shape[0] = batch;
        shape[1] = steps;
        System.arraycopy(last, 0, shape, 2, last.length);
        return shape;
    }

    private static long[] lastLayout(int[] spatial, int ch) {
        long[] s = new long[spatial.length + 1];
        for (int i = 0; i < spatial.length; i++) s[i] = spatial[i];
        s[spatial.length] = ch;
        return s;
    }

    /** A state in the layer's data format as a flat channels-last {@code (B, n)}. */
    static INDArray flattenState(ConvLSTM<?> layer, INDArray s) {
        return toLast(s, 1, layer.channelsFirst).reshape('c', s.size(0), layer.geometry.stateSize());
    }

    /** A flat {@code (B, n)} state as a map in the layer's data format. */
    static INDArray unflattenState(ConvLSTM<?> layer, INDArray s) {
        ConvLstmGeometry g = layer.geometry;
        long[] last = lastLayout(g.out(), g.filters());
        long[] shape = new long[last.length + 1];
        shape[0] = s.size(0);
        System.arraycopy(last, 0, shape, 1, last.length);
        return fromLast(s.reshape('c', shape), 1, layer.channelsFirst);
    }

    private INDArray toLast(INDArray a, int channelAxis) {
        return toLast(a, channelAxis, layer.channelsFirst);
    }

    private INDArray fromLast(INDArray a, int channelAxis) {
        return fromLast(a, channelAxis, layer.channelsFirst);
    }

    /** Moves the channel axis of a channels-first array to the end (a copy); channels-last arrays pass as they are. */
    private static INDArray toLast(INDArray a, int channelAxis, boolean channelsFirst) {
        if (!channelsFirst) return a;
        int[] p = new int[a.rank()];
        int o = 0;
        for (int i = 0; i < a.rank(); i++) if (i != channelAxis) p[o++] = i;
        p[o] = channelAxis;
        return a.permute(p).dup('c');
    }

    /** Moves the last axis back to {@code channelAxis} for a channels-first layer (a copy). */
    private static INDArray fromLast(INDArray a, int channelAxis, boolean channelsFirst) {
        if (!channelsFirst) return a;
        int r = a.rank();
        int[] p = new int[r];
        int o = 0;
        for (int i = 0; i < r; i++) {
            if (i == channelAxis) p[i] = r - 1;
            else p[i] = o++;
        }
        return a.permute(p).dup('c');
    }
}
