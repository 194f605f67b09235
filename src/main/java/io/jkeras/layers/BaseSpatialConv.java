package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.Variable;
import io.jkeras.activations.ActivationFunction;
import io.jkeras.activations.Activations;
import io.jkeras.constraints.Constraint;
import io.jkeras.constraints.Constraints;
import io.jkeras.initializers.Initializer;
import io.jkeras.initializers.Initializers;
import io.jkeras.initializers.Zeros;
import io.jkeras.regularizers.Regularizer;
import io.jkeras.regularizers.Regularizers;
import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The settings that the transposed, depthwise and separable convolutions share (Keras repeats them in each of
 * {@code BaseConvTranspose}, {@code BaseDepthwiseConv} and {@code BaseSeparableConv}): window, strides, dilation,
 * padding ("valid" or "same"), data format, activation and bias. Input {@code (batch, *spatial, channels)}
 * (channels_last, the default) or {@code (batch, channels, *spatial)}.
 *
 * <p>The 1-D layers run ND4J's 2-D ops over a height of 1 ({@link ConvViews}).
 *
 * <pre>{@code
 * jshell> new DepthwiseConv2D(3).strides(2).padding("same").apply(Input.shape(32, 32, 8)).shape()
 * $1 ==> (None, 16, 16, 8)
 * }</pre>
 *
 * @param <T> the concrete layer, so that the fluent setters return it
 */
public abstract class BaseSpatialConv<T extends BaseSpatialConv<T>> extends Layer {
    /** The number of spatial dimensions: 1, 2 or 3. */
    protected final int rank;
    private int[] kernelSize;
    private int[] strides;
    private int[] dilationRate;
    private String padding = "valid";
    private String dataFormat = "channels_last";
    private String activation = "linear";
    private ActivationFunction act = Activations.get("linear");
    private boolean useBias = true;
    private Initializer biasInitializer = new Zeros();
    private Regularizer biasRegularizer;
    private Constraint biasConstraint;
    /** The bias; null before build or without bias. */
    protected Variable bias;

    /**
     * @param rank the number of spatial dimensions
     * @param kernelSize one size for every spatial axis, or {@code rank} sizes
     */
    protected BaseSpatialConv(int rank, int... kernelSize) {
        this.rank = rank;
        this.kernelSize = tuple("kernel_size", kernelSize, 1);
        this.strides = tuple("strides", new int[]{1}, 1);
        this.dilationRate = tuple("dilation_rate", new int[]{1}, 1);
        this.inputSpec = new InputSpec().ndim(rank + 2);
    }

    @SuppressWarnings("unchecked")
    T self() {
        return (T) this;
    }

