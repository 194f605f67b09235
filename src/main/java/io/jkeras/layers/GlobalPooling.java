package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shared machinery of the global poolings (Keras's {@code BaseGlobalPooling}): the max or the mean over
 * every spatial axis, per sample and channel; {@code data_format} and {@code keepdims} as Keras. One ND4J
 * reduction forward, broadcasts backward. Package-private: users see {@link GlobalMaxPooling2D},
 * {@link GlobalAveragePooling2D} and their 1D and 3D forms.
 *
 * <p>The max's gradient is shared equally among the cells that tie for the maximum, as TensorFlow's and
 * JAX's {@code reduce_max} gradients do (so Keras's on either backend); with no tie it all goes to the maximum.
 *
 * @param <S> the concrete layer, so that the fluent setters return it
 */
abstract class GlobalPooling<S extends GlobalPooling<S>> extends Layer {
    private final int dims;
    private final boolean max;
    private String dataFormat = "channels_last";
    private boolean keepdims;

    /** @param dims the number of spatial dimensions; @param max max if true, mean otherwise */
    GlobalPooling(int dims, boolean max) {
        this.dims = dims;
        this.max = max;
        this.inputSpec = new InputSpec().ndim(dims + 2);
    }

    @Override
    @SuppressWarnings("unchecked")
    public S name(String n) {
        return super.name(n);
    }

    @Override
    @SuppressWarnings("unchecked")
    public S inputShape(int... shape) {
        return super.inputShape(shape);
    }

    @Override
    @SuppressWarnings("unchecked")
    public S dtype(String d) {
        return super.dtype(d);
    }

    /** {@code "channels_last"} (default: {@code (batch, ..., channels)}) or {@code "channels_first"}. */
    public S dataFormat(String f) {
        requireNotBuilt("data_format");
        this.dataFormat = Pooling.checkDataFormat(f);
        return self();
    }

    /** Keep the pooled axes with size 1 (default false: output {@code (batch, channels)}). */
    public S keepdims(boolean k) {
        requireNotBuilt("keepdims");
        this.keepdims = k;
        return self();
    }

    /** {@code "channels_last"} or {@code "channels_first"}. */
    public String dataFormat() {
        return dataFormat;
    }

    /** Whether the pooled axes are kept with size 1. */
    public boolean keepdims() {
        return keepdims;
    }

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }

    /** The spatial axes of the full (batch-included) shape. */
    private int[] axes() {
        int first = dataFormat.equals("channels_last") ? 1 : 2;
        int[] a = new int[dims];
        for (int i = 0; i < dims; i++) a[i] = first + i;
        return a;
    }

    @Override
    public Shape computeOutputShape(Shape in) {
        List<Integer> out = new ArrayList<>(in.dims());
        int[] a = axes();
        if (keepdims) {
            for (int ax : a) out.set(ax, 1);
        } else {
            for (int i = a.length - 1; i >= 0; i--) out.remove(a[i]);
        }
        return Shape.of(out);
    }

    @Override
    protected Forward forward(INDArray x, boolean training) {
        int[] a = axes();
        long[] kept = x.shape().clone();
        for (int ax : a) kept[ax] = 1;
        long[] outShape = computeOutputShape(Shape.ofArray(x.shape())).toLongArray(x.size(0));
        INDArray y = max ? x.max(true, a) : x.mean(true, a); // kept dims, so that it broadcasts back
        INDArray out = keepdims ? y : y.reshape('c', outShape);
        return Forward.of(out, g -> {
            INDArray gk = g.reshape('c', kept);
            if (!max) return gk.div(count(x, a)).broadcast(x.shape());
            INDArray hits = x.eq(y.broadcast(x.shape())).castTo(x.dataType());
            return hits.muli(gk.div(hits.sum(true, a)).broadcast(x.shape()));
        });
    }

    private static double count(INDArray x, int[] axes) {
        double n = 1;
        for (int a : axes) n *= x.size(a);
        return n;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("data_format", dataFormat);
        c.put("keepdims", keepdims);
        return c;
    }

    /** Applies {@code data_format}, {@code keepdims} and the base keys of a config; returns the layer. */
    S withGlobalConfig(Config c) {
        dataFormat(c.getString("data_format", null));
        keepdims(c.getBoolean("keepdims", false));
        return withBaseConfig(c);
    }
}
