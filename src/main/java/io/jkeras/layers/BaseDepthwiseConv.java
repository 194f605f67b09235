package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.Variable;
import io.jkeras.constraints.Constraint;
import io.jkeras.constraints.Constraints;
import io.jkeras.initializers.GlorotUniform;
import io.jkeras.initializers.Initializer;
import io.jkeras.initializers.Initializers;
import io.jkeras.regularizers.Regularizer;
import io.jkeras.regularizers.Regularizers;
import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shared part of {@link DepthwiseConv1D} and {@link DepthwiseConv2D}, as Keras's {@code BaseDepthwiseConv}, and
 * the depthwise step of {@link BaseSeparableConv}: each input channel convolved with its own
 * {@code depth_multiplier} filters, channels never mixed. Output channel {@code c * depth_multiplier + m}.
 *
 * <p>Depthwise kernel {@code (*kernel_size, in_channels, depth_multiplier)} and, for the depthwise layers, bias
 * {@code (in_channels * depth_multiplier,)}; output sizes as {@link Conv2D}'s. Runs ND4J's native
 * {@code depthwise_conv2d}/{@code depthwise_conv2d_bp} (the 1-D layers over a height of 1), whose weight layout 0 is
 * Keras's. ND4J M2.1 runs it on oneDNN in float32 when {@code depth_multiplier} is 1, on its own kernels otherwise.
 *
 * <pre>{@code
 * jshell> new DepthwiseConv2D(3).depthMultiplier(2).apply(Input.shape(28, 28, 8)).shape()
 * $1 ==> (None, 26, 26, 16)
 * }</pre>
 *
 * @param <T> the concrete layer, so that the fluent setters return it
 */
public abstract class BaseDepthwiseConv<T extends BaseDepthwiseConv<T>> extends BaseSpatialConv<T> {
    private int depthMultiplier = 1;
    private Initializer depthwiseInitializer = new GlorotUniform();
    private Regularizer depthwiseRegularizer;
    private Constraint depthwiseConstraint;
    /** The depthwise kernel, {@code (*kernel_size, in_channels, depth_multiplier)}; null before build. */
    protected Variable depthwiseKernel;

    /**
     * @param rank the number of spatial dimensions
     * @param kernelSize one size for every spatial axis, or {@code rank} sizes
     */
    protected BaseDepthwiseConv(int rank, int... kernelSize) {
        super(rank, kernelSize);
    }

    /** How many output channels each input channel gets (default 1). */
    public T depthMultiplier(int m) {
        requireNotBuilt("depth_multiplier");
        if (m <= 0) {
            throw new IllegalArgumentException("Invalid value for argument `depth_multiplier`. Expected a strictly positive value. Received depth_multiplier="
                    + m + ".");
        }
        this.depthMultiplier = m;
        return self();
    }

    /** The depthwise kernel initializer: a Keras name or an {@link Initializer} (default glorot_uniform). */
    public T depthwiseInitializer(Object spec) {
        requireNotBuilt("depthwise_initializer");
        this.depthwiseInitializer = Initializers.get(spec);
        return self();
    }

    /** A depthwise kernel penalty: a Keras name ({@code "l2"}) or a {@link Regularizer}. */
    public T depthwiseRegularizer(Object spec) {
        requireNotBuilt("depthwise_regularizer");
        this.depthwiseRegularizer = Regularizers.get(spec);
        return self();
    }

    /** A depthwise kernel constraint: a Keras name or a {@link Constraint}. */
    public T depthwiseConstraint(Object spec) {
        requireNotBuilt("depthwise_constraint");
        this.depthwiseConstraint = Constraints.get(spec);
        return self();
    }

    /** The number of output channels per input channel. */
    public int depthMultiplier() {
        return depthMultiplier;
    }

    /** Keras's name for the depthwise kernel: {@code "kernel"} in the depthwise layers (Keras 3), {@code "depthwise_kernel"} in the separable ones. */
    protected abstract String depthwiseKernelName();

    /** The output channels for {@code channels} input channels. */
    protected abstract int outputChannels(int channels);

    /** Creates the weights after the depthwise kernel: the bias here, pointwise kernel and bias in the separable layers. */
    protected void buildAfterDepthwise(int channels) {
        addBias((long) channels * depthMultiplier);
    }

    @Override
    protected void checkInputs(List<Shape> shapes) {
        super.checkInputs(shapes);
        computeOutputShape(shapes.get(0)); // a kernel larger than the input fails here, before any native op runs
    }

    @Override
    protected void build(Shape inputShape) {
        int channels = buildChannels(inputShape);
        depthwiseKernel = addWeight(depthwiseKernelName(), toLongs(kernelShape(channels, depthMultiplier)),
                depthwiseInitializer, depthwiseRegularizer, depthwiseConstraint, true);
        buildAfterDepthwise(channels);
    }

