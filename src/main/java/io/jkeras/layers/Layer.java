package io.jkeras.layers;

import io.jkeras.Keras;
import io.jkeras.KerasTensor;
import io.jkeras.Shape;
import io.jkeras.Variable;
import io.jkeras.constraints.Constraint;
import io.jkeras.graph.Node;
import io.jkeras.initializers.Initializer;
import io.jkeras.regularizers.Regularizer;
import io.jkeras.regularizers.Regularizers;
import io.jkeras.saving.Config;
import io.jkeras.utils.Names;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The base of every layer, as {@code keras.layers.Layer}.
 *
 * <p>A layer is configured by its constructor and fluent setters (Keras kwargs in camelCase), builds its
 * weights on the first call from the input shape ({@link #build(Shape)} with {@link #addWeight}), and
 * computes through {@link #forward(INDArray, boolean)}, which returns the output together with the
 * closure that back-propagates through that very call ({@link Forward}).
 *
 * <p>It can be called symbolically on {@link KerasTensor}s ({@link #apply(KerasTensor...)}: builds a
 * Functional graph) or eagerly on arrays ({@link #apply(INDArray...)}).
 *
 * <pre>{@code
 * jshell> Layer d = new Dense(3);
 * jshell> d.apply(Nd4j.ones(2, 4)).shape()
 * $3 ==> [2, 3]
 * }</pre>
 */
public abstract class Layer {
    private String name;
    private boolean trainable = true;
    private String dtype = Keras.floatx();
    private Shape batchInputShape;
    private boolean built;
    private final List<Variable> variables = new ArrayList<>();
    private final List<Node> inboundNodes = new ArrayList<>();
    /** Checked against the (single) input on every call; {@code null} accepts anything. */
    protected InputSpec inputSpec;

    // ------------------------------------------------------------------ identity and settings

    /** The Keras class name written in configs ({@code "Dense"}); the Java simple name by default. */
    public String className() {
        return getClass().getSimpleName();
    }

    /** The layer's name; an automatic unique one ({@code dense_1}) unless set. */
    public String name() {
        if (name == null) name = Names.unique(Names.snakeCase(className()));
        return name;
    }

    /** Sets the layer's name (Keras's {@code name=}). */
    @SuppressWarnings("unchecked")
    public <T extends Layer> T name(String n) {
        if (n == null || n.isEmpty()) throw new IllegalArgumentException("A layer name cannot be empty.");
        if (n.contains("/")) {
            throw new IllegalArgumentException("Argument `name` must be a string and cannot contain character `/`. Received: name=" + n);
        }
        this.name = n;
        return (T) this;
    }

    /** The shape of one sample this layer expects as a model's first layer (Keras's {@code input_shape}). */
    @SuppressWarnings("unchecked")
    public <T extends Layer> T inputShape(int... dims) {
        Integer[] boxed = new Integer[dims.length];
        for (int i = 0; i < dims.length; i++) boxed[i] = dims[i];
        this.batchInputShape = Shape.of(boxed).withBatch();
        return (T) this;
    }

    /** The full input shape, batch included, set by {@link #inputShape} or a config; may be {@code null}. */
    public Shape batchInputShape() {
        return batchInputShape;
    }

    /** Sets the full input shape, batch dimension included. */
    public void setBatchInputShape(Shape s) {
        this.batchInputShape = s;
    }

    /** Whether the optimizer may update this layer's weights. */
    public boolean trainable() {
        return trainable;
    }

    /** Freezes or unfreezes the layer (Keras's {@code layer.trainable = False}). */
    public void setTrainable(boolean t) {
        this.trainable = t;
    }

    /** The Keras dtype name of the layer's weights and computations. */
    public String dtype() {
        return dtype;
    }

    /** Sets the dtype ({@code "float32"}, {@code "float64"}); only before the layer is built. */
    @SuppressWarnings("unchecked")
    public <T extends Layer> T dtype(String d) {
        requireNotBuilt("dtype");
        Keras.dataType(d);
        this.dtype = d;
        return (T) this;
    }

    /** The ND4J type of the layer's weights. */
    public DataType dataType() {
        return Keras.dataType(dtype);
    }

    /** Marks the layer built without calling {@link #build(List)} (layers whose state comes from elsewhere). */
    protected void markBuilt() {
        built = true;
    }

    /** True once the weights exist. */
    public boolean isBuilt() {
        return built;
    }

    /** Throws if the layer is built: its configuration is locked from then on. */
    protected void requireNotBuilt(String what) {
        if (built) {
            throw new IllegalStateException("Cannot change " + what + " of layer \"" + name() + "\" after it is built.");
        }
    }

    // ------------------------------------------------------------------ building

    /** Creates the weights for these input shapes (batch included) on the first call; later calls do nothing. */
    public final void ensureBuilt(List<Shape> inputShapes) {
        if (built) return;
        // Weights outlive the step that may trigger the build (a Sequential built by its first batch).
        io.jkeras.utils.Workspaces.persistent(() -> {
            build(inputShapes);
            return null;
        });
        built = true;
    }

    /** Creates the weights for several inputs; single-input layers override {@link #build(Shape)}. */
    protected void build(List<Shape> inputShapes) {
        if (inputShapes.size() == 1) build(inputShapes.get(0));
    }

    /** Creates the weights for one input shape (batch included). Weight-less layers keep the default. */
    protected void build(Shape inputShape) {
    }

    /** While set (on this thread), weights are made as zeros, and their bytes counted against this budget. */
    private static final ThreadLocal<long[]> LOADING = new ThreadLocal<>();

    /**
     * Runs {@code build} (which makes layers and builds them) with weights created as zeros instead of by their
     * initializers, on this thread: for a model whose every weight is then loaded from a file (random
     * initialization of a VGG16 costs more than reading its 553 MB). Random draws are then not consumed either.
     * The weights may take at most {@code maxBytes} in all: a file cannot hold more than a bounded multiple of its
     * size, and a damaged config asking for 10^12 units must fail here, not in a native allocation.
     *
     * @throws IllegalArgumentException naming the layer and weight that would pass the budget
     */
    public static <T> T withoutInitializers(long maxBytes, java.util.function.Supplier<T> build) {
        long[] before = LOADING.get();
        LOADING.set(new long[]{maxBytes});
        try {
            return build.get();
        } finally {
            if (before == null) LOADING.remove();
            else LOADING.set(before);
        }
    }

    /**
     * Creates a weight in Keras's layout, as Keras's {@code add_weight}.
     *
     * @param name the short name ({@code "kernel"})
     * @param shape the shape, e.g. {@code (in, out)} for a Dense kernel
     * @param initializer how to fill it
     * @param regularizer a loss penalty, or {@code null}
     * @param constraint a projection after each update, or {@code null}
     * @param trainable whether the optimizer updates it
     */
    protected Variable addWeight(String name, long[] shape, Initializer initializer, Regularizer regularizer,
                                 Constraint constraint, boolean trainable) {
        long[] budget = LOADING.get();
        if (budget != null) spend(budget, name, shape);
        // A model rebuilt to receive a file's weights skips its initializers: every value is about to be replaced.
        INDArray value = budget != null ? org.nd4j.linalg.factory.Nd4j.zeros(dataType(), shape)
                : initializer.apply(shape, dataType());
        Variable v = new Variable(name, name() + "/" + name, value, trainable, regularizer, constraint);
        variables.add(v);
        return v;
    }

    private void spend(long[] budget, String weight, long[] shape) {
        long bytes = dataType().width();
        for (long d : shape) {
            if (d < 0 || (d > 0 && bytes > Long.MAX_VALUE / d)) bytes = Long.MAX_VALUE;
            else bytes *= d;
        }
        if (bytes > budget[0]) {
            throw new IllegalArgumentException("Layer \"" + name() + "\": weight \"" + weight + "\" of shape " + Shape.ofArray(shape)
                    + " would take " + (bytes == Long.MAX_VALUE ? "more bytes than can be counted" : bytes + " bytes")
                    + ", more than the file could hold (the model's weights may take at most " + budget[0] + " bytes in all).");
        }
        budget[0] -= bytes;
    }

    /** Every variable this layer owns, in creation order (sub-layers' ones for composite layers). */
    protected List<Variable> ownVariables() {
        return variables;
    }

    // ------------------------------------------------------------------ shapes and computation

    /** How many inputs a call takes; {@code -1} for any number (merge layers check themselves). */
    protected int expectedInputCount() {
        return 1;
    }

    /** Output shapes for these input shapes (batch included); single-input layers override {@link #computeOutputShape(Shape)}. */
    public List<Shape> computeOutputShape(List<Shape> inputShapes) {
        return List.of(computeOutputShape(inputShapes.get(0)));
    }

    /** Output shape for one input shape; the identity by default. */
    public Shape computeOutputShape(Shape inputShape) {
        return inputShape;
    }

    /**
     * Runs the layer on arrays and returns outputs with the backward closure (the engine's entry point).
     * Single-input layers override {@link #forward(INDArray, boolean)}.
     */
    public Forward forward(List<INDArray> inputs, boolean training) {
        return forward(inputs.get(0), training);
    }

    /**
     * Runs the layer with the masks of its inputs (one entry per input, {@code null} for none), as Keras passes
     * {@code mask=} to {@code call}. The engine uses this form only when some input has a mask. By default the
     * masks are not read by the computation, and the result carries {@link #computeMask}'s output masks;
     * layers that honour masks (RNNs, attention, pooling over time) override it.
     */
    public Forward forward(List<INDArray> inputs, List<INDArray> masks, boolean training) {
        Forward f = forward(inputs, training);
        List<INDArray> out = computeMask(inputs, masks);
        return out == null ? f : f.withMasks(out);
    }

    /**
     * Keras's {@code supports_masking}: whether this layer passes its input's mask on unchanged. Off by default,
     * so a mask stops at a layer that does not know what it means, as in Keras 3.
     */
    public boolean supportsMasking() {
        return false;
    }

    /**
     * Keras's {@code compute_mask}: the masks of this call's outputs (one per output, {@code null} for none) for
     * these inputs and input masks; {@code null} when no output has a mask. By default the first input's mask
     * is passed to every output if {@link #supportsMasking()}, else dropped.
     */
    public List<INDArray> computeMask(List<INDArray> inputs, List<INDArray> masks) {
        if (!supportsMasking() || masks == null || masks.isEmpty() || masks.get(0) == null) return null;
        int n = computeOutputShape(shapesOf(inputs)).size();
        return java.util.Collections.nCopies(n, masks.get(0));
    }

    private static List<Shape> shapesOf(List<INDArray> arrays) {
        List<Shape> s = new ArrayList<>(arrays.size());
        for (INDArray a : arrays) s.add(Shape.ofArray(a.shape()).with(0, null));
        return s;
    }

    /** Runs a single-input layer: output and backward closure. */
    protected Forward forward(INDArray input, boolean training) {
        throw new UnsupportedOperationException("Layer \"" + name() + "\" (" + className() + ") has no forward pass.");
    }

    /** Checks the number and shapes of inputs before a call; raises Keras's messages. */
    protected void checkInputs(List<Shape> shapes) {
        int expected = expectedInputCount();
        if (expected >= 0 && shapes.size() != expected) {
            throw new IllegalArgumentException("Layer \"" + name() + "\" expects " + expected
                    + " input(s), but it received " + shapes.size() + " input tensors. Inputs received: " + shapes);
        }
        if (inputSpec != null) {
            for (int i = 0; i < shapes.size(); i++) inputSpec.check(name(), i, shapes.get(i));
        }
    }

    // ------------------------------------------------------------------ calling: symbolic

    /** Calls the layer on symbolic tensors (one output); records a node of the Functional graph. */
    public KerasTensor apply(KerasTensor... inputs) {
        return single(applyAll(Arrays.asList(inputs)));
    }

    /** Calls the layer on a list of symbolic tensors (one output). */
    public KerasTensor apply(List<KerasTensor> inputs) {
        return single(applyAll(inputs));
    }

    /** Calls the layer on symbolic tensors and returns every output (layers with several outputs). */
    public List<KerasTensor> applyAll(List<KerasTensor> inputs) {
        List<Shape> shapes = new ArrayList<>();
        for (KerasTensor t : inputs) {
            if (t == null) throw new IllegalArgumentException("Layer \"" + name() + "\" was called on a null tensor.");
            shapes.add(t.shape());
        }
        checkInputs(shapes);
        ensureBuilt(shapes);
        List<Shape> outShapes = computeOutputShape(shapes);
        Node node = new Node(this, inputs, inboundNodes.size());
        List<KerasTensor> outs = new ArrayList<>();
        for (int i = 0; i < outShapes.size(); i++) outs.add(new KerasTensor(outShapes.get(i), outputDtype(), node, i));
        node.setOutputs(outs);
        inboundNodes.add(node);
        return outs;
    }

    /** The dtype of this layer's outputs. */
    protected String outputDtype() {
        return dtype;
    }

    private KerasTensor single(List<KerasTensor> outs) {
        if (outs.size() != 1) {
            throw new IllegalStateException("Layer \"" + name() + "\" has " + outs.size() + " outputs; use applyAll(...).");
        }
        return outs.get(0);
    }

    // ------------------------------------------------------------------ calling: eager

    /** Calls the layer eagerly on arrays in inference mode; returns the only output. */
    public INDArray apply(INDArray... inputs) {
        List<INDArray> out = call(Arrays.asList(inputs), false);
        if (out.size() != 1) {
            throw new IllegalStateException("Layer \"" + name() + "\" has " + out.size() + " outputs; use call(...).");
        }
        return out.get(0);
    }

    /** Calls the layer eagerly on arrays; {@code training} selects training behaviour (Dropout). */
    public List<INDArray> call(List<INDArray> inputs, boolean training) {
        List<Shape> shapes = new ArrayList<>();
        List<INDArray> cast = new ArrayList<>();
        for (INDArray a : inputs) {
            Shape s = Shape.ofArray(a.shape());
            shapes.add(s.rank() == 0 ? s : s.with(0, null));
            cast.add(castInput(a));
        }
        checkInputs(shapes);
        ensureBuilt(shapes);
        return forward(cast, training).outputs();
    }

    /** Float inputs are cast to the layer's float type, as Keras's autocasting; others are left alone. */
    public INDArray castInput(INDArray a) {
        DataType t = dataType();
        return a.dataType().isFPType() && t.isFPType() && a.dataType() != t ? a.castTo(t) : a;
    }

    // ------------------------------------------------------------------ graph access

    /** The calls of this layer on symbolic tensors, in order. */
    public List<Node> inboundNodes() {
        return java.util.Collections.unmodifiableList(inboundNodes);
    }

    /** Records a node made outside {@link #applyAll(List)} (an InputLayer's own node). */
    protected void registerNode(Node n) {
        inboundNodes.add(n);
    }

    /** Removes a node (used when a Sequential model rebuilds its graph). */
    public void removeInboundNode(Node n) {
        inboundNodes.remove(n);
    }

    /** The output of this layer's only call, as Keras's {@code layer.output}. */
    public KerasTensor output() {
        return onlyNode("output").outputs().get(0);
    }

    /** The input of this layer's only call, as Keras's {@code layer.input}. */
    public KerasTensor input() {
        return onlyNode("input").inputs().get(0);
    }

    /** The output of call {@code nodeIndex}. */
    public KerasTensor outputAt(int nodeIndex) {
        return inboundNodes.get(nodeIndex).outputs().get(0);
    }

    private Node onlyNode(String what) {
        if (inboundNodes.isEmpty()) {
            throw new IllegalStateException("The layer \"" + name() + "\" has never been called and thus has no defined " + what + ".");
        }
        if (inboundNodes.size() > 1) {
            throw new IllegalStateException("The layer \"" + name() + "\" has multiple inbound nodes, hence the notion of \"layer "
                    + what + "\" is ill-defined. Use outputAt(nodeIndex) instead.");
        }
        return inboundNodes.get(0);
    }

    // ------------------------------------------------------------------ weights

    /** All weights, Keras's order: those with a trainable flag first, then the others, each in creation order. */
    public List<Variable> weights() {
        List<Variable> out = new ArrayList<>();
        for (Variable v : ownVariables()) if (v.trainable()) out.add(v);
        for (Variable v : ownVariables()) if (!v.trainable()) out.add(v);
        return out;
    }

    /** The weights the optimizer updates: none when the layer is frozen. */
    public List<Variable> trainableWeights() {
        if (!trainable) return List.of();
        return weights().stream().filter(Variable::trainable).toList();
    }

    /** The weights the optimizer leaves alone: all of them when the layer is frozen. */
    public List<Variable> nonTrainableWeights() {
        if (!trainable) return weights();
        return weights().stream().filter(v -> !v.trainable()).toList();
    }

    /** Copies of the weight values, in {@link #weights()} order (Keras's {@code get_weights()}). */
    public List<INDArray> getWeights() {
        return weights().stream().map(v -> v.value().dup()).toList();
    }

    /** Sets every weight from a list in {@link #weights()} order, checking count and shapes. */
    public void setWeights(List<INDArray> values) {
        List<Variable> ws = weights();
        if (values.size() != ws.size()) {
            throw new IllegalArgumentException("You called setWeights(weights) on layer \"" + name()
                    + "\" with a weight list of length " + values.size() + ", but the layer was expecting "
                    + ws.size() + " weights.");
        }
        for (int i = 0; i < ws.size(); i++) {
            if (!Arrays.equals(ws.get(i).value().shape(), values.get(i).shape())) {
                throw new IllegalArgumentException("Layer " + name() + " weight shape " + Shape.ofArray(ws.get(i).value().shape())
                        + " is not compatible with provided weight shape " + Shape.ofArray(values.get(i).shape()) + ".");
            }
        }
        for (int i = 0; i < ws.size(); i++) ws.get(i).assign(values.get(i).castTo(ws.get(i).value().dataType()));
    }

    /**
     * The regularization penalty of this layer (or model): the sum of each trainable weight's regularizer
     * loss, what Keras adds to the model's loss as {@code model.losses}.
     */
    public double regularizationLoss() {
        return Regularizers.totalLoss(trainableWeights());
    }

    /** Adds each trainable weight's regularizer gradient into its gradient (after a backward pass). */
    public void addRegularizationGradients() {
        Regularizers.addGradients(trainableWeights());
    }

    /** The number of scalars in all weights; the layer must be built. */
    public long countParams() {
        if (!built) {
            throw new IllegalStateException("You tried to call countParams() on layer \"" + name()
                    + "\", but the layer isn't built. Call it on an input first, or give the model an input shape.");
        }
        return weights().stream().mapToLong(Variable::size).sum();
    }

    // ------------------------------------------------------------------ config

    /** Keras's config: snake_case keys; subclasses add theirs to this base ({@code name}, {@code trainable}, {@code dtype}). */
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name());
        c.put("trainable", trainable);
        c.put("dtype", Config.dtypePolicy(dtype));
        if (batchInputShape != null) c.put("batch_input_shape", batchInputShape.dims());
        return c;
    }

    /** Applies the base keys of a config (any Keras version) to a freshly made layer; returns it. */
    public <T extends Layer> T withBaseConfig(Config c) {
        if (c.has("name")) name(c.getString("name"));
        if (c.has("trainable")) setTrainable(c.getBoolean("trainable"));
        String d = c.dtypeName();
        if (d != null) this.dtype = d;
        Shape s = c.batchInputShape();
        if (s != null) batchInputShape = s;
        @SuppressWarnings("unchecked") T self = (T) this;
        return self;
    }

    @Override
    public String toString() {
        return "<" + className() + " name=" + name() + ", built=" + built + ">";
    }
}
