package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The shared machinery of the windowed poolings (Keras's {@code BasePooling}): {@code pool_size},
 * {@code strides} (default: the pool size), {@code padding} ({@code "valid"} or {@code "same"}),
 * {@code data_format} ({@code "channels_last"} or {@code "channels_first"}), the output shape rule and the
 * config. The arithmetic itself is ND4J's native pooling ops ({@link PoolingOps}). Package-private: users see
 * {@link MaxPooling2D}, {@link AveragePooling2D} and their 1D and 3D forms.
 *
 * @param <S> the concrete layer, so that the fluent setters return it
 */
abstract class Pooling<S extends Pooling<S>> extends Layer {
    private final int dims;
    private final boolean max;
    private final int[] poolSize;
    private int[] strides;
    private String padding = "valid";
    private String dataFormat = "channels_last";

    /**
     * @param dims the number of spatial dimensions (1, 2 or 3)
     * @param max max pooling if true, average pooling otherwise
     * @param poolSize one size for every spatial dimension, or one per dimension
     */
    Pooling(int dims, boolean max, int... poolSize) {
        this.dims = dims;
        this.max = max;
        this.poolSize = tuple("pool_size", poolSize);
        this.strides = this.poolSize.clone();
        this.inputSpec = new InputSpec().ndim(dims + 2);
    }

    // Covariant forms of the base setters, so that new MaxPooling2D(2).name("p").strides(1) compiles.

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

    /** The step between windows: one value for every spatial dimension, or one per dimension; default the pool size. */
    public S strides(int... s) {
        requireNotBuilt("strides");
        this.strides = tuple("strides", s);
        return self();
    }

    /** {@code "valid"} (windows inside the input, default) or {@code "same"} (output size ceil(input / stride)). */
    public S padding(String p) {
        requireNotBuilt("padding");
        String v = p == null ? "" : p.toLowerCase(Locale.ROOT);
        if (!v.equals("valid") && !v.equals("same")) {
            throw new IllegalArgumentException("The `padding` argument must be a list/tuple or one of {'valid', 'same'} "
                    + "(or 'causal', only for `Conv1D`). Received: padding=" + p);
        }
        this.padding = v;
        return self();
    }

    /** {@code "channels_last"} (default: {@code (batch, ..., channels)}) or {@code "channels_first"}. */
    public S dataFormat(String f) {
        requireNotBuilt("data_format");
        this.dataFormat = checkDataFormat(f);
        return self();
    }

    /** The pool size per spatial dimension. */
    public int[] poolSize() {
        return poolSize.clone();
    }

    /** The strides per spatial dimension. */
    public int[] strides() {
        return strides.clone();
    }

    /** {@code "valid"} or {@code "same"}. */
    public String padding() {
        return padding;
    }

    /** {@code "channels_last"} or {@code "channels_first"}. */
    public String dataFormat() {
        return dataFormat;
    }

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }

    /** Keras's {@code standardize_tuple}: one positive int repeated, or exactly one per spatial dimension. */
    private int[] tuple(String what, int... v) {
        int[] t = v != null && v.length == 1 ? repeat(v[0]) : v;
        boolean ok = t != null && t.length == dims;
        if (ok) for (int x : t) ok &= x > 0;
        if (!ok) {
            throw new IllegalArgumentException("The `" + what + "` argument must be a tuple of " + dims
                    + " positive integers. Received " + what + "=" + (v == null ? "None" : LayerErrors.tuple(v)));
        }
        return t;
    }

    private int[] repeat(int x) {
        int[] t = new int[dims];
        java.util.Arrays.fill(t, x);
        return t;
    }

    static String checkDataFormat(String f) {
        String v = f == null ? "channels_last" : f.toLowerCase(Locale.ROOT);
        if (!v.equals("channels_last") && !v.equals("channels_first")) {
            throw new IllegalArgumentException("The `data_format` argument must be one of {'channels_first', "
                    + "'channels_last'}. Received: data_format=" + f);
        }
        return v;
    }

    boolean channelsLast() {
        return dataFormat.equals("channels_last");
    }

    /** Index of the first spatial axis in the full (batch-included) shape. */
    int firstSpatialAxis() {
        return channelsLast() ? 1 : 2;
    }

    @Override
    public Shape computeOutputShape(Shape in) {
        List<Integer> out = new ArrayList<>(in.dims());
        int first = firstSpatialAxis();
        boolean bad = false;
        for (int i = 0; i < dims; i++) {
            Integer n = in.get(first + i);
            if (n == null) continue;
            // valid: windows lie inside the input; same: TF's rule, ceil(n / stride), padding added as needed.
            int o = padding.equals("valid") ? Math.floorDiv(n - poolSize[i], strides[i]) + 1 : (n - 1) / strides[i] + 1;
            bad |= o < 1;
            out.set(first + i, o);
        }
        Shape result = Shape.of(out);
        if (bad) {
            throw LayerErrors.of(this, "Computed output size would be negative: the output would have a non-positive "
                    + "dimension " + result + " for input shape " + in + " with pool_size=" + LayerErrors.tuple(poolSize)
                    + ", strides=" + LayerErrors.tuple(strides) + " and padding=\"" + padding + "\". Use a smaller "
                    + "pool_size, or padding=\"same\".");
        }
        return result;
    }

    @Override
    protected void checkInputs(List<Shape> shapes) {
        super.checkInputs(shapes);
        computeOutputShape(shapes.get(0)); // raises the non-positive-dimension error at call time, as Keras does
    }

    @Override
    protected Forward forward(INDArray input, boolean training) {
        long[] out = computeOutputShape(Shape.ofArray(input.shape())).toLongArray(input.size(0));
        boolean same = padding.equals("same");
        if (dims == 3) return PoolingOps.pool3d(max, input, out, poolSize, strides, same, channelsLast());
        if (dims == 2) return PoolingOps.pool2d(max, input, out, poolSize, strides, same, channelsLast());
        return pool1d(input, out, same);
    }

    /** 1D as 2D with a height of 1: a free reshape both ways, one native kernel for both. */
    private Forward pool1d(INDArray input, long[] out, boolean same) {
        long b = input.size(0);
        long[] in4 = channelsLast() ? new long[]{b, 1, input.size(1), input.size(2)} : new long[]{b, input.size(1), 1, input.size(2)};
        long[] out4 = channelsLast() ? new long[]{b, 1, out[1], out[2]} : new long[]{b, out[1], 1, out[2]};
        Forward f = PoolingOps.pool2d(max, input.reshape('c', in4), out4, new int[]{1, poolSize[0]},
                new int[]{1, strides[0]}, same, channelsLast());
        long[] inShape = input.shape();
        return Forward.of(f.outputs().get(0).reshape('c', out),
                g -> f.backward(List.of(g.reshape('c', out4))).get(0).reshape('c', inShape));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("pool_size", list(poolSize));
        c.put("padding", padding);
        c.put("strides", list(strides));
        c.put("data_format", dataFormat);
        return c;
    }

    private static List<Integer> list(int[] v) {
        List<Integer> l = new ArrayList<>();
        for (int x : v) l.add(x);
        return l;
    }

    /** Applies {@code strides}, {@code padding}, {@code data_format} and the base keys of a config; returns the layer. */
    S withPoolingConfig(Config c) {
        int[] s = c.getInts("strides", "stride"); // Keras 1 wrote "stride" for 1D
        if (s != null) strides(s);
        padding(c.getString("padding", "valid"));
        // Keras 1 wrote dim_ordering "tf"/"th" instead of data_format.
        String df = c.getString("data_format", null);
        if (df == null && c.has("dim_ordering")) df = "th".equals(c.getString("dim_ordering")) ? "channels_first" : "channels_last";
        dataFormat(df);
        return withBaseConfig(c);
    }

    /** The pool size of a config: Keras 2/3's {@code pool_size}, Keras 1's {@code pool_length} (1D); default 2. */
    static int[] poolSizeOf(Config c) {
        int[] p = c.getInts("pool_size", "pool_length");
        return p == null ? new int[]{2} : p;
    }
}