    /** A size argument as {@code rank} ints of at least {@code min}: one value is repeated (Keras's {@code standardize_tuple}). */
    int[] tuple(String arg, int[] values, int min) {
        if (values == null || (values.length != 1 && values.length != rank)) {
            throw new IllegalArgumentException("The `" + arg + "` argument must be a tuple of " + rank + " integers. Received "
                    + arg + "=" + Arrays.toString(values));
        }
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) out[i] = values.length == 1 ? values[0] : values[i];
        for (int v : out) {
            if (v < min) {
                throw new IllegalArgumentException("The `" + arg + "` argument must be a tuple of " + rank + " integers. Received "
                        + arg + "=" + BaseConv.tupleString(out) + ", including values that do not satisfy `value >= " + min + "`");
            }
        }
        return out;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T name(String n) {
        return super.name(n);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T inputShape(int... dims) {
        return super.inputShape(dims);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T dtype(String d) {
        return super.dtype(d);
    }

    // ------------------------------------------------------------------ settings (Keras kwargs)

    /** The window size: one int for every spatial axis, or one per axis. */
    public T kernelSize(int... k) {
        requireNotBuilt("kernel_size");
        this.kernelSize = tuple("kernel_size", k, 1);
        return self();
    }

    /** The step of the window (default 1): one int, or one per axis. */
    public T strides(int... s) {
        requireNotBuilt("strides");
        this.strides = tuple("strides", s, 1);
        return self();
    }

    /** The spacing of the kernel's taps (default 1): one int, or one per axis; not with strides above 1. */
    public T dilationRate(int... d) {
        requireNotBuilt("dilation_rate");
        this.dilationRate = tuple("dilation_rate", d, 1);
        return self();
    }

    /** {@code "valid"} (no padding, the default) or {@code "same"}. */
    public T padding(String p) {
        requireNotBuilt("padding");
        String v = p == null ? "" : p.toLowerCase();
        if (!v.equals("valid") && !v.equals("same")) {
            throw new IllegalArgumentException("The `padding` argument must be one of \"valid\", \"same\". Received: padding=" + p);
        }
        this.padding = v;
        return self();
    }

    /** {@code "channels_last"} (the default) or {@code "channels_first"}. */
    public T dataFormat(String f) {
        requireNotBuilt("data_format");
        if (!"channels_last".equals(f) && !"channels_first".equals(f)) {
            throw new IllegalArgumentException("The `data_format` argument must be one of {\"channels_first\", \"channels_last\"}. Received: data_format="
                    + f);
        }
        this.dataFormat = f;
        return self();
    }

    /** The activation by Keras name ({@code "relu"}); {@code null} or {@code "linear"} for none. */
    public T activation(String name) {
        requireNotBuilt("activation");
        this.act = Activations.get(name);
        this.activation = act.name();
        return self();
    }

    /** Whether to add a bias (default true). */
    public T useBias(boolean b) {
        requireNotBuilt("use_bias");
        this.useBias = b;
        return self();
    }

    /** The bias initializer: a Keras name or an {@link Initializer} (default zeros). */
    public T biasInitializer(Object spec) {
        requireNotBuilt("bias_initializer");
        this.biasInitializer = Initializers.get(spec);
        return self();
    }

    /** A bias penalty: a Keras name or a {@link Regularizer}. */
    public T biasRegularizer(Object spec) {
        requireNotBuilt("bias_regularizer");
        this.biasRegularizer = Regularizers.get(spec);
        return self();
    }

    /** A bias constraint: a Keras name or a {@link Constraint}. */
    public T biasConstraint(Object spec) {
        requireNotBuilt("bias_constraint");
        this.biasConstraint = Constraints.get(spec);
        return self();
    }

    // ------------------------------------------------------------------ accessors

    /** The kernel's spatial sizes. */
    public int[] kernelSize() {
        return kernelSize.clone();
    }

    /** The strides per spatial axis. */
    public int[] strides() {
        return strides.clone();
    }

    /** The dilation per spatial axis. */
    public int[] dilationRate() {
        return dilationRate.clone();
    }

    /** {@code "valid"} or {@code "same"}. */
    public String padding() {
        return padding;
    }

    /** True for channels_last data. */
    public boolean channelsLast() {
        return dataFormat.equals("channels_last");
    }

    /** Whether a bias is added. */
    public boolean useBias() {
        return useBias;
    }

    /** The activation. */
    protected ActivationFunction act() {
        return act;
    }

    /** The channel axis of an input of rank {@code rank + 2}. */
    protected int channelAxis() {
        return channelsLast() ? rank + 1 : 1;
    }

    /** The first spatial axis. */
    protected int firstSpatialAxis() {
        return channelsLast() ? 1 : 2;
    }

    // ------------------------------------------------------------------ build helpers

    /**
     * Checks the settings that only make sense together and returns the (known) number of input channels; also
     * fixes the channel count in the input spec, so later calls with other channels fail with Keras's message.
     */
    protected int buildChannels(Shape inputShape) {
        if (KernelDilation.any(strides) && KernelDilation.any(dilationRate)) {
            throw new IllegalArgumentException("`strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: strides="
                    + BaseConv.tupleString(strides) + " and dilation_rate=" + BaseConv.tupleString(dilationRate));
        }
        Integer channels = inputShape.get(channelAxis());
        if (channels == null) {
            throw new IllegalArgumentException("The channel dimension of the inputs to layer \"" + name()
                    + "\" should be defined. Found None. Full input shape received: " + inputShape);
        }
        inputSpec = new InputSpec().ndim(rank + 2).axis(channelsLast() ? -1 : 1, channels);
        return channels;
    }

    /** Creates the bias {@code (n,)} if {@code use_bias}. */
    protected void addBias(long n) {
        if (useBias) bias = addWeight("bias", new long[]{n}, biasInitializer, biasRegularizer, biasConstraint, true);
    }

    /** {@code kernel_size} followed by the two channel sizes, for messages. */
    protected int[] kernelShape(int a, int b) {
        int[] k = Arrays.copyOf(kernelSize, rank + 2);
        k[rank] = a;
        k[rank + 1] = b;
        return k;
    }

    // ------------------------------------------------------------------ calls

    /** The input (or an output gradient) as the native op sees it: 1-D layers run the 2-D ops (see {@link ConvViews}). */
    protected INDArray to2d(INDArray a) {
        return rank == 1 ? ConvViews.to2d(a, channelsLast()) : a;
    }

    /** The native op's result in this layer's rank. */
    protected INDArray from2d(INDArray a) {
        return ConvViews.from2d(a, rank, channelsLast());
    }

    /** The kernel spread out by the dilation (see {@link KernelDilation}). */
    protected INDArray dilated(INDArray w) {
        return KernelDilation.dilate(w, kernelSize, dilationRate);
    }

    /** The real kernel's gradient from the gradient {@code g} of the dilated kernel of {@code shape}. */
    protected INDArray undilated(INDArray g, long[] shape) {
        return KernelDilation.undilate(g.reshape(shape), kernelSize, dilationRate);
    }

    // ------------------------------------------------------------------ config

    /** Puts the shared keys in Keras's order: kernel_size, strides, padding, data_format, dilation_rate, activation, use_bias. */
    protected void putWindowConfig(Map<String, Object> c) {
        c.put("kernel_size", toList(kernelSize));
        c.put("strides", toList(strides));
        c.put("padding", padding);
        c.put("data_format", dataFormat);
        c.put("dilation_rate", toList(dilationRate));
        c.put("activation", activation);
        c.put("use_bias", useBias);
    }

    /** The bias setting of this kind ("initializer", "regularizer", "constraint") as Keras writes it. */
    protected Object biasConfig(String kind) {
        return switch (kind) {
            case "initializer" -> Initializers.serialize(biasInitializer);
            case "regularizer" -> Regularizers.serialize(biasRegularizer);
            default -> Constraints.serialize(biasConstraint);
        };
    }

    static long[] toLongs(int[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i];
        return out;
    }

    static List<Integer> toList(int[] v) {
        List<Integer> l = new ArrayList<>();
        for (int x : v) l.add(x);
        return l;
    }

    /** Applies the shared keys of a Keras config (and the base ones: name, trainable, dtype); returns the layer. */
    protected T applyWindowConfig(Config c) {
        int[] s = c.getInts("strides");
        if (s != null) strides(s);
        int[] d = c.getInts("dilation_rate");
        if (d != null) dilationRate(d);
        padding(c.getString("padding", "valid"));
        String f = c.getString("data_format", null);
        if (f != null) dataFormat(f);
        activation(Activations.get(c.get("activation")).name());
        useBias(c.getBoolean("use_bias", true));
        if (c.get("bias_initializer") != null) biasInitializer(c.get("bias_initializer"));
        biasRegularizer(c.get("bias_regularizer"));
        biasConstraint(c.get("bias_constraint"));
        return withBaseConfig(c);
    }
}
