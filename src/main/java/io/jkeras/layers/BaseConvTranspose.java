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
 * The shared part of {@link Conv1DTranspose}, {@link Conv2DTranspose} and {@link Conv3DTranspose}, as Keras's
 * {@code BaseConvTranspose}: {@code activation(conv_transpose(input, kernel) + bias)}, the gradient of a forward
 * convolution taken as a layer (upsampling with learned filters).
 *
 * <p>Kernel {@code (*kernel_size, filters, in_channels)} (output channels before input channels, Keras's layout) and
 * bias {@code (filters,)}. Output size per axis, Keras's {@code deconv_output_length} with {@code k' = d*(k-1)+1}:
 * "valid" {@code (n-1)*s + k' + output_padding} (output_padding defaulting to {@code max(k', s) - k'}), "same"
 * {@code n*s}, or {@code (n-1)*s + k' % 2 + output_padding} when output_padding is given.
 *
 * <p>Runs ND4J's native {@code deconv2d}/{@code deconv3d} and their {@code _bp} ops (the 1-D layer over a height of
 * 1) in "valid" mode with explicit symmetric padding, the form that runs on oneDNN; Keras's sizes differ from that
 * only at the trailing edge, which is cut or zero-extended ({@link NativeDeconv#fit}).
 *
 * <pre>{@code
 * jshell> new Conv2DTranspose(16, 3).strides(2).padding("same").apply(Input.shape(7, 7, 8)).shape()
 * $1 ==> (None, 14, 14, 16)
 * }</pre>
 *
 * @param <T> the concrete layer, so that the fluent setters return it
 */
public abstract class BaseConvTranspose<T extends BaseConvTranspose<T>> extends BaseSpatialConv<T> {
    /** The number of output channels. */
    protected final int filters;
    private int[] outputPadding;
    private Initializer kernelInitializer = new GlorotUniform();
    private Regularizer kernelRegularizer;
    private Constraint kernelConstraint;
    /** The kernel, {@code (*kernel_size, filters, in_channels)}; null before build. */
    protected Variable kernel;

    /**
     * @param rank the number of spatial dimensions
     * @param filters the number of output channels, positive
     * @param kernelSize one size for every spatial axis, or {@code rank} sizes
     */
    protected BaseConvTranspose(int rank, int filters, int... kernelSize) {
        super(rank, kernelSize);
        if (filters <= 0) {
            throw new IllegalArgumentException("Invalid value for argument `filters`. Expected a strictly positive value. Received filters="
                    + filters + ".");
        }
        this.filters = filters;
    }

    /** Extra size added at the end of each axis, each below its stride; {@code null} (the default) for Keras's None. */
    public T outputPadding(int... p) {
        requireNotBuilt("output_padding");
        this.outputPadding = p == null ? null : tuple("output_padding", p, 0);
        return self();
    }

    /** The kernel initializer: a Keras name ({@code "he_normal"}) or an {@link Initializer} (default glorot_uniform). */
    public T kernelInitializer(Object spec) {
        requireNotBuilt("kernel_initializer");
        this.kernelInitializer = Initializers.get(spec);
        return self();
    }

    /** A kernel penalty: a Keras name ({@code "l2"}) or a {@link Regularizer}. */
    public T kernelRegularizer(Object spec) {
        requireNotBuilt("kernel_regularizer");
        this.kernelRegularizer = Regularizers.get(spec);
        return self();
    }

    /** A kernel constraint: a Keras name ({@code "max_norm"}) or a {@link Constraint}. */
    public T kernelConstraint(Object spec) {
        requireNotBuilt("kernel_constraint");
        this.kernelConstraint = Constraints.get(spec);
        return self();
    }

    /** The number of output channels. */
    public int filters() {
        return filters;
    }

    /** The output padding per axis, or null for None. */
    public int[] outputPadding() {
        return outputPadding == null ? null : outputPadding.clone();
    }

    @Override
    protected void checkInputs(List<Shape> shapes) {
        super.checkInputs(shapes);
        computeOutputShape(shapes.get(0)); // a non-positive size fails here, before any native op runs
    }

    @Override
    protected void build(Shape inputShape) {
        int[] s = strides();
        for (int i = 0; outputPadding != null && i < rank; i++) {
            if (outputPadding[i] >= s[i]) {
                throw new IllegalArgumentException("`output_padding` must be < `strides`. output_padding="
                        + BaseConv.tupleString(outputPadding) + ", strides=" + BaseConv.tupleString(s));
            }
        }
        int channels = buildChannels(inputShape);
        kernel = addWeight("kernel", toLongs(kernelShape(filters, channels)), kernelInitializer, kernelRegularizer, kernelConstraint, true);
        addBias(filters);
    }

    /** Keras's {@code deconv_output_length} for one axis of length {@code n}, dilated window {@code kEff}; op null for None. */
    static long outputLength(long n, long kEff, int s, String padding, Integer op) {
        if (padding.equals("valid")) return (n - 1) * s + kEff + (op == null ? Math.max(kEff, s) - kEff : op);
        return op == null ? n * s : (n - 1) * s + kEff % 2 + op;
    }

    @Override
    public Shape computeOutputShape(Shape inputShape) {
        List<Integer> out = new ArrayList<>(inputShape.dims());
        int[] k = KernelDilation.effectiveSize(kernelSize(), dilationRate());
        for (int i = 0; i < rank; i++) {
            Integer n = inputShape.get(firstSpatialAxis() + i);
            Integer o = n == null ? null : Math.toIntExact(outputLength(n, k[i], strides()[i], padding(), opAt(i)));
            if (o != null && o <= 0) {
                Integer ch = inputShape.get(channelAxis());
                throw new IllegalArgumentException("Layer \"" + name() + "\": computed output size would be negative or zero. Received inputs shape="
                        + inputShape + ", kernel shape=" + BaseConv.tupleString(kernelShape(filters, ch == null ? -1 : ch)) + ", strides="
                        + BaseConv.tupleString(strides()) + ", output_padding=" + BaseConv.tupleString(outputPadding) + ".");
            }
            out.set(firstSpatialAxis() + i, o);
        }
        out.set(channelAxis(), filters);
        return Shape.of(out);
    }

    private Integer opAt(int axis) {
        return outputPadding == null ? null : outputPadding[axis];
    }

    @Override
    protected Forward forward(INDArray input, boolean training) {
        INDArray x = to2d(input);
        INDArray wd = dilated(kernel.value());
        INDArray w = ConvViews.kernel2d(wd, rank);
        int nsp = x.rank() - 2; // 2 for Conv1DTranspose (a height of 1) and Conv2DTranspose, 3 for Conv3DTranspose
        int first = channelsLast() ? 1 : 2;
        int cAxis = channelsLast() ? nsp + 1 : 1;
        int[] s = rank == 1 ? new int[]{1, strides()[0]} : strides();
        long[] k = new long[nsp];
        long[] pads = new long[nsp];
        long[] target = x.shape().clone();
        long[] nat = x.shape().clone();
        boolean extended = false;
        for (int a = 0; a < nsp; a++) {
            k[a] = w.size(a);
            long n = x.size(first + a);
            long o = outputLength(n, k[a], s[a], padding(), rank == 1 ? (a == 0 ? null : opAt(0)) : opAt(a));
            long full = (n - 1) * s[a] + k[a];
            // TensorFlow's forward "same" padding puts floor(total/2) before: the symmetric part that ND4J can cut
            pads[a] = padding().equals("same") ? Math.max(full - o, 0) / 2 : 0;
            target[first + a] = o;
            nat[first + a] = full - 2 * pads[a];
            extended |= nat[first + a] < o;
        }
        target[cAxis] = filters;
        nat[cAxis] = filters;
        String op = nsp == 3 ? "deconv3d" : "deconv2d";
        int[] args = nsp == 3 ? NativeDeconv.deconv3dArgs(k, s, pads, channelsLast()) : NativeDeconv.deconv2dArgs(k, s, pads, channelsLast());
        // zero-extended positions still get the bias: then it is added after the fit, not fused into the op
        INDArray b = useBias() && !extended ? bias.value() : null;
        INDArray z = NativeDeconv.fit(NativeConv.forward(op, args, x, w, b), target);
        if (useBias() && extended) NativeDeconv.addBias(z, bias.value(), channelsLast());
        INDArray y = act().forward(z);
        boolean fused = b != null;
        return Forward.of(from2d(y), dOut -> {
            INDArray dz = act().backward(z, y, to2d(dOut));
            INDArray[] g = NativeConv.backward(op, args, x, w, b, NativeDeconv.fit(dz, nat));
            if (trainable()) { // a frozen layer needs no weight gradients
                kernel.addGrad(undilated(g[1], wd.shape()));
                if (useBias()) bias.addGrad(fused ? g[2] : NativeDeconv.biasGrad(dz, cAxis));
            }
            return from2d(g[0]);
        });
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("filters", filters);
        putWindowConfig(c);
        c.put("kernel_initializer", Initializers.serialize(kernelInitializer));
        c.put("bias_initializer", biasConfig("initializer"));
        c.put("kernel_regularizer", Regularizers.serialize(kernelRegularizer));
        c.put("bias_regularizer", biasConfig("regularizer"));
        c.put("activity_regularizer", null);
        c.put("kernel_constraint", Constraints.serialize(kernelConstraint));
        c.put("bias_constraint", biasConfig("constraint"));
        // Keras 3 leaves output_padding out of its config; tf.keras writes it last. Written only when set.
        if (outputPadding != null) c.put("output_padding", toList(outputPadding));
        return c;
    }

    /** Applies a Keras config's keys other than {@code filters} and {@code kernel_size} (Keras 3 and tf.keras 2); returns the layer. */
    protected T applyConfig(Config c) {
        int[] op = c.getInts("output_padding");
        if (op != null) outputPadding(op);
        if (c.get("kernel_initializer") != null) kernelInitializer(c.get("kernel_initializer"));
        kernelRegularizer(c.get("kernel_regularizer"));
        kernelConstraint(c.get("kernel_constraint"));
        return applyWindowConfig(c);
    }
}
