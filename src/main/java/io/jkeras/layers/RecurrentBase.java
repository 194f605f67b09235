package io.jkeras.layers;

import io.jkeras.KerasTensor;
import io.jkeras.Shape;
import io.jkeras.Variable;
import io.jkeras.activations.ActivationFunction;
import io.jkeras.activations.Activations;
import io.jkeras.constraints.Constraint;
import io.jkeras.constraints.Constraints;
import io.jkeras.initializers.GlorotUniform;
import io.jkeras.initializers.Initializer;
import io.jkeras.initializers.Initializers;
import io.jkeras.initializers.Orthogonal;
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
 * The machinery shared by {@link LSTM}, {@link GRU}, {@link SimpleRNN} and {@link ConvLSTM} (whose loop runs on flattened
 * feature maps: {@link #stateSize()}), as Keras's {@code keras.layers.RNN} with
 * its cell: the loop over time ({@link RecurrentCall}), {@code return_sequences}, {@code return_state},
 * {@code go_backwards}, {@code stateful}, initial states, masks and the dropout masks of the cell; plus the
 * cell's weight settings (activation, initializers, regularizers, constraints), which the three layers share.
 *
 * <p>Input {@code (batch, timesteps, features)}, optionally followed by the initial states
 * ({@code (batch, units)} each: {@code [x, h0]}, or {@code [x, h0, c0]} for an LSTM). Output
 * {@code (batch, units)}, or {@code (batch, timesteps, units)} with {@code return_sequences}; with
 * {@code return_state} the last states follow the output ({@code [output, h, c]} for an LSTM).
 *
 * <pre>{@code
 * jshell> List<KerasTensor> outs = new LSTM(8).returnState(true).applyAll(List.of(Input.shape(10, 4)));
 * jshell> outs.stream().map(KerasTensor::shape).toList()
 * $2 ==> [(None, 8), (None, 8), (None, 8)]
 * }</pre>
 *
 * @param <S> the concrete layer, so that the fluent setters chain
 */
public abstract class RecurrentBase<S extends RecurrentBase<S>> extends Layer {
    final int units;
    boolean returnSequences;
    boolean returnState;
    boolean goBackwards;
    boolean stateful;
    boolean unroll;
    boolean zeroOutputForMask;
    double dropout;
    double recurrentDropout;
    Long seed;
    int implementation = 2;
    ActivationFunction activation = Activations.get("tanh");
    ActivationFunction recurrentActivation = Activations.get("sigmoid");
    boolean useBias = true;
    Initializer kernelInitializer = new GlorotUniform();
    Initializer recurrentInitializer = new Orthogonal();
    Initializer biasInitializer = new Zeros();
    Regularizer kernelRegularizer;
    Regularizer recurrentRegularizer;
    Regularizer biasRegularizer;
    Regularizer activityRegularizer;
    Constraint kernelConstraint;
    Constraint recurrentConstraint;
    Constraint biasConstraint;
    Variable kernel;
    Variable recurrentKernel;
    Variable bias;
    /** The carried states of a stateful layer, {@code (batch, units)} each; null until built. */
    INDArray[] states;
    private LayerRandom random;

    /** @param units the size of the output and of each state, positive */
    RecurrentBase(int units) {
        if (units <= 0) {
            throw new IllegalArgumentException("Received an invalid value for argument `units`, expected a positive integer, got "
                    + units + ".");
        }
        this.units = units;
        this.inputSpec = new InputSpec().ndim(3);
    }

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }

    // ------------------------------------------------------------------ RNN settings

    /** Whether to return the whole output sequence rather than its last step (default false). */
    public S returnSequences(boolean b) {
        requireNotBuilt("return_sequences");
        returnSequences = b;
        return self();
    }

    /** Whether to return the last states after the output (default false). */
    public S returnState(boolean b) {
        requireNotBuilt("return_state");
        returnState = b;
        return self();
    }

    /** Whether to read the sequence from its end; the output sequence is then in reading order (default false). */
    public S goBackwards(boolean b) {
        requireNotBuilt("go_backwards");
        goBackwards = b;
        return self();
    }

    /** Whether the last states of a batch are the initial states of the next one; needs a fixed batch size. */
    public S stateful(boolean b) {
        requireNotBuilt("stateful");
        stateful = b;
        return self();
    }

    /** Accepted for Keras compatibility; the loop is the same either way. */
    public S unroll(boolean b) {
        unroll = b;
        return self();
    }

    /** Whether masked steps output zeros rather than the previous output (Keras's {@code zero_output_for_mask}). */
    public S zeroOutputForMask(boolean b) {
        zeroOutputForMask = b;
        return self();
    }

    /** The fraction of the inputs dropped during training, one mask per sequence (clipped to [0, 1] as Keras). */
    public S dropout(double rate) {
        dropout = Math.min(1.0, Math.max(0.0, rate));
        return self();
    }

    /** The fraction of the recurrent state dropped during training, one mask per sequence. */
    public S recurrentDropout(double rate) {
        recurrentDropout = Math.min(1.0, Math.max(0.0, rate));
        return self();
    }

    /** A seed for this layer's own dropout generator; {@code null} for ND4J's shared one. */
    public S seed(Long s) {
        seed = s;
        random = null;
        return self();
    }

    /** Keras's {@code implementation}: 1 draws a dropout mask per gate; 2 (default) one for all gates. */
    public S implementation(int mode) {
        implementation = mode;
        return self();
    }

    // ------------------------------------------------------------------ cell settings

    /** The activation of the candidate and of the output, by Keras name (default tanh; null for linear). */
    public S activation(String name) {
        requireNotBuilt("activation");
        activation = Activations.get(name);
        return self();
    }

    /** The activation of the gates, by Keras name (default sigmoid); LSTM and GRU only. */
    public S recurrentActivation(String name) {
        return recurrentActivation(Activations.get(name));
    }

    /** The activation of the gates as a function ({@code Activations.hardSigmoidKeras2()} for Keras 1/2 files). */
    public S recurrentActivation(ActivationFunction f) {
        requireNotBuilt("recurrent_activation");
        recurrentActivation = f;
        return self();
    }

    /** Whether the cell has a bias (default true). */
    public S useBias(boolean b) {
        requireNotBuilt("use_bias");
        useBias = b;
        return self();
    }

    /** The kernel initializer: a Keras name or an {@link Initializer} (default glorot_uniform). */
    public S kernelInitializer(Object spec) {
        requireNotBuilt("kernel_initializer");
        kernelInitializer = Initializers.get(spec);
        return self();
    }

    /** The recurrent kernel initializer (default orthogonal). */
    public S recurrentInitializer(Object spec) {
        requireNotBuilt("recurrent_initializer");
        recurrentInitializer = Initializers.get(spec);
        return self();
    }

    /** The bias initializer (default zeros). */
    public S biasInitializer(Object spec) {
        requireNotBuilt("bias_initializer");
        biasInitializer = Initializers.get(spec);
        return self();
    }

    /** A kernel penalty: a Keras name or a {@link Regularizer}. */
    public S kernelRegularizer(Object spec) {
        requireNotBuilt("kernel_regularizer");
        kernelRegularizer = Regularizers.get(spec);
        return self();
    }

    /** A recurrent kernel penalty. */
    public S recurrentRegularizer(Object spec) {
        requireNotBuilt("recurrent_regularizer");
        recurrentRegularizer = Regularizers.get(spec);
        return self();
    }

    /** A bias penalty. */
    public S biasRegularizer(Object spec) {
        requireNotBuilt("bias_regularizer");
        biasRegularizer = Regularizers.get(spec);
        return self();
    }

    /** A penalty on every output of the layer, added to the model's loss (Keras's {@code activity_regularizer}). */
    public S activityRegularizer(Object spec) {
        activityRegularizer = Regularizers.get(spec);
        return self();
    }

    /** A kernel constraint: a Keras name or a {@link Constraint}. */
    public S kernelConstraint(Object spec) {
        requireNotBuilt("kernel_constraint");
        kernelConstraint = Constraints.get(spec);
        return self();
    }

    /** A recurrent kernel constraint. */
    public S recurrentConstraint(Object spec) {
        requireNotBuilt("recurrent_constraint");
        recurrentConstraint = Constraints.get(spec);
        return self();
    }

    /** A bias constraint. */
    public S biasConstraint(Object spec) {
        requireNotBuilt("bias_constraint");
        biasConstraint = Constraints.get(spec);
        return self();
    }

    @Override
    public S name(String n) {
        return super.name(n);
    }

    @Override
    public S inputShape(int... dims) {
        return super.inputShape(dims);
    }

    @Override
    public S dtype(String d) {
        return super.dtype(d);
    }

    /** The number of units. */
    public int units() {
        return units;
    }

    /** Whether the whole sequence is returned. */
    public boolean isReturnSequences() {
        return returnSequences;
    }

    /** Whether the last states are returned too. */
    public boolean isReturnState() {
        return returnState;
    }

    /** Whether the layer carries its states across calls. */
    public boolean isStateful() {
        return stateful;
    }

    // ------------------------------------------------------------------ the cell (per layer)

    /** How many states the cell carries: 2 for an LSTM ({@code h, c}), 1 otherwise. */
    abstract int stateCount();

    /** How many dropout masks of each kind the cell draws per sequence (one per gate with implementation 1). */
    abstract int dropoutMaskCount();

    /**
     * The length of one sample's state as the loop carries it: {@code units}, or for {@link ConvLSTM} the flattened
     * feature map {@code rows·cols·filters}.
     */
    long stateSize() {
        return units;
    }

    /** Creates the cell's weights for this input size. */
    abstract void buildCell(int inputDim);

    /** The kernel that runs this cell over a sequence. */
    abstract RecurrentKernel kernel();

    // ------------------------------------------------------------------ shapes and building

    @Override
    protected int expectedInputCount() {
        return -1;
    }

    @Override
    protected void checkInputs(List<Shape> shapes) {
        if (shapes.isEmpty()) throw LayerErrors.of(this, "expects a sequence input, but it received no input.");
        inputSpec.check(name(), 0, shapes.get(0));
        int n = shapes.size() - 1;
        if (n != 0 && n != stateCount()) {
            throw new IllegalArgumentException("Layer \"" + name() + "\" (" + className() + ") expects " + stateCount()
                    + " initial state(s), but it received " + n + " initial state tensor(s). Input shapes received: " + shapes);
        }
        Integer batch = shapes.get(0).get(0);
        for (int i = 1; i < shapes.size(); i++) {
            Shape s = shapes.get(i);
            Shape expected = Shape.of(batch, units);
            boolean ok = s.rank() == 2 && Integer.valueOf(units).equals(s.get(1))
                    && (batch == null || s.get(0) == null || batch.equals(s.get(0)));
            if (!ok) {
                throw new IllegalArgumentException("An `initial_state` was passed that is not compatible with `cell.state_size` of layer \""
                        + name() + "\". Received `state_spec`=" + s + "; however `cell.state_size` is " + units
                        + " (expected shape " + expected + " for initial state " + (i - 1) + ").");
            }
        }
        if (isBuilt() && kernel != null) {
            Integer in = shapes.get(0).get(2);
            long expected = kernel.value().size(0);
            if (in != null && in != expected) {
                throw new IllegalArgumentException("Input 0 of layer \"" + name() + "\" is incompatible with the layer: expected axis -1 "
                        + "of input shape to have value " + expected + ", but received input with shape " + shapes.get(0));
            }
        }
    }

    @Override
    protected void build(List<Shape> inputShapes) {
        Shape seq = inputShapes.get(0);
        Integer in = seq.get(2);
        if (in == null) {
            throw LayerErrors.of(this, "The last dimension of the inputs to a recurrent layer should be defined. Found None. "
                    + "Full input shape received: " + seq);
        }
        buildCell(in);
        if (stateful) {
            Integer batch = seq.get(0) != null ? seq.get(0) : batchInputShape() != null ? batchInputShape().get(0) : null;
            if (batch == null) {
                throw new IllegalArgumentException("When using `stateful=True` in a RNN, the batch size must be static. Found dynamic "
                        + "batch size: sequence.shape=" + seq + " (layer \"" + name() + "\"). Give the input a batch size, "
                        + "e.g. Input.create(Shape.of(32, 10, 8), null, \"float32\"), or the layer a batch_input_shape.");
            }
            states = new INDArray[stateCount()];
            for (int i = 0; i < states.length; i++) states[i] = org.nd4j.linalg.factory.Nd4j.zeros(dataType(), batch, stateSize());
        }
    }

    @Override
    public List<Shape> computeOutputShape(List<Shape> inputShapes) {
        Shape seq = inputShapes.get(0);
        Integer batch = seq.get(0);
        List<Shape> out = new ArrayList<>();
        out.add(returnSequences ? Shape.of(batch, seq.get(1), units) : Shape.of(batch, units));
        if (returnState) for (int i = 0; i < stateCount(); i++) out.add(Shape.of(batch, units));
        return out;
    }

    @Override
    public boolean supportsMasking() {
        return true;
    }

    /** Keras's {@code compute_mask}: the input mask for a returned sequence, none otherwise (and none for states). */
    @Override
    public List<INDArray> computeMask(List<INDArray> inputs, List<INDArray> masks) {
        INDArray m = masks == null || masks.isEmpty() ? null : masks.get(0);
        if (m == null) return null;
        int n = returnState ? 1 + stateCount() : 1;
        List<INDArray> out = new ArrayList<>(java.util.Collections.nCopies(n, (INDArray) null));
        if (returnSequences) out.set(0, m);
        return returnSequences ? out : null;
    }

    // ------------------------------------------------------------------ calling

    /**
     * Calls the layer on a sequence with initial states, as Keras's {@code layer(x, initial_state=[h, c])}; returns
     * every output ({@code [output]}, or {@code [output, h(, c)]} with {@code return_state}).
     */
    public List<KerasTensor> applyWithInitialState(KerasTensor x, KerasTensor... initialStates) {
        List<KerasTensor> in = new ArrayList<>();
        in.add(x);
        in.addAll(Arrays.asList(initialStates));
        return applyAll(in);
    }

    @Override
    public Forward forward(List<INDArray> inputs, boolean training) {
        return forward(inputs, null, training);
    }

    @Override
    public Forward forward(List<INDArray> inputs, List<INDArray> masks, boolean training) {
        INDArray mask = masks == null || masks.isEmpty() ? null : masks.get(0);
        Forward f = new RecurrentCall(this, inputs, mask, training).run();
        List<INDArray> outMasks = computeMask(inputs, masks);
        return outMasks == null ? f : f.withMasks(outMasks);
    }

    /** Sets the carried states of a stateful layer to zeros (Keras's {@code reset_state()}). */
    public void resetStates() {
        if (states != null) for (INDArray s : states) s.assign(0);
    }

    /**
     * Sets the carried states of a stateful layer to these values (Keras's {@code reset_state(states)}): one
     * {@code (batch, units)} array per state.
     *
     * @throws IllegalStateException if the layer is not stateful or not built
     * @throws IllegalArgumentException naming the expected shapes if the values do not fit
     */
    public void resetStates(List<INDArray> values) {
        if (states == null) {
            throw new IllegalStateException("Layer \"" + name() + "\" has no states to set: it is not stateful, or not built yet.");
        }
        if (values.size() != states.length) {
            throw LayerErrors.of(this, "expected " + states.length + " state value(s), but received " + values.size() + ".");
        }
        for (int i = 0; i < states.length; i++) {
            if (!Arrays.equals(values.get(i).shape(), states[i].shape())) {
                throw LayerErrors.of(this, "state " + i + " has shape " + Shape.ofArray(states[i].shape())
                        + ", but the value given has shape " + Shape.ofArray(values.get(i).shape()) + ".");
            }
        }
        for (int i = 0; i < states.length; i++) states[i].assign(values.get(i).castTo(states[i].dataType()));
    }

    /** Keras's {@code reset_state()}: the same as {@link #resetStates()}. */
    public void resetState() {
        resetStates();
    }

    /** Copies of the carried states of a stateful layer ({@code null} for other layers or before building). */
    public List<INDArray> getStates() {
        return states == null ? null : Arrays.stream(states).map(INDArray::dup).toList();
    }

    /** The generator of this layer's dropout masks. */
    LayerRandom random() {
        if (random == null) random = new LayerRandom(seed);
        return random;
    }

    // ------------------------------------------------------------------ config

    /** Adds Keras's RNN keys ({@code return_sequences} ... {@code zero_output_for_mask}) and {@code units}. */
    Map<String, Object> rnnConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("return_sequences", returnSequences);
        c.put("return_state", returnState);
        c.put("go_backwards", goBackwards);
        c.put("stateful", stateful);
        c.put("unroll", unroll);
        c.put("zero_output_for_mask", zeroOutputForMask);
        c.put("units", units);
        return c;
    }

    /** Adds the initializer, regularizer and constraint keys, in Keras's order. */
    void putWeightConfig(Map<String, Object> c, Map<String, Object> beforeRegularizers) {
        c.put("kernel_initializer", Initializers.serialize(kernelInitializer));
        c.put("recurrent_initializer", Initializers.serialize(recurrentInitializer));
        c.put("bias_initializer", Initializers.serialize(biasInitializer));
        c.putAll(beforeRegularizers);
        c.put("kernel_regularizer", Regularizers.serialize(kernelRegularizer));
        c.put("recurrent_regularizer", Regularizers.serialize(recurrentRegularizer));
        c.put("bias_regularizer", Regularizers.serialize(biasRegularizer));
        c.put("activity_regularizer", Regularizers.serialize(activityRegularizer));
        c.put("kernel_constraint", Constraints.serialize(kernelConstraint));
        c.put("recurrent_constraint", Constraints.serialize(recurrentConstraint));
        c.put("bias_constraint", Constraints.serialize(biasConstraint));
        c.put("dropout", dropout);
        c.put("recurrent_dropout", recurrentDropout);
    }

    /** Reads the keys every recurrent layer shares, from a config of any Keras version (see {@link RecurrentConfigs}). */
    S withRecurrentConfig(Config c) {
        RecurrentConfigs.apply(this, c);
        return withBaseConfig(c);
    }
}
