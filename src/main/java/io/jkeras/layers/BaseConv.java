package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.Variable;
import io.jkeras.activations.ActivationFunction;
import io.jkeras.activations.Activations;
import io.jkeras.constraints.Constraint;
import io.jkeras.constraints.Constraints;
import io.jkeras.initializers.GlorotUniform;
import io.jkeras.initializers.Initializer;
import io.jkeras.initializers.Initializers;
import io.jkeras.initializers.Zeros;
import io.jkeras.regularizers.Regularizer;
import io.jkeras.regularizers.Regularizers;
import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The shared part of {@link Conv1D}, {@link Conv2D} and {@link Conv3D}, as Keras's {@code BaseConv}:
 * configuration, weights, output shapes, groups, activation and config; the subclasses only run ND4J's
 * native convolution of their rank ({@link #convolve} and {@link #convolveBackward}).
 *
 * <p>Kernel {@code (*kernel_size, in_channels / groups, filters)} and bias {@code (filters,)}, Keras's
 * layouts for both data formats. Input {@code (batch, *spatial, channels)} (channels_last, the default)
 * or {@code (batch, channels, *spatial)} (channels_first); output the same with {@code filters} channels
 * and spatial sizes {@code floor((n - dilation*(k-1) - 1) / stride) + 1} ("valid") or
 * {@code ceil(n / stride)} ("same", "causal").
 *
 * <pre>{@code
 * jshell> new Conv2D(32, 3).activation("relu").apply(Input.shape(28, 28, 1)).shape()
 * $1 ==> (None, 26, 26, 32)
 * }</pre>
 *
 * @param <T> the concrete layer, so that the fluent setters return it
 */
public abstract class BaseConv<T extends BaseConv<T>> extends Layer {
    /** The number of spatial dimensions: 1, 2 or 3. */
    protected final int rank;
    /** The number of output channels. */
    protected final int filters;
    private int[] kernelSize;
    private int[] strides;
    private int[] dilationRate;
    private String padding = "valid";
    private String dataFormat = "channels_last";
    private int groups = 1;
    private String activation = "linear";
    private ActivationFunction act = Activations.get("linear");
    private boolean useBias = true;
    private Initializer kernelInitializer = new GlorotUniform();
    private Initializer biasInitializer = new Zeros();
    private Regularizer kernelRegularizer;
    private Regularizer biasRegularizer;
    private Constraint kernelConstraint;
    private Constraint biasConstraint;
    /** The kernel, {@code (*kernel_size, in/groups, filters)}; null before build. */
    protected Variable kernel;
    /** The bias, {@code (filters,)}; null before build or without bias. */
    protected Variable bias;

    /**
     * @param rank the number of spatial dimensions
     * @param filters the number of output channels, positive
     * @param kernelSize one size for every spatial axis, or {@code rank} sizes
     */
    protected BaseConv(int rank, int filters, int... kernelSize) {
        if (filters <= 0) {
            throw new IllegalArgumentException("Invalid value for argument `filters`. Expected a strictly positive value. Received filters="
                    + filters + ".");
        }
        this.rank = rank;
        this.filters = filters;
        this.kernelSize = tuple("kernel_size", kernelSize, 1);
        this.strides = tuple("strides", new int[]{1}, 1);
        this.dilationRate = tuple("dilation_rate", new int[]{1}, 1);
        this.inputSpec = new InputSpec().ndim(rank + 2);
    }

    /** This layer as its concrete type (for the fluent setters). */
    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    /** A size argument as {@code rank} positive ints: one value is repeated, as Keras's {@code standardize_tuple}. */
    private int[] tuple(String arg, int[] values, int min) {
        if (values == null || (values.length != 1 && values.length != rank)) {
            throw new IllegalArgumentException("The `" + arg + "` argument must be a tuple of " + rank + " integers. Received "
                    + arg + "=" + Arrays.toString(values));
        }
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) out[i] = values.length == 1 ? values[0] : values[i];
        for (int v : out) {
            if (v < min) {
                throw new IllegalArgumentException("The `" + arg + "` argument must be a tuple of " + rank + " integers. Received "
                        + arg + "=" + tupleString(out) + ", including values that do not satisfy `value >= " + min + "`");
            }
        }
        return out;
    }

    /** Python's tuple notation, as Keras prints sizes: {@code (3, 3)}, {@code (3,)}. */
    static String tupleString(int[] v) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) b.append(i == 0 ? "" : ", ").append(v[i]);
        return b.append(v.length == 1 ? ",)" : ")").toString();
    }

    // ------------------------------------------------------------------ covariant base setters

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

    /** The spacing of the kernel's taps (default 1): one int, or one per axis. */
    public T dilationRate(int... d) {
        requireNotBuilt("dilation_rate");
        this.dilationRate = tuple("dilation_rate", d, 1);
        return self();
    }

    /** {@code "valid"} (no padding, the default) or {@code "same"} (output size ceil(n / stride)); Conv1D also {@code "causal"}. */
    public T padding(String p) {
        requireNotBuilt("padding");
        String v = p == null ? "" : p.toLowerCase();
        boolean ok = v.equals("valid") || v.equals("same") || (rank == 1 && v.equals("causal"));
        if (!ok) {
            throw new IllegalArgumentException("The `padding` argument must be one of " + (rank == 1 ? "\"valid\", \"same\", \"causal\"" : "\"valid\", \"same\"")
                    + ". Received: padding=" + p);
        }
        this.padding = v;
        return self();
    }

    /** {@code "channels_last"} (the default: {@code (batch, *spatial, channels)}) or {@code "channels_first"}. */
    public T dataFormat(String f) {
        requireNotBuilt("data_format");
        if (!"channels_last".equals(f) && !"channels_first".equals(f)) {
            throw new IllegalArgumentException("The `data_format` argument must be one of {\"channels_first\", \"channels_last\"}. Received: data_format="
                    + f);
        }
        this.dataFormat = f;
        return self();
    }

    /** Splits the channels into this many independent convolutions (default 1); filters and input channels must divide by it. */
    public T groups(int g) {
        requireNotBuilt("groups");
        if (g <= 0) {
            throw new IllegalArgumentException("Invalid value for argument `groups`. Expected a strictly positive value. Received groups=" + g + ".");
        }
        if (filters % g != 0) {
            throw new IllegalArgumentException("The number of filters must be evenly divisible by the number of groups. Received: groups="
                    + g + ", filters=" + filters + ".");
        }
        this.groups = g;
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

    /** The kernel initializer: a Keras name ({@code "he_normal"}) or an {@link Initializer}. */
    public T kernelInitializer(Object spec) {
        requireNotBuilt("kernel_initializer");
        this.kernelInitializer = Initializers.get(spec);
        return self();
    }

    /** The bias initializer: a Keras name or an {@link Initializer}. */
    public T biasInitializer(Object spec) {
        requireNotBuilt("bias_initializer");
        this.biasInitializer = Initializers.get(spec);
        return self();
    }

    /** A kernel penalty: a Keras name ({@code "l2"}) or a {@link Regularizer}. */
    public T kernelRegularizer(Object spec) {
        requireNotBuilt("kernel_regularizer");
        this.kernelRegularizer = Regularizers.get(spec);
        return self();
    }

    /** A bias penalty: a Keras name or a {@link Regularizer}. */
    public T biasRegularizer(Object spec) {
        requireNotBuilt("bias_regularizer");
        this.biasRegularizer = Regularizers.get(spec);
        return self();
    }

    /** A kernel constraint: a Keras name ({@code "max_norm"}) or a {@link Constraint}. */
    public T kernelConstraint(Object spec) {
        requireNotBuilt("kernel_constraint");
        this.kernelConstraint = Constraints.get(spec);
        return self();
    }

    /** A bias constraint: a Keras name or a {@link Constraint}. */
    public T biasConstraint(Object spec) {
        requireNotBuilt("bias_constraint");
        this.biasConstraint = Constraints.get(spec);
        return self();
    }

    // ------------------------------------------------------------------ accessors for the subclasses

    /** The number of output channels. */
    public int filters() {
        return filters;
    }

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

    /** {@code "valid"}, {@code "same"} or {@code "causal"}. */
    public String padding() {
        return padding;
    }

    /** True for channels_last (NHWC) data. */
    public boolean channelsLast() {
        return dataFormat.equals("channels_last");
    }

    /** The channel axis of an input of rank {@code rank + 2}. */
    protected int channelAxis() {
        return channelsLast() ? rank + 1 : 1;
    }

    // ------------------------------------------------------------------ shapes and build

    @Override
    protected void checkInputs(List<Shape> shapes) {
        super.checkInputs(shapes);
        computeOutputShape(shapes.get(0)); // raises the non-positive-size error before any native op runs
    }

    @Override
    protected void build(Shape inputShape) {
        if (Arrays.stream(strides).anyMatch(v -> v > 1) && Arrays.stream(dilationRate).anyMatch(v -> v > 1)) {
            throw new IllegalArgumentException("`strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: strides="
                    + tupleString(strides) + " and dilation_rate=" + tupleString(dilationRate));
        }
        Integer channels = inputShape.get(channelAxis());
        if (channels == null) {
            throw new IllegalArgumentException("The channel dimension of the inputs to layer \"" + name()
                    + "\" should be defined. Found None. Full input shape received: " + inputShape);
        }
        if (channels % groups != 0) {
            throw new IllegalArgumentException("The number of input channels must be evenly divisible by the number of groups. Received groups="
                    + groups + ", but the input has " + channels + " channels (full input shape is " + inputShape + ").");
        }
        long[] kShape = new long[rank + 2];
        for (int i = 0; i < rank; i++) kShape[i] = kernelSize[i];
        kShape[rank] = channels / groups;
        kShape[rank + 1] = filters;
        kernel = addWeight("kernel", kShape, kernelInitializer, kernelRegularizer, kernelConstraint, true);
        if (useBias) bias = addWeight("bias", new long[]{filters}, biasInitializer, biasRegularizer, biasConstraint, true);
        inputSpec = new InputSpec().ndim(rank + 2).axis(channelsLast() ? -1 : 1, channels);
    }

    @Override
    public Shape computeOutputShape(Shape inputShape) {
        int first = channelsLast() ? 1 : 2;
        List<Integer> out = new ArrayList<>(inputShape.dims());
        boolean nonPositive = false;
        for (int i = 0; i < rank; i++) {
            Integer n = inputShape.get(first + i);
            Integer o = null;
            if (n != null) {
                o = padding.equals("valid")
                        ? Math.floorDiv(n - dilationRate[i] * (kernelSize[i] - 1) - 1, strides[i]) + 1
                        : Math.floorDiv(n - 1, strides[i]) + 1;
                nonPositive |= o <= 0;
            }
            out.set(first + i, o);
        }
        if (nonPositive) {
            Integer channels = inputShape.get(channelAxis());
            int[] k = Arrays.copyOf(kernelSize, rank + 2);
            k[rank] = channels == null ? -1 : channels / groups;
            k[rank + 1] = filters;
            throw new IllegalArgumentException("Layer \"" + name() + "\": computed output size would be negative or zero"
                    + " (the output would have a non-positive dimension). Received inputs shape=" + inputShape
                    + ", kernel shape=" + tupleString(k) + ", dilation_rate=" + tupleString(dilationRate)
                    + ". Use a smaller kernel_size or dilation_rate, a larger input, or padding=\"same\".");
        }
        out.set(channelAxis(), filters);
        return Shape.of(out);
    }

    // ------------------------------------------------------------------ computation

    /**
     * The native convolution of one group, with no dilation: {@code x} with this group's channels, {@code w} its
     * kernel slice (its spatial sizes are the window), {@code b} its bias slice or {@code null}; returns the
     * pre-activation output.
     */
    protected abstract INDArray convolve(INDArray x, INDArray w, INDArray b);

    /**
     * The native gradient of {@link #convolve}: given d(loss)/d(output) {@code dz}, returns
     * {@code {dx, dw, db}} ({@code db} null when {@code b} is null).
     */
    protected abstract INDArray[] convolveBackward(INDArray x, INDArray w, INDArray b, INDArray dz);

    /**
     * The weight gradients alone ({@code {null, dw, db}}) when the input gradient is not wanted, or
     * {@code null} where this convolution has no cheaper way than {@link #convolveBackward}.
     */
    protected INDArray[] convolveWeightsBackward(INDArray x, INDArray w, INDArray b, INDArray dz) {
        return null;
    }

    @Override
    protected Forward forward(INDArray input, boolean training) {
        INDArray w = KernelDilation.dilate(kernel.value(), kernelSize, dilationRate);
        INDArray b = useBias ? bias.value() : null;
        INDArray z = groups == 1 ? convolve(input, w, b) : groupedForward(input, w, b);
        INDArray y = act.forward(z);
        Forward f = Forward.of(y, dOut -> {
            INDArray[] g = fullBackward(input, w, b, act.backward(z, y, dOut));
            addGrads(g);
            return g[0];
        });
        // A convolution on a model input (a CNN's first layer): skip d(loss)/d(input) where the subclass can.
        return f.withWeightsOnlyBackward(dOut -> {
            if (!trainable()) return;
            INDArray dz = act.backward(z, y, dOut);
            INDArray[] g = groups == 1 ? convolveWeightsBackward(input, w, b, dz) : null;
            addGrads(g != null ? g : fullBackward(input, w, b, dz));
        });
    }

    /** {@code {dx, dw, db}} from d(loss)/d(z), grouped or not. */
    private INDArray[] fullBackward(INDArray x, INDArray w, INDArray b, INDArray dz) {
        return groups == 1 ? convolveBackward(x, w, b, dz) : groupedBackward(x, w, b, dz);
    }

    /** Adds {@code {dx, dw, db}}'s weight parts to the variables' gradients (none for a frozen layer). */
    private void addGrads(INDArray[] g) {
        if (!trainable()) return;
        kernel.addGrad(KernelDilation.undilate(g[1], kernelSize, dilationRate));
        if (useBias) bias.addGrad(g[2]);
    }

    // ND4J M2.1's oneDNN convolution rejects every dilation > 1: a dilated convolution runs as the plain one with
    // the dilated kernel (see KernelDilation).

    // ND4J's convolution ops have no groups argument: a grouped convolution is `groups` native
    // convolutions on channel slices, joined on the channel axis (one op per group, never per element).

    /** Group {@code g}'s part of {@code a} along {@code axis}, contiguous (the native ops want dense inputs); null stays null. */
    private INDArray slice(INDArray a, int axis, int g) {
        if (a == null) return null;
        long per = a.size(axis) / groups;
        INDArrayIndex[] idx = new INDArrayIndex[a.rank()];
        for (int i = 0; i < idx.length; i++) idx[i] = NDArrayIndex.all();
        idx[axis] = NDArrayIndex.interval(g * per, (g + 1) * per);
        return a.get(idx).dup();
    }

    private INDArray groupedForward(INDArray x, INDArray w, INDArray b) {
        INDArray[] parts = new INDArray[groups];
        for (int g = 0; g < groups; g++) {
            parts[g] = convolve(slice(x, channelAxis(), g), slice(w, rank + 1, g), slice(b, 0, g));
        }
        return Nd4j.concat(channelAxis(), parts);
    }

    private INDArray[] groupedBackward(INDArray x, INDArray w, INDArray b, INDArray dz) {
        INDArray[] dx = new INDArray[groups];
        INDArray[] dw = new INDArray[groups];
        INDArray[] db = new INDArray[groups];
        for (int g = 0; g < groups; g++) {
            INDArray[] r = convolveBackward(slice(x, channelAxis(), g), slice(w, rank + 1, g), slice(b, 0, g),
                    slice(dz, channelAxis(), g));
            dx[g] = r[0];
            dw[g] = r[1];
            db[g] = r[2];
        }
        return new INDArray[]{Nd4j.concat(channelAxis(), dx), Nd4j.concat(rank + 1, dw), b == null ? null : Nd4j.concat(0, db)};
    }

    // ------------------------------------------------------------------ config

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("filters", filters);
        c.put("kernel_size", toList(kernelSize));
        c.put("strides", toList(strides));
        c.put("padding", padding);
        c.put("data_format", dataFormat);
        c.put("dilation_rate", toList(dilationRate));
        c.put("groups", groups);
        c.put("activation", activation);
        c.put("use_bias", useBias);
        c.put("kernel_initializer", Initializers.serialize(kernelInitializer));
        c.put("bias_initializer", Initializers.serialize(biasInitializer));
        c.put("kernel_regularizer", Regularizers.serialize(kernelRegularizer));
        c.put("bias_regularizer", Regularizers.serialize(biasRegularizer));
        c.put("activity_regularizer", null);
        c.put("kernel_constraint", Constraints.serialize(kernelConstraint));
        c.put("bias_constraint", Constraints.serialize(biasConstraint));
        return c;
    }

    private static List<Integer> toList(int[] v) {
        List<Integer> l = new ArrayList<>();
        for (int x : v) l.add(x);
        return l;
    }

    /**
     * Applies the keys of a Keras config (any version: Keras 1's {@code nb_filter}, {@code border_mode},
     * {@code subsample} are read too) other than {@code filters} and {@code kernel_size}; returns the layer.
     */
    protected T applyConfig(Config c) {
        int[] s = c.getInts("strides", "subsample", "subsample_length");
        if (s != null) strides(s);
        int[] d = c.getInts("dilation_rate");
        if (d != null) dilationRate(d);
        String p = c.getString("padding", c.getString("border_mode", "valid"));
        padding(p);
        String f = c.getString("data_format", null);
        if (f != null) dataFormat(f);
        if (c.has("groups")) groups(c.getInt("groups", 1));
        activation(Activations.get(c.get("activation")).name());
        useBias(c.getBoolean("use_bias", c.getBoolean("bias", true)));
        Object ki = c.get("kernel_initializer", "init");
        if (ki != null) kernelInitializer(ki);
        if (c.get("bias_initializer") != null) biasInitializer(c.get("bias_initializer"));
        kernelRegularizer(c.get("kernel_regularizer", "W_regularizer"));
        biasRegularizer(c.get("bias_regularizer", "b_regularizer"));
        kernelConstraint(c.get("kernel_constraint", "W_constraint"));
        biasConstraint(c.get("bias_constraint", "b_constraint"));
        return withBaseConfig(c);
    }
}
