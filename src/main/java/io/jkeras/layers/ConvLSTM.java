package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.initializers.Initializer;
import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The convolutional LSTM of {@link ConvLSTM1D}, {@link ConvLSTM2D} and {@link ConvLSTM3D}, as Keras's
 * {@code keras.layers.ConvLSTM} with its {@code ConvLSTMCell}: an {@link LSTM} whose input and recurrent
 * transformations are convolutions,
 * <pre>
 * z = conv(x_t, W, strides, padding, dilation) + b + conv(h, U, strides 1, "same"),  gates i, f, c, o of z
 * c' = f ⊙ c + i ⊙ tanh(z_c),  h' = o ⊙ tanh(c')
 * </pre>
 * Weights in Keras's layout: kernel {@code (*kernel_size, channels, 4·filters)}, recurrent_kernel
 * {@code (*kernel_size, filters, 4·filters)}, bias {@code (4·filters,)}, gates in the order i, f, c, o.
 *
 * <p>Input {@code (batch, time, *spatial, channels)} ({@code (batch, time, channels, *spatial)} with
 * {@code channels_first}), optionally followed by the initial states {@code [h0, c0]}, each shaped as one output
 * step. Output {@code (batch, *spatial', filters)}, or {@code (batch, time, *spatial', filters)} with
 * {@code return_sequences}; with {@code return_state}, {@code [output, h, c]}. Masks over time steps,
 * {@code go_backwards}, {@code stateful}, initial states and dropout (four masks of the step's shape per sequence,
 * as Keras) are those of {@link RecurrentBase}: the loop runs on each step's feature map flattened to one vector,
 * and {@link ConvLstmKernel} convolves it with ND4J's native {@code conv2d}/{@code conv3dnew} ops.
 *
 * @param <S> the concrete layer, so that the fluent setters chain
 */
public abstract class ConvLSTM<S extends ConvLSTM<S>> extends RecurrentBase<S> {
    final int rank;
    int[] kernelSize;
    int[] strides;
    int[] dilationRate;
    boolean samePadding;
    boolean channelsFirst;
    boolean unitForgetBias = true;
    /** The geometry once built (or checked): spatial input and output sizes and channels. */
    ConvLstmGeometry geometry;
    private ConvLstmKernel loop;

    ConvLSTM(int rank, int filters, int... kernelSize) {
        super(checkFilters(filters));
        this.rank = rank;
        this.kernelSize = tuple("kernel_size", kernelSize);
        this.strides = tuple("strides", new int[]{1});
        this.dilationRate = tuple("dilation_rate", new int[]{1});
        this.inputSpec = new InputSpec().ndim(rank + 3);
    }

    private static int checkFilters(int filters) {
        if (filters <= 0) {
            throw new IllegalArgumentException("Invalid value for argument `filters`. Expected a strictly positive value. Received filters="
                    + filters + ".");
        }
        return filters;
    }

    private int[] tuple(String arg, int[] v) {
        if (v == null || (v.length != 1 && v.length != rank)) {
            throw new IllegalArgumentException("The `" + arg + "` argument must be a tuple of " + rank + " integers. Received "
                    + arg + "=" + Arrays.toString(v));
        }
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) out[i] = v.length == 1 ? v[0] : v[i];
        for (int x : out) {
            if (x < 1) {
                throw new IllegalArgumentException("The `" + arg + "` argument must be a tuple of " + rank + " integers. Received "
                        + arg + "=" + BaseConv.tupleString(out) + ", including values that do not satisfy `value >= 1`");
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private S me() {
        return (S) this;
    }

    /** The strides of the input convolution, one value or one per spatial axis (default 1). */
    public S strides(int... s) {
        requireNotBuilt("strides");
        strides = tuple("strides", s);
        checkStridesAndDilation();
        return me();
    }

    /** The dilation of the input convolution (default 1; the recurrent convolution is never dilated, as Keras). */
    public S dilationRate(int... d) {
        requireNotBuilt("dilation_rate");
        dilationRate = tuple("dilation_rate", d);
        checkStridesAndDilation();
        return me();
    }

    private void checkStridesAndDilation() {
        if (Arrays.stream(strides).max().getAsInt() > 1 && Arrays.stream(dilationRate).max().getAsInt() > 1) {
            throw new IllegalArgumentException("Specifying `strides > 1` is not compatible with `dilation_rate > 1`. Please provide "
                    + "`strides=1` or `dilation_rate=1`. Received: strides=" + BaseConv.tupleString(strides)
                    + " and dilation_rate=" + BaseConv.tupleString(dilationRate));
        }
    }

    /** {@code "valid"} (default) or {@code "same"}, for the input convolution; the recurrent one is always "same". */
    public S padding(String p) {
        requireNotBuilt("padding");
        String v = p.toLowerCase(java.util.Locale.ROOT);
        if (!v.equals("valid") && !v.equals("same")) {
            throw new IllegalArgumentException("The `padding` argument must be a list/tuple or one of \"valid\", \"same\". Received: " + p);
        }
        samePadding = v.equals("same");
        return me();
    }

    /** {@code "channels_last"} (default) or {@code "channels_first"}. */
    public S dataFormat(String f) {
        requireNotBuilt("data_format");
        if (f == null) return me();
        String v = f.toLowerCase(java.util.Locale.ROOT);
        if (!v.equals("channels_last") && !v.equals("channels_first")) {
            throw new IllegalArgumentException("The `data_format` argument must be one of {'channels_first', 'channels_last'}. Received: data_format=" + f);
        }
        channelsFirst = v.equals("channels_first");
        return me();
    }

    /** Whether the forget gate's bias starts at 1 (default true). */
    public S unitForgetBias(boolean b) {
        requireNotBuilt("unit_forget_bias");
        unitForgetBias = b;
        return me();
    }

    /** The number of output channels. */
    public int filters() {
        return units;
    }

    /** The kernel size, one per spatial axis. */
    public int[] kernelSize() {
        return kernelSize.clone();
    }

    // ------------------------------------------------------------------ cell

    @Override
    int stateCount() {
        return 2;
    }

    @Override
    int dropoutMaskCount() {
        return 4; // Keras's ConvLSTMCell: dropout_mask_count = 4, one mask per gate
    }

    @Override
    long stateSize() {
        return geometry.stateSize();
    }

    @Override
    void buildCell(int inputDim) {
        long f4 = 4L * units;
        kernel = addWeight("kernel", ConvLstmGeometry.concat(kernelSize, inputDim, f4), kernelInitializer, kernelRegularizer,
                kernelConstraint, true);
        recurrentKernel = addWeight("recurrent_kernel", ConvLstmGeometry.concat(kernelSize, units, f4), recurrentInitializer,
                recurrentRegularizer, recurrentConstraint, true);
        if (useBias) {
            Initializer init = unitForgetBias ? new LSTM.ForgetBiasOnes(biasInitializer, units) : biasInitializer;
            bias = addWeight("bias", new long[]{f4}, init, biasRegularizer, biasConstraint, true);
        }
    }

    @Override
    RecurrentKernel kernel() {
        if (loop == null) loop = new ConvLstmKernel(this);
        return loop;
    }

    // ------------------------------------------------------------------ shapes

    /** The geometry of an input shape {@code (batch, time, ...)}, in this layer's data format. */
    ConvLstmGeometry geometryOf(Shape seq) {
        return ConvLstmGeometry.of(this, seq);
    }

    @Override
    protected void checkInputs(List<Shape> shapes) {
        if (shapes.isEmpty()) throw LayerErrors.of(this, "expects a sequence input, but it received no input.");
        inputSpec.check(name(), 0, shapes.get(0));
        int n = shapes.size() - 1;
        if (n != 0 && n != 2) {
            throw new IllegalArgumentException("Layer \"" + name() + "\" (" + className() + ") expects 2 initial state(s), but it received "
                    + n + " initial state tensor(s). Input shapes received: " + shapes);
        }
        ConvLstmGeometry g = geometryOf(shapes.get(0));
        if (geometry != null && isBuilt() && !geometry.sameInput(g)) {
            throw new IllegalArgumentException("Input 0 of layer \"" + name() + "\" is incompatible with the layer: expected shape="
                    + geometry.inputShape(null) + ", found shape=" + shapes.get(0));
        }
        Shape state = g.stateShape(shapes.get(0).get(0));
        for (int i = 1; i < shapes.size(); i++) {
            if (!state.isCompatibleWith(shapes.get(i))) {
                throw new IllegalArgumentException("An `initial_state` was passed that is not compatible with `cell.state_size` of layer \""
                        + name() + "\". Received `state_spec`=" + shapes.get(i) + "; however the state must have shape " + state
                        + " (initial state " + (i - 1) + ").");
            }
        }
    }

    @Override
    protected void build(List<Shape> inputShapes) {
        Shape seq = inputShapes.get(0);
        geometry = geometryOf(seq);
        // The base builds the cell for the channels and the stateful states for the flattened map (stateSize()).
        super.build(List.of(Shape.of(seq.get(0), seq.get(1), geometry.channels())));
    }

    @Override
    public List<Shape> computeOutputShape(List<Shape> inputShapes) {
        Shape seq = inputShapes.get(0);
        Integer batch = seq.get(0);
        Shape step = geometryOf(seq).stateShape(batch);
        List<Shape> out = new ArrayList<>();
        if (returnSequences) {
            Integer[] d = new Integer[step.rank() + 1];
            d[0] = batch;
            d[1] = seq.get(1);
            for (int i = 1; i < step.rank(); i++) d[i + 1] = step.get(i);
            out.add(Shape.of(d));
        } else {
            out.add(step);
        }
        if (returnState) {
            out.add(step);
            out.add(step);
        }
        return out;
    }

    // ------------------------------------------------------------------ calling

    @Override
    public Forward forward(List<INDArray> inputs, List<INDArray> masks, boolean training) {
        INDArray mask = masks == null || masks.isEmpty() ? null : masks.get(0);
        Forward f = new ConvLstmCall(this, inputs, mask, training).run();
        List<INDArray> outMasks = computeMask(inputs, masks);
        return outMasks == null ? f : f.withMasks(outMasks);
    }

    /** Sets the carried states of a stateful layer to these values, each shaped as one output step {@code (batch, ...)}. */
    @Override
    public void resetStates(List<INDArray> values) {
        List<INDArray> flat = new ArrayList<>();
        for (INDArray v : values) flat.add(ConvLstmCall.flattenState(this, v));
        super.resetStates(flat);
    }

    /** Copies of the carried states of a stateful layer, each shaped as one output step. */
    @Override
    public List<INDArray> getStates() {
        List<INDArray> flat = super.getStates();
        return flat == null ? null : flat.stream().map(s -> ConvLstmCall.unflattenState(this, s)).toList();
    }

    // ------------------------------------------------------------------ config

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = rnnConfig();
        c.remove("units");
        c.put("filters", units);
        c.put("kernel_size", ConvLstmGeometry.list(kernelSize));
        c.put("strides", ConvLstmGeometry.list(strides));
        c.put("padding", samePadding ? "same" : "valid");
        c.put("data_format", channelsFirst ? "channels_first" : "channels_last");
        c.put("dilation_rate", ConvLstmGeometry.list(dilationRate));
        c.put("activation", activation.name());
        c.put("recurrent_activation", recurrentActivation.name());
        c.put("use_bias", useBias);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("unit_forget_bias", unitForgetBias);
        putWeightConfig(c, extra);
        RecurrentConfigs.putSeed(c, this);
        return c;
    }

    /** Reads the keys of a Keras 3 or tf.keras 2 config other than {@code filters} and {@code kernel_size}. */
    S withConvLstmConfig(Config c) {
        int[] s = c.getInts("strides");
        if (s != null) strides(s);
        int[] d = c.getInts("dilation_rate");
        if (d != null) dilationRate(d);
        padding(c.getString("padding", "valid"));
        dataFormat(c.getString("data_format", null));
        unitForgetBias(RecurrentConfigs.unitForgetBias(c));
        return withRecurrentConfig(c);
    }
}
