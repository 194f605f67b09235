package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.Variable;
import io.jkeras.saving.Config;
import io.jkeras.saving.LayerSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Reverse;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a recurrent layer over a sequence in both directions and merges the two results, as
 * {@code keras.layers.Bidirectional}.
 *
 * <p>The forward layer is a copy of {@code layer} named {@code forward_<name>}; the backward layer is a copy with
 * {@code go_backwards} flipped named {@code backward_<name>}, or the given {@link #backwardLayer(RecurrentBase)}.
 * Input {@code (batch, steps, features)}; with {@code return_sequences} the backward output is reversed along time
 * so that step t of both halves lines up. {@code merge_mode}: {@code "concat"} (default, last axis
 * {@code 2 * units}), {@code "sum"}, {@code "mul"}, {@code "ave"}, or {@code null} (two outputs). With
 * {@code return_state} the outputs are {@code [merged, forward states..., backward states...]}. The mask goes to
 * both layers. Weights: the forward layer's, then the backward layer's.
 *
 * <pre>{@code
 * jshell> new Bidirectional(new LSTM(4).returnSequences(true)).apply(Input.shape(10, 3)).shape()
 * $1 ==> (None, 10, 8)
 * }</pre>
 */
public class Bidirectional extends Layer {
    private static final List<String> MODES = List.of("sum", "mul", "ave", "concat");

    private final String mergeMode;
    private RecurrentBase<?> forwardLayer;
    private RecurrentBase<?> backwardLayer;

    /** @param layer the recurrent layer to run both ways; merge mode "concat" */
    public Bidirectional(RecurrentBase<?> layer) {
        this(layer, "concat");
    }

    /**
     * @param layer     the recurrent layer to run both ways (it is copied through its config, as Keras does)
     * @param mergeMode "sum", "mul", "concat", "ave" or null (two outputs)
     */
    public Bidirectional(RecurrentBase<?> layer, String mergeMode) {
        if (layer == null) {
            throw new IllegalArgumentException("Please initialize `Bidirectional` layer with a `keras.layers.Layer` instance. Received: null");
        }
        if (mergeMode != null && !MODES.contains(mergeMode)) {
            throw new IllegalArgumentException("Invalid merge mode. Received: " + mergeMode
                    + ". Merge mode should be one of {\"sum\", \"mul\", \"ave\", \"concat\", None}");
        }
        this.mergeMode = mergeMode;
        // Keras 3 rebuilds both from the layer's config, so neither carries the original's weights or state, and
        // makes the copy read backwards (go_backwards=True, not "flipped": a backwards `layer` is then refused).
        this.forwardLayer = copy(layer, "forward_", layer.goBackwards);
        this.backwardLayer = copy(layer, "backward_", true);
        verify(forwardLayer, backwardLayer);
        zeroOutputsForMask();
    }

    /** Keras forces {@code zero_output_for_mask = return_sequences} on both layers: masked steps give zeros. */
    private void zeroOutputsForMask() {
        forwardLayer.zeroOutputForMask(forwardLayer.isReturnSequences());
        backwardLayer.zeroOutputForMask(backwardLayer.isReturnSequences());
    }

    /** A fresh layer from {@code layer}'s config (no weights, no state), renamed and with the given direction. */
    @SuppressWarnings("unchecked")
    private static RecurrentBase<?> copy(RecurrentBase<?> layer, String prefix, boolean goBackwards) {
        Map<String, Object> ser = new LinkedHashMap<>(LayerSerializer.serialize(layer));
        Map<String, Object> cfg = new LinkedHashMap<>((Map<String, Object>) ser.get("config"));
        String name = layer.name();
        cfg.put("name", prefix + (name.startsWith(prefix) ? name.substring(prefix.length()) : name));
        cfg.put("go_backwards", goBackwards);
        ser.put("config", cfg);
        return (RecurrentBase<?>) LayerSerializer.deserialize(ser);
    }

    /**
     * Uses {@code layer} as the backward layer instead of a copy of the forward one (Keras's {@code backward_layer}).
     * It must return sequences and states as the forward layer does, and run in the other direction.
     */
    public Bidirectional backwardLayer(RecurrentBase<?> layer) {
        requireNotBuilt("backward_layer");
        if (layer == null) throw new IllegalArgumentException("`backward_layer` need to be a `keras.layers.Layer` instance. Received: null");
        verify(forwardLayer, layer);
        this.backwardLayer = layer;
        zeroOutputsForMask();
        return this;
    }

    /** Keras's {@code _verify_layer_config}: opposite directions, the same stateful / return_sequences / return_state. */
    private static void verify(RecurrentBase<?> forwardLayer, RecurrentBase<?> layer) {
        if (layer.goBackwards == forwardLayer.goBackwards) {
            throw new IllegalArgumentException("Forward layer and backward layer should have different `go_backwards` value. Received: "
                    + "forward_layer.go_backwards " + pyBool(forwardLayer.goBackwards) + ", backward_layer.go_backwards="
                    + pyBool(layer.goBackwards));
        }
        for (String a : List.of("stateful", "return_sequences", "return_state")) {
            Object f = forwardLayer.getConfig().get(a), b = layer.getConfig().get(a);
            if (!java.util.Objects.equals(f, b)) {
                throw new IllegalArgumentException("Forward layer and backward layer are expected to have the same value for attribute \""
                        + a + "\", got \"" + pyBool(f) + "\" for forward layer and \"" + pyBool(b) + "\" for backward layer");
            }
        }
    }

    private static String pyBool(Object o) {
        return Boolean.TRUE.equals(o) ? "True" : Boolean.FALSE.equals(o) ? "False" : String.valueOf(o);
    }

    /** The layer that reads the sequence in its own direction. */
    public RecurrentBase<?> forwardLayer() {
        return forwardLayer;
    }

    /** The layer that reads the sequence in the other direction. */
    public RecurrentBase<?> backwardLayer() {
        return backwardLayer;
    }

    /** "concat", "sum", "mul", "ave", or null. */
    public String mergeMode() {
        return mergeMode;
    }

    private boolean returnSequences() {
        return forwardLayer.isReturnSequences();
    }

    private boolean returnState() {
        return forwardLayer.isReturnState();
    }

    // ------------------------------------------------------------------ shapes

    @Override
    protected int expectedInputCount() {
        return 1;
    }

    @Override
    protected void checkInputs(List<Shape> shapes) {
        super.checkInputs(shapes);
        forwardLayer.checkInputs(shapes);
        backwardLayer.checkInputs(shapes);
    }

    @Override
    protected void build(List<Shape> inputShapes) {
        forwardLayer.ensureBuilt(inputShapes);
        backwardLayer.ensureBuilt(inputShapes);
    }

    @Override
    public List<Shape> computeOutputShape(List<Shape> inputShapes) {
        List<Shape> f = forwardLayer.computeOutputShape(inputShapes);
        List<Shape> b = backwardLayer.computeOutputShape(inputShapes);
        List<Shape> out = new ArrayList<>();
        Shape y = f.get(0);
        if (mergeMode == null) {
            out.add(y);
            out.add(b.get(0));
        } else if (mergeMode.equals("concat")) {
            List<Integer> d = new ArrayList<>(y.dims());
            int last = d.size() - 1;
            d.set(last, d.get(last) + b.get(0).get(last));
            out.add(Shape.of(d));
        } else {
            out.add(y);
        }
        out.addAll(f.subList(1, f.size()));
        out.addAll(b.subList(1, b.size()));
        return out;
    }

    @Override
    public boolean supportsMasking() {
        return true;
    }

    /** Keras's {@code compute_mask}: the input mask for each merged sequence output, none for states or last outputs. */
    @Override
    public List<INDArray> computeMask(List<INDArray> inputs, List<INDArray> masks) {
        INDArray m = Masks.first(masks);
        if (m == null || !returnSequences()) return null;
        int heads = mergeMode == null ? 2 : 1;
        int n = heads + (returnState() ? 2 * forwardLayer.stateCount() : 0);
        List<INDArray> out = new ArrayList<>(Collections.nCopies(n, (INDArray) null));
        for (int i = 0; i < heads; i++) out.set(i, m);
        return out;
    }

    // ------------------------------------------------------------------ calling

    @Override
    public Forward forward(List<INDArray> inputs, boolean training) {
        return forward(inputs, null, training);
    }

    @Override
    public Forward forward(List<INDArray> inputs, List<INDArray> masks, boolean training) {
        INDArray mask = Masks.first(masks);
        List<INDArray> m = mask == null ? null : List.of(mask);
        Forward f = forwardLayer.forward(inputs, m, training);
        Forward b = backwardLayer.forward(inputs, m, training);
        INDArray y = f.outputs().get(0);
        INDArray yr = b.outputs().get(0);
        // The backward layer's sequence is in reversed time; flip it so both halves describe the same step.
        if (returnSequences()) yr = reverseTime(yr);
        List<INDArray> outs = new ArrayList<>();
        if (mergeMode == null) {
            outs.add(y);
            outs.add(yr);
        } else {
            outs.add(merge(y, yr));
        }
        int nf = f.outputs().size(), nb = b.outputs().size();
        outs.addAll(f.outputs().subList(1, nf));
        outs.addAll(b.outputs().subList(1, nb));
        final INDArray yf = y, yb = yr;
        final int heads = mergeMode == null ? 2 : 1;
        Forward out = Forward.of(outs, g -> {
            INDArray gf, gb;
            if (mergeMode == null) {
                gf = g.get(0);
                gb = g.get(1);
            } else {
                INDArray[] split = unmerge(g.get(0), yf, yb);
                gf = split[0];
                gb = split[1];
            }
            if (returnSequences() && gb != null) gb = reverseTime(gb);
            List<INDArray> gF = new ArrayList<>(), gB = new ArrayList<>();
            gF.add(gf);
            gB.add(gb);
            for (int i = 1; i < nf; i++) gF.add(g.get(heads + i - 1));
            for (int i = 1; i < nb; i++) gB.add(g.get(heads + nf - 1 + i - 1));
            INDArray dx = f.backward(gF).get(0);
            INDArray dxb = b.backward(gB).get(0);
            return Collections.singletonList(dx == null ? dxb : dxb == null ? dx : dx.add(dxb));
        });
        double loss = f.activityLoss() + b.activityLoss();
        if (loss != 0) out = out.withActivityLoss(loss);
        List<INDArray> outMasks = computeMask(inputs, masks);
        return outMasks == null ? out : out.withMasks(outMasks);
    }

    private INDArray merge(INDArray y, INDArray yr) {
        switch (mergeMode) {
            case "concat": return Nd4j.concat(y.rank() - 1, y, yr);
            case "sum": return y.add(yr);
            case "mul": return y.mul(yr);
            default: return y.add(yr).muli(0.5);
        }
    }

    /** d(loss)/d(forward output) and d(loss)/d(backward output, time-aligned) from d(loss)/d(merged). */
    private INDArray[] unmerge(INDArray g, INDArray y, INDArray yr) {
        if (g == null) return new INDArray[]{null, null};
        switch (mergeMode) {
            case "concat": {
                int ax = g.rank() - 1;
                long u = y.size(ax);
                INDArray gf = g.get(lastAxis(g.rank(), NDArrayIndex.interval(0, u))).dup();
                INDArray gb = g.get(lastAxis(g.rank(), NDArrayIndex.interval(u, g.size(ax)))).dup();
                return new INDArray[]{gf, gb};
            }
            case "sum": return new INDArray[]{g, g};
            case "mul": return new INDArray[]{g.mul(yr), g.mul(y)};
            default: {
                INDArray h = g.mul(0.5);
                return new INDArray[]{h, h};
            }
        }
    }

    private static org.nd4j.linalg.indexing.INDArrayIndex[] lastAxis(int rank, org.nd4j.linalg.indexing.INDArrayIndex last) {
        org.nd4j.linalg.indexing.INDArrayIndex[] idx = new org.nd4j.linalg.indexing.INDArrayIndex[rank];
        for (int i = 0; i < rank - 1; i++) idx[i] = NDArrayIndex.all();
        idx[rank - 1] = last;
        return idx;
    }

    /** {@code (batch, steps, ...)} reversed along axis 1, as a new array. */
    private static INDArray reverseTime(INDArray a) {
        INDArray src = a.dup('c');
        return Nd4j.exec(new Reverse(src, Nd4j.createUninitialized(src.dataType(), src.shape()), 1))[0];
    }

    // ------------------------------------------------------------------ weights: forward layer's, then backward's

    @Override
    protected List<Variable> ownVariables() {
        return List.of();
    }

    @Override
    public List<Variable> weights() {
        List<Variable> w = new ArrayList<>(forwardLayer.weights());
        w.addAll(backwardLayer.weights());
        return w;
    }

    @Override
    public List<Variable> trainableWeights() {
        if (!trainable()) return List.of();
        List<Variable> w = new ArrayList<>(forwardLayer.trainableWeights());
        w.addAll(backwardLayer.trainableWeights());
        return w;
    }

    @Override
    public List<Variable> nonTrainableWeights() {
        if (!trainable()) return weights();
        List<Variable> w = new ArrayList<>(forwardLayer.nonTrainableWeights());
        w.addAll(backwardLayer.nonTrainableWeights());
        return w;
    }

    /** Freezes or unfreezes this layer and both wrapped ones. */
    @Override
    public void setTrainable(boolean t) {
        super.setTrainable(t);
        forwardLayer.setTrainable(t);
        backwardLayer.setTrainable(t);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("merge_mode", mergeMode);
        c.put("layer", LayerSerializer.serialize(forwardLayer));
        // Keras 3 always writes the backward layer (Keras 2 only when one was given); both read back the same.
        c.put("backward_layer", LayerSerializer.serialize(backwardLayer));
        return c;
    }

    /** From Keras's config: {@code {"layer": {...}, "merge_mode": ..., "backward_layer": optional}}. */
    public static Bidirectional fromConfig(Config c) {
        Object inner = c.get("layer");
        if (inner == null) throw new IllegalArgumentException("A Bidirectional config needs \"layer\": the wrapped layer's class_name and config.");
        Layer l = LayerSerializer.deserialize(inner);
        if (!(l instanceof RecurrentBase<?> r)) {
            throw new IllegalArgumentException("Bidirectional in jkeras wraps LSTM, GRU or SimpleRNN; received " + l.className());
        }
        String mode = c.has("merge_mode") ? (String) c.get("merge_mode") : "concat";
        Bidirectional b = new Bidirectional(r, mode);
        Object back = c.get("backward_layer");
        if (back != null) b.backwardLayer((RecurrentBase<?>) LayerSerializer.deserialize(back));
        return b.withBaseConfig(c);
    }
}
