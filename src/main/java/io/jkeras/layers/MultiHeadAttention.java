package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.Variable;
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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Multi-head attention ("Attention is all you need"), as {@code keras.layers.MultiHeadAttention}.
 *
 * <p>Inputs {@code [query, value]}, {@code [query, value, key]} (key defaults to value) or
 * {@code [query, value, key, attention_mask]}: query {@code (batch, T, dim)}, value and key {@code (batch, S, dim)}
 * (or higher rank, with {@code attention_axes}). Query, key and value are projected per head (Keras's EinsumDense
 * sublayers {@code query}, {@code key}, {@code value}: kernel {@code (dim, num_heads, key_dim)}, bias
 * {@code (num_heads, key_dim)}), the scaled scores {@code Q·Kᵀ/√key_dim} are softmaxed over the attention axes,
 * dropped out in training, and weight the values; {@code attention_output} (kernel
 * {@code (num_heads, value_dim, out...)}, bias {@code (out...)}) projects the heads back to {@code output_shape}
 * (default: the query's last dimension). Output {@code (batch, T, out...)}; with
 * {@code returnAttentionScores(true)} also the softmaxed scores {@code (batch, num_heads, T, S)}.
 *
 * <p>Masks: {@code attention_mask} (1 = may attend, shape {@code (batch, T, S)} or broadcastable) and the Keras
 * masks of query, value and key (from {@code Embedding(mask_zero)}, {@code Masking}) are AND-ed with the causal
 * mask ({@link #useCausalMask}) as Keras's {@code _compute_attention_mask} does; masked positions get −1e9 before
 * the softmax and weigh 0 after it (Keras 3's Softmax layer: a fully masked row, such as a masked query step,
 * weighs nothing). The output carries the query's mask. Call options: see {@link AttentionCall}.
 *
 * <pre>{@code
 * jshell> KerasTensor x = Input.shape(10, 16);
 * jshell> new MultiHeadAttention(4, 8).apply(x, x).shape()
 * $2 ==> (None, 10, 16)
 * jshell> new MultiHeadAttention(4, 8).returnAttentionScores(true).applyAll(List.of(x, x)).get(1).shape()
 * $3 ==> (None, 4, 10, 10)
 * }</pre>
 */
public class MultiHeadAttention extends Layer implements AttentionCall {
    private final int numHeads;
    private final int keyDim;
    private int valueDim;
    private double dropout;
    private boolean useBias = true;
    private int[] outputShape;
    private int[] attentionAxes;
    private Initializer kernelInitializer = new GlorotUniform();
    private Initializer biasInitializer = new Zeros();
    private Regularizer kernelRegularizer, biasRegularizer;
    private Constraint kernelConstraint, biasConstraint;
    private Long seed;
    private boolean returnAttentionScores, useCausalMask;
    /** query, key, value, attention_output: each kernel then bias (null without use_bias), as Keras's EinsumDense. */
    final Variable[] kernels = new Variable[4], biases = new Variable[4];
    static final String[] SUBLAYERS = {"query", "key", "value", "attention_output"};
    /** Keras 3's attribute names for the four EinsumDense sublayers in a weights file. */
    static final String[] KERAS3_KEYS = {"query_dense", "key_dense", "value_dense", "output_dense"};
    private LayerRandom random;

    /**
     * @param numHeads the number of attention heads
     * @param keyDim the size of each head for query and key (and value, unless {@link #valueDim} is set)
     */
    public MultiHeadAttention(int numHeads, int keyDim) {
        if (numHeads <= 0 || keyDim <= 0) {
            throw new IllegalArgumentException("MultiHeadAttention needs positive num_heads and key_dim. Received: num_heads="
                    + numHeads + ", key_dim=" + keyDim);
        }
        this.numHeads = numHeads;
        this.keyDim = keyDim;
        this.valueDim = keyDim;
    }

    /** The size of each head for value (default key_dim). */
    public MultiHeadAttention valueDim(int d) {
        requireNotBuilt("value_dim");
        this.valueDim = d;
        return this;
    }

    /** The dropout rate of the attention weights in training (default 0). */
    public MultiHeadAttention dropout(double rate) {
        requireNotBuilt("dropout");
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("Invalid value received for argument `dropout`. Expected a float value "
                    + "between 0 and 1. Received: dropout=" + rate);
        }
        this.dropout = rate;
        return this;
    }

    /** Whether the projections have biases (default true). */
    public MultiHeadAttention useBias(boolean b) {
        requireNotBuilt("use_bias");
        this.useBias = b;
        return this;
    }

    /** The output's shape besides batch and sequence axes (default: the query's last dimension). */
    public MultiHeadAttention outputShape(int... dims) {
        requireNotBuilt("output_shape");
        this.outputShape = dims == null || dims.length == 0 ? null : dims.clone();
        return this;
    }

    /** The axes attention runs over (default: all but batch, heads and features); negative from the end. */
    public MultiHeadAttention attentionAxes(int... axes) {
        requireNotBuilt("attention_axes");
        this.attentionAxes = axes == null || axes.length == 0 ? null : axes.clone();
        return this;
    }

    /** Initializer of the four kernels (a Keras name or an {@link Initializer}; default glorot_uniform). */
    public MultiHeadAttention kernelInitializer(Object spec) {
        requireNotBuilt("kernel_initializer");
        this.kernelInitializer = Initializers.get(spec);
        return this;
    }

    /** Initializer of the biases (default zeros). */
    public MultiHeadAttention biasInitializer(Object spec) {
        requireNotBuilt("bias_initializer");
        this.biasInitializer = Initializers.get(spec);
        return this;
    }

    /** Penalty on the kernels. */
    public MultiHeadAttention kernelRegularizer(Object spec) {
        requireNotBuilt("kernel_regularizer");
        this.kernelRegularizer = Regularizers.get(spec);
        return this;
    }

    /** Penalty on the biases. */
    public MultiHeadAttention biasRegularizer(Object spec) {
        requireNotBuilt("bias_regularizer");
        this.biasRegularizer = Regularizers.get(spec);
        return this;
    }

    /** Constraint on the kernels. */
    public MultiHeadAttention kernelConstraint(Object spec) {
        requireNotBuilt("kernel_constraint");
        this.kernelConstraint = Constraints.get(spec);
        return this;
    }

    /** Constraint on the biases. */
    public MultiHeadAttention biasConstraint(Object spec) {
        requireNotBuilt("bias_constraint");
        this.biasConstraint = Constraints.get(spec);
        return this;
    }

    /** A seed for the dropout of this layer alone; {@code null} for ND4J's shared generator. */
    public MultiHeadAttention seed(Long s) {
        requireNotBuilt("seed");
        this.seed = s;
        return this;
    }

    @Override
    public MultiHeadAttention returnAttentionScores(boolean r) {
        this.returnAttentionScores = r;
        return this;
    }

    @Override
    public MultiHeadAttention useCausalMask(boolean c) {
        this.useCausalMask = c;
        return this;
    }

    @Override
    public boolean returnAttentionScores() {
        return returnAttentionScores;
    }

    @Override
    public boolean useCausalMask() {
        return useCausalMask;
    }

    public int numHeads() {
        return numHeads;
    }

    public int keyDim() {
        return keyDim;
    }

    public int valueDim() {
        return valueDim;
    }

    double dropoutRate() {
        return dropout;
    }

    LayerRandom random() {
        if (random == null) random = new LayerRandom(seed);
        return random;
    }

    /**
     * The weights of each EinsumDense sublayer under Keras 3's attribute name ({@code query_dense} ... {@code
     * output_dense}), kernel then bias: where a {@code .keras} file keeps them ({@code layers/multi_head_attention/
     * query_dense/vars/0}).
     */
    public Map<String, List<Variable>> sublayerWeights() {
        Map<String, List<Variable>> m = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            List<Variable> w = new ArrayList<>();
            if (kernels[i] != null) w.add(kernels[i]);
            if (biases[i] != null) w.add(biases[i]);
            m.put(KERAS3_KEYS[i], w);
        }
        return m;
    }

    // ------------------------------------------------------------------ shapes

    @Override
    protected int expectedInputCount() {
        return -1;
    }

    @Override
    protected void checkInputs(List<Shape> shapes) {
        if (shapes.size() < 2 || shapes.size() > 4) {
            throw LayerErrors.of(this, "MultiHeadAttention is called on [query, value], [query, value, key] or "
                    + "[query, value, key, attention_mask]. Received " + shapes.size() + " input(s): " + shapes);
        }
        Shape q = shapes.get(0), v = shapes.get(1), k = shapes.size() > 2 ? shapes.get(2) : v;
        if (q.rank() < 3 || v.rank() != q.rank() || k.rank() != q.rank()) {
            throw LayerErrors.of(this, "query, value and key must have the same rank, at least 3 (batch, steps, features). "
                    + "Received shapes: query=" + q + ", value=" + v + ", key=" + k + ".");
        }
        if (!v.dims().subList(1, v.rank() - 1).equals(k.dims().subList(1, k.rank() - 1))) {
            throw LayerErrors.of(this, "All dimensions of `value` and `key`, except the last one, must be equal. Received: "
                    + "value_shape=" + v + " and key_shape=" + k);
        }
        for (int i = 0; i < 3 && i < shapes.size(); i++) {
            if (shapes.get(i).get(-1) == null) {
                throw LayerErrors.of(this, "The last dimension of the inputs must be defined. Received: " + shapes.get(i));
            }
        }
        resolvedAxes(q.rank());
        if (kernels[0] != null) {
            String[] names = {"query", "value", "key"};
            int[] which = {0, 2, 1};
            Shape[] given = {q, v, k};
            for (int i = 0; i < 3; i++) {
                long want = kernels[which[i]].value().size(0);
                if (given[i].get(-1) != want) {
                    throw LayerErrors.of(this, "expected the last axis of " + names[i] + " to have value " + want
                            + ", but received " + names[i] + " of shape " + given[i]);
                }
            }
        }
    }

    /** The attention axes in the projected layout {@code (batch, ..., heads, features)}, of rank queryRank + 1. */
    int[] resolvedAxes(int queryRank) {
        int rank = queryRank + 1;
        if (attentionAxes == null) {
            int[] a = new int[rank - 3];
            for (int i = 0; i < a.length; i++) a[i] = i + 1;
            return a;
        }
        int[] a = new int[attentionAxes.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = attentionAxes[i] >= 0 ? attentionAxes[i] : (rank - 1) + attentionAxes[i];
            if (a[i] < 1 || a[i] > rank - 3) {
                throw LayerErrors.of(this, "Invalid attention_axes " + Arrays.toString(attentionAxes) + " for inputs of rank "
                        + queryRank + ": an axis must be one of the query's axes between the batch and the features.");
            }
        }
        return a;
    }

    private int[] outDims(Shape query) {
        return outputShape != null ? outputShape : new int[]{query.get(-1)};
    }

    @Override
    protected void build(List<Shape> shapes) {
        Shape q = shapes.get(0), v = shapes.get(1), k = shapes.size() > 2 ? shapes.get(2) : v;
        long[][] kernelShapes = {{q.get(-1), numHeads, keyDim}, {k.get(-1), numHeads, keyDim}, {v.get(-1), numHeads, valueDim}, null};
        long[][] biasShapes = {{numHeads, keyDim}, {numHeads, keyDim}, {numHeads, valueDim}, null};
        int[] out = outDims(q);
        long[] ok = new long[2 + out.length], ob = new long[out.length];
        ok[0] = numHeads;
        ok[1] = valueDim;
        for (int i = 0; i < out.length; i++) ok[2 + i] = ob[i] = out[i];
        kernelShapes[3] = ok;
        biasShapes[3] = ob;
        for (int i = 0; i < 4; i++) {
            // Keras builds each EinsumDense in turn: its kernel, then its bias
            kernels[i] = addWeight(SUBLAYERS[i] + "/kernel", kernelShapes[i], kernelInitializer, kernelRegularizer, kernelConstraint, true);
            if (useBias) biases[i] = addWeight(SUBLAYERS[i] + "/bias", biasShapes[i], biasInitializer, biasRegularizer, biasConstraint, true);
        }
    }

    @Override
    public List<Shape> computeOutputShape(List<Shape> shapes) {
        Shape q = shapes.get(0), v = shapes.get(1);
        List<Integer> out = new ArrayList<>(q.dims().subList(0, q.rank() - 1));
        for (int d : outDims(q)) out.add(d);
        if (!returnAttentionScores) return List.of(Shape.of(out));
        // the scores' layout: batch dims (heads included, in axis order), query attention dims, key attention dims
        int[] axes = resolvedAxes(q.rank());
        List<Integer> s = new ArrayList<>();
        for (int i = 0; i < q.rank(); i++) {
            final int axis = i; // projected axis i: the query's axis i, or the heads at q.rank() - 1
            if (Arrays.stream(axes).noneMatch(a -> a == axis)) s.add(i == q.rank() - 1 ? Integer.valueOf(numHeads) : q.get(i));
        }
        for (int a : axes) s.add(q.get(a));
        for (int a : axes) s.add(v.get(a));
        return List.of(Shape.of(out), Shape.of(s));
    }

    /** The output carries the query's mask (Keras sets it on attention_output); the scores carry none. */
    @Override
    public List<INDArray> computeMask(List<INDArray> inputs, List<INDArray> masks) {
        INDArray qm = Masks.first(masks);
        if (qm == null) return null;
        return returnAttentionScores ? Arrays.asList(qm, null) : List.of(qm);
    }

    // ------------------------------------------------------------------ computation

    @Override
    public Forward forward(List<INDArray> inputs, boolean training) {
        return forward(inputs, null, training);
    }

    @Override
    public Forward forward(List<INDArray> inputs, List<INDArray> masks, boolean training) {
        Forward f = MhaCore.run(this, inputs, masks, training);
        List<INDArray> outMasks = computeMask(inputs, masks);
        return outMasks == null ? f : f.withMasks(outMasks);
    }

    boolean hasBias() {
        return useBias;
    }

    // ------------------------------------------------------------------ config

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("num_heads", numHeads);
        c.put("key_dim", keyDim);
        c.put("value_dim", valueDim);
        c.put("dropout", dropout);
        c.put("use_bias", useBias);
        c.put("output_shape", outputShape == null ? null : Arrays.stream(outputShape).boxed().toList());
        c.put("attention_axes", attentionAxes == null ? null : Arrays.stream(attentionAxes).boxed().toList());
        c.put("kernel_initializer", Initializers.serialize(kernelInitializer));
        c.put("bias_initializer", Initializers.serialize(biasInitializer));
        c.put("kernel_regularizer", Regularizers.serialize(kernelRegularizer));
        c.put("bias_regularizer", Regularizers.serialize(biasRegularizer));
        c.put("kernel_constraint", Constraints.serialize(kernelConstraint));
        c.put("bias_constraint", Constraints.serialize(biasConstraint));
        c.put("seed", seed);
        return c;
    }

    /** From a Keras 3 or tf.keras 2 config ({@code output_shape} and {@code attention_axes} an int, a list or null). */
    public static MultiHeadAttention fromConfig(Config c) {
        MultiHeadAttention m = new MultiHeadAttention(c.getInt("num_heads"), c.getInt("key_dim"));
        if (c.get("value_dim") instanceof Number n) m.valueDim(n.intValue());
        m.dropout(c.getDouble("dropout", 0.0)).useBias(c.getBoolean("use_bias", true));
        if (c.get("output_shape") != null) m.outputShape(c.getInts("output_shape"));
        if (c.get("attention_axes") != null) m.attentionAxes(c.getInts("attention_axes"));
        if (c.get("kernel_initializer") != null) m.kernelInitializer(c.get("kernel_initializer"));
        if (c.get("bias_initializer") != null) m.biasInitializer(c.get("bias_initializer"));
        m.kernelRegularizer(c.get("kernel_regularizer")).biasRegularizer(c.get("bias_regularizer"));
        m.kernelConstraint(c.get("kernel_constraint")).biasConstraint(c.get("bias_constraint"));
        if (c.get("seed") instanceof Number n) m.seed(n.longValue());
        return m.withBaseConfig(c);
    }
}