    /**
     * As Keras's {@code compute_conv_output_shape}: sizes {@code floor((n - dilation*(k-1) - 1) / stride) + 1}
     * ("valid") or {@code ceil(n / stride)} ("same"); raises when a size is not positive (a kernel larger than the
     * input), naming the depthwise kernel's shape.
     */
    @Override
    public Shape computeOutputShape(Shape inputShape) {
        Integer c = inputShape.get(channelAxis());
        int channels = c == null ? -1 : c;
        List<Integer> out = new ArrayList<>(inputShape.dims());
        int[] k = kernelSize();
        int[] s = strides();
        int[] dilation = dilationRate();
        boolean nonPositive = false;
        for (int i = 0; i < rank; i++) {
            Integer n = inputShape.get(firstSpatialAxis() + i);
            Integer o = null;
            if (n != null) {
                o = padding().equals("valid")
                        ? Math.floorDiv(n - dilation[i] * (k[i] - 1) - 1, s[i]) + 1
                        : Math.floorDiv(n - 1, s[i]) + 1;
                nonPositive |= o <= 0;
            }
            out.set(firstSpatialAxis() + i, o);
        }
        if (nonPositive) {
            throw new IllegalArgumentException("Layer \"" + name() + "\": computed output size would be negative or zero"
                    + " (the output would have a non-positive dimension). Received inputs shape=" + inputShape
                    + ", kernel shape=" + BaseConv.tupleString(kernelShape(channels, depthMultiplier)) + ", dilation_rate=" + BaseConv.tupleString(dilation)
                    + ". Use a smaller kernel_size or dilation_rate, a larger input, or padding=\"same\".");
        }
        out.set(channelAxis(), outputChannels(channels));
        return Shape.of(out);
    }

    /** The depthwise op's arguments for the (2-D, dilated) kernel {@code w}: dilation is in the kernel, so 1 here. */
    protected int[] depthwiseArgs(INDArray w) {
        int[] s = rank == 1 ? new int[]{1, strides()[0]} : strides();
        return NativeDeconv.depthwiseArgs(w.size(0), w.size(1), s[0], s[1], padding().equals("same"), channelsLast());
    }

    @Override
    protected Forward forward(INDArray input, boolean training) {
        INDArray x = to2d(input);
        INDArray wd = dilated(depthwiseKernel.value());
        INDArray w = ConvViews.kernel2d(wd, rank);
        int[] args = depthwiseArgs(w);
        INDArray b = useBias() ? bias.value() : null;
        INDArray z = NativeConv.forward("depthwise_conv2d", args, x, w, b);
        INDArray y = act().forward(z);
        return Forward.of(from2d(y), dOut -> {
            INDArray dz = act().backward(z, y, to2d(dOut));
            INDArray[] g = NativeConv.backward("depthwise_conv2d", args, x, w, b, dz);
            if (trainable()) { // a frozen layer needs no weight gradients
                depthwiseKernel.addGrad(undilated(g[1], wd.shape()));
                if (b != null) bias.addGrad(g[2]);
            }
            return from2d(g[0]);
        });
    }

    // ------------------------------------------------------------------ config

    /** Puts the keys between depth_multiplier and kernel_size (filters, in the separable layers). */
    protected void putLeadingConfig(Map<String, Object> c) {
    }

    /** Puts the pointwise setting of this kind ("initializer", "regularizer", "constraint"), in the separable layers. */
    protected void putPointwiseConfig(Map<String, Object> c, String kind) {
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("depth_multiplier", depthMultiplier);
        putLeadingConfig(c);
        putWindowConfig(c);
        c.put("depthwise_initializer", Initializers.serialize(depthwiseInitializer));
        putPointwiseConfig(c, "initializer");
        c.put("bias_initializer", biasConfig("initializer"));
        c.put("depthwise_regularizer", Regularizers.serialize(depthwiseRegularizer));
        putPointwiseConfig(c, "regularizer");
        c.put("bias_regularizer", biasConfig("regularizer"));
        c.put("activity_regularizer", null);
        c.put("depthwise_constraint", Constraints.serialize(depthwiseConstraint));
        putPointwiseConfig(c, "constraint");
        c.put("bias_constraint", biasConfig("constraint"));
        return c;
    }

    /** Applies a Keras config's keys other than {@code kernel_size} (and {@code filters}); returns the layer. */
    protected T applyConfig(Config c) {
        depthMultiplier(c.getInt("depth_multiplier", 1));
        if (c.get("depthwise_initializer") != null) depthwiseInitializer(c.get("depthwise_initializer"));
        depthwiseRegularizer(c.get("depthwise_regularizer"));
        depthwiseConstraint(c.get("depthwise_constraint"));
        return applyWindowConfig(c);
    }
}
