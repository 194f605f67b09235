package io.jkeras.layers;

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

import java.util.Arrays;
import java.util.Map;

/**
 * The shared part of {@link SeparableConv1D} and {@link SeparableConv2D}, as Keras's {@code BaseSeparableConv}: a
 * depthwise convolution (each channel on its own, {@code depth_multiplier} filters each) followed by a pointwise
 * (1x1) convolution that mixes the channels into {@code filters}, then bias and activation.
 *
 * <p>Weights in Keras's order and layouts: {@code depthwise_kernel (*kernel_size, in, depth_multiplier)},
 * {@code pointwise_kernel (1, [1,] in * depth_multiplier, filters)}, {@code bias (filters,)}. Strides, padding and
 * dilation belong to the depthwise step. Runs as two native ops, {@code depthwise_conv2d} then a 1x1 {@code conv2d}
 * (and their {@code _bp} ops), rather than ND4J's fused {@code sconv2d}: that one calls its own generic kernels
 * internally, while the two ops each take ND4J's oneDNN path where it has one.
 *
 * <pre>{@code
 * jshell> new SeparableConv2D(16, 3).apply(Input.shape(28, 28, 8)).shape()
 * $1 ==> (None, 26, 26, 16)
 * }</pre>
 *
 * @param <T> the concrete layer, so that the fluent setters return it
 */
public abstract class BaseSeparableConv<T extends BaseSeparableConv<T>> extends BaseDepthwiseConv<T> {
    /** The number of output channels. */
    protected final int filters;
    private Initializer pointwiseInitializer = new GlorotUniform();
    private Regularizer pointwiseRegularizer;
    private Constraint pointwiseConstraint;
    /** The pointwise kernel, {@code (1, [1,] in * depth_multiplier, filters)}; null before build. */
    protected Variable pointwiseKernel;

    /**
     * @param rank the number of spatial dimensions
     * @param filters the number of output channels, positive
     * @param kernelSize the depthwise window: one size for every spatial axis, or {@code rank} sizes
     */
    protected BaseSeparableConv(int rank, int filters, int... kernelSize) {
        super(rank, kernelSize);
        if (filters <= 0) {
            throw new IllegalArgumentException("Invalid value for argument `filters`. Expected a strictly positive value. Received filters="
                    + filters + ".");
        }
        this.filters = filters;
    }

    /** The pointwise kernel initializer: a Keras name or an {@link Initializer} (default glorot_uniform). */
    public T pointwiseInitializer(Object spec) {
        requireNotBuilt("pointwise_initializer");
        this.pointwiseInitializer = Initializers.get(spec);
        return self();
    }

    /** A pointwise kernel penalty: a Keras name ({@code "l2"}) or a {@link Regularizer}. */
    public T pointwiseRegularizer(Object spec) {
        requireNotBuilt("pointwise_regularizer");
        this.pointwiseRegularizer = Regularizers.get(spec);
        return self();
    }

    /** A pointwise kernel constraint: a Keras name or a {@link Constraint}. */
    public T pointwiseConstraint(Object spec) {
        requireNotBuilt("pointwise_constraint");
        this.pointwiseConstraint = Constraints.get(spec);
        return self();
    }

    /** The number of output channels. */
    public int filters() {
        return filters;
    }

    @Override
    protected String depthwiseKernelName() {
        return "depthwise_kernel";
    }

    @Override
    protected int outputChannels(int channels) {
        return filters;
    }

    @Override
    protected void buildAfterDepthwise(int channels) {
        long[] shape = new long[rank + 2];
        Arrays.fill(shape, 1);
        shape[rank] = (long) channels * depthMultiplier();
        shape[rank + 1] = filters;
        pointwiseKernel = addWeight("pointwise_kernel", shape, pointwiseInitializer, pointwiseRegularizer, pointwiseConstraint, true);
        addBias(filters);
    }

    @Override
    protected Forward forward(INDArray input, boolean training) {
        INDArray x = to2d(input);
        INDArray wd = dilated(depthwiseKernel.value());
        INDArray w = ConvViews.kernel2d(wd, rank);
        INDArray p = ConvViews.kernel2d(pointwiseKernel.value(), rank);
        int[] dArgs = depthwiseArgs(w);
        int[] pArgs = NativeConv.conv2dArgs(new int[]{1, 1}, new int[]{1, 1}, new int[]{1, 1}, false, channelsLast());
        INDArray b = useBias() ? bias.value() : null;
        INDArray h = NativeConv.forward("depthwise_conv2d", dArgs, x, w, null);
        INDArray z = NativeConv.forward("conv2d", pArgs, h, p, b);
        INDArray y = act().forward(z);
        return Forward.of(from2d(y), dOut -> {
            INDArray dz = act().backward(z, y, to2d(dOut));
            INDArray[] gp = NativeConv.backward("conv2d", pArgs, h, p, b, dz);
            INDArray[] gd = NativeConv.backward("depthwise_conv2d", dArgs, x, w, null, gp[0]);
            if (trainable()) { // a frozen layer needs no weight gradients
                depthwiseKernel.addGrad(undilated(gd[1], wd.shape()));
                pointwiseKernel.addGrad(gp[1].reshape(pointwiseKernel.value().shape()));
                if (b != null) bias.addGrad(gp[2]);
            }
            return from2d(gd[0]);
        });
    }

    @Override
    protected void putLeadingConfig(Map<String, Object> c) {
        c.put("filters", filters);
    }

    @Override
    protected void putPointwiseConfig(Map<String, Object> c, String kind) {
        c.put("pointwise_" + kind, switch (kind) {
            case "initializer" -> Initializers.serialize(pointwiseInitializer);
            case "regularizer" -> Regularizers.serialize(pointwiseRegularizer);
            default -> Constraints.serialize(pointwiseConstraint);
        });
    }

    @Override
    protected T applyConfig(Config c) {
        if (c.get("pointwise_initializer") != null) pointwiseInitializer(c.get("pointwise_initializer"));
        pointwiseRegularizer(c.get("pointwise_regularizer"));
        pointwiseConstraint(c.get("pointwise_constraint"));
        return super.applyConfig(c);
    }
}
