package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.Variable;
import io.jkeras.saving.Config;
import io.jkeras.saving.LayerSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Applies one layer to every timestep of its input, as {@code keras.layers.TimeDistributed}: the same weights at
 * every step, e.g. a {@link Dense} classifier on each step of a sequence or a {@link Conv2D} on each frame of a video.
 *
 * <p>Input {@code (batch, steps, ...)}, at least rank 3; the inner layer sees {@code (batch * steps, ...)}, one
 * reshape (no loop over steps), and its output {@code (batch * steps, ...out)} is reshaped to
 * {@code (batch, steps, ...out)}. The weights are the inner layer's. A mask {@code (batch, steps)} is passed to the
 * inner layer as {@code (batch * steps)} and passes on unchanged. Layers whose result depends on the whole batch
 * (BatchNormalization in training) see the steps of all samples at once, where Keras calls them once per step.
 *
 * <pre>{@code
 * jshell> new TimeDistributed(new Dense(8)).apply(Input.shape(10, 16)).shape()
 * $1 ==> (None, 10, 8)
 * jshell> new TimeDistributed(new Conv2D(64, 3)).apply(Input.shape(10, 128, 128, 3)).shape()
 * $2 ==> (None, 10, 126, 126, 64)
 * }</pre>
 */
public class TimeDistributed extends Layer {
    private final Layer layer;

    /** @param layer the layer applied at every timestep */
    public TimeDistributed(Layer layer) {
        if (layer == null) {
            throw new IllegalArgumentException("Please initialize `TimeDistributed` layer with a `keras.layers.Layer` instance. Received: null");
        }
        this.layer = layer;
    }

    /** The wrapped layer. */
    public Layer layer() {
        return layer;
    }

    /** {@code (batch, steps, rest...)} → {@code (batch, rest...)}: what the inner layer sees. */
    private Shape child(Shape in) {
        if (in.rank() < 3) {
            throw LayerErrors.of(this, "`TimeDistributed` Layer should be passed an `input_shape` with at least 3 dimensions, "
                    + "received: " + in);
        }
        List<Integer> d = new ArrayList<>(in.dims());
        d.remove(1);
        return Shape.of(d);
    }

    @Override
    protected void checkInputs(List<Shape> shapes) {
        super.checkInputs(shapes);
        layer.checkInputs(List.of(child(shapes.get(0))));
    }

    @Override
    protected void build(Shape inputShape) {
        layer.ensureBuilt(List.of(child(inputShape)));
    }

    @Override
    public Shape computeOutputShape(Shape in) {
        Shape out = layer.computeOutputShape(List.of(child(in))).get(0);
        List<Integer> d = new ArrayList<>(out.dims());
        d.add(1, in.get(1));
        return Shape.of(d);
    }

    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public Forward forward(List<INDArray> inputs, List<INDArray> masks, boolean training) {
        return run(inputs.get(0), Masks.first(masks), training);
    }

    @Override
    protected Forward forward(INDArray x, boolean training) {
        return run(x, null, training);
    }

    private Forward run(INDArray x, INDArray mask, boolean training) {
        long n = x.size(0), t = x.size(1);
        INDArray in = x.reshape('c', merged(x.shape(), n * t));
        Forward f;
        if (mask == null) {
            f = layer.forward(List.of(in), training);
        } else {
            if (mask.rank() < 2 || mask.size(0) != n || mask.size(1) != t) {
                throw LayerErrors.of(this, "`TimeDistributed` Layer should be passed a `mask` of shape (" + n + ", " + t
                        + ", ...), received: mask.shape=" + Shape.ofArray(mask.shape()));
            }
            f = layer.forward(List.of(in), List.of(mask.reshape('c', merged(mask.shape(), n * t))), training);
        }
        INDArray yi = f.output();
        long[] outShape = split(yi.shape(), n, t);
        INDArray y = yi.reshape('c', outShape);
        UnaryOperator<INDArray> toInner = g -> g.reshape('c', yi.shape());
        UnaryOperator<INDArray> toOuter = d -> d == null ? null : d.reshape('c', x.shape());
        UnaryOperator<INDArray> backward = g -> toOuter.apply(f.backward(List.of(toInner.apply(g))).get(0));
        Forward out = f.softmaxLogits() == null ? Forward.of(y, backward)
                : Forward.withSoftmaxLogits(y, backward, f.softmaxLogits().reshape('c', outShape),
                        dl -> toOuter.apply(f.backwardFromLogits(toInner.apply(dl))));
        out = out.withWeightsOnlyBackward(g -> f.backwardWeightsOnly(List.of(toInner.apply(g))));
        if (f.activityLoss() != 0) out = out.withActivityLoss(f.activityLoss());
        return mask == null ? out : out.withMasks(List.of(mask));
    }

    /** {@code (n, t, rest...)} → {@code (n * t, rest...)}. */
    private static long[] merged(long[] s, long nt) {
        long[] m = new long[s.length - 1];
        m[0] = nt;
        System.arraycopy(s, 2, m, 1, s.length - 2);
        return m;
    }

    /** {@code (n * t, rest...)} → {@code (n, t, rest...)}. */
    private static long[] split(long[] s, long n, long t) {
        long[] m = new long[s.length + 1];
        m[0] = n;
        m[1] = t;
        System.arraycopy(s, 1, m, 2, s.length - 1);
        return m;
    }

    // ------------------------------------------------------------------ weights: the inner layer's

    @Override
    protected List<Variable> ownVariables() {
        return layer.ownVariables();
    }

    @Override
    public List<Variable> weights() {
        return layer.weights();
    }

    @Override
    public List<Variable> trainableWeights() {
        return trainable() ? layer.trainableWeights() : List.of();
    }

    @Override
    public List<Variable> nonTrainableWeights() {
        return trainable() ? layer.nonTrainableWeights() : layer.weights();
    }

    /** Freezes or unfreezes this layer and the wrapped one, as Keras does for sub-layers. */
    @Override
    public void setTrainable(boolean t) {
        super.setTrainable(t);
        layer.setTrainable(t);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("layer", LayerSerializer.serialize(layer));
        return c;
    }

    /** From a config of any Keras version: {@code {"layer": {"class_name": ..., "config": {...}}}}. */
    public static TimeDistributed fromConfig(Config c) {
        Object inner = c.get("layer");
        if (inner == null) throw new IllegalArgumentException("A TimeDistributed config needs \"layer\": the wrapped layer's class_name and config.");
        return new TimeDistributed(LayerSerializer.deserialize(inner)).withBaseConfig(c);
    }
}
