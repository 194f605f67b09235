package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.Variable;
import io.jkeras.initializers.Ones;
import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;
import java.util.Map;

/**
 * Dot-product attention (Luong-style), as {@code keras.layers.Attention}.
 *
 * <p>Inputs {@code [query, value]} or {@code [query, value, key]} (key defaults to value): query
 * {@code (batch, Tq, dim)}, value {@code (batch, Tv, dv)}, key {@code (batch, Tv, dim)}. Scores
 * {@code (batch, Tq, Tv)} are {@code query·keyᵀ} ({@code score_mode="dot"}, times the scalar weight {@code scale}
 * if {@code use_scale}) or {@code concat_score_weight · Σ tanh(scale · (query + key))} ({@code "concat"}); their
 * softmax over Tv (after dropout in training) weights the values. Output {@code (batch, Tq, dv)}.
 *
 * <p>Masks ({@code [query_mask, value_mask]}, each {@code (batch, steps)}, from an {@code Embedding(mask_zero)} or
 * {@code Masking} upstream) are honoured as Keras does: masked value steps get −1e9 added to their scores before
 * the softmax; the output is multiplied by the query mask, and the query mask is the output's mask.
 *
 * <p>Keras passes {@code return_attention_scores} and {@code use_causal_mask} at call time; a jkeras node carries
 * no call arguments, so here they are call options set on the layer ({@link #returnAttentionScores},
 * {@link #useCausalMask}) that hold for every call, and are written to (and read from) a Functional config's
 * call {@code kwargs} as Keras 3 does. With scores returned the layer has two outputs: use {@code applyAll}.
 *
 * <p>Rank-2 inputs {@code (batch, dim)} are computed as tf.keras 2 did ({@code matmul(query, keyᵀ)} is then
 * {@code (batch, batch)}: each sample attends over the samples of its batch), so that tf.keras files using them
 * load and predict as in TensorFlow; Keras 3 rejects such inputs.
 *
 * <pre>{@code
 * jshell> KerasTensor q = Input.shape(5, 8), v = Input.shape(7, 8);
 * jshell> new Attention().apply(q, v).shape()
 * $3 ==> (None, 5, 8)
 * jshell> new Attention().returnAttentionScores(true).applyAll(List.of(q, v)).get(1).shape()
 * $4 ==> (None, 5, 7)
 * }</pre>
 */
public class Attention extends Layer implements AttentionCall {
    protected boolean useScale;
    private String scoreMode = "dot";
    private double dropout;
    private Long seed;
    private boolean returnAttentionScores;
    private boolean useCausalMask;
    protected Variable scale;
    private Variable concatScoreWeight;
    private LayerRandom random;

    /** Dot-product attention with Keras's defaults (no scale, score_mode "dot", no dropout). */
    public Attention() {
    }

    /** Whether to learn a scalar {@code scale} for the scores (default false). */
    public Attention useScale(boolean s) {
        requireNotBuilt("use_scale");
        this.useScale = s;
        return this;
    }

    /** {@code "dot"} (default) or {@code "concat"}. */
    public Attention scoreMode(String mode) {
        requireNotBuilt("score_mode");
        if (!"dot".equals(mode) && !"concat".equals(mode)) {
            throw new IllegalArgumentException("Invalid value for argument score_mode. Expected one of {'dot', 'concat'}. "
                    + "Received: score_mode=" + mode);
        }
        this.scoreMode = mode;
        return this;
    }

    /** The fraction of attention weights dropped in training, in [0, 1] (default 0). */
    public Attention dropout(double rate) {
        requireNotBuilt("dropout");
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("Invalid value received for argument `dropout`. Expected a float value "
                    + "between 0 and 1. Received: dropout=" + rate);
        }
        this.dropout = rate;
        return this;
    }

    /** A seed for this layer's own dropout generator; {@code null} (default) for ND4J's shared one. */
    public Attention seed(Long s) {
        requireNotBuilt("seed");
        this.seed = s;
        return this;
    }

    /** Call option: also return the attention weights {@code (batch, Tq, Tv)} as a second output. */
    @Override
    public Attention returnAttentionScores(boolean r) {
        this.returnAttentionScores = r;
        return this;
    }

    /** Call option: query position i may attend to key positions j ≤ i only (decoder self-attention). */
    @Override
    public Attention useCausalMask(boolean c) {
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

    /** The score function's name. */
    public String scoreMode() {
        return scoreMode;
    }

    /** The dropout rate of the attention weights. */
    public double dropout() {
        return dropout;
    }

    // ------------------------------------------------------------------ shapes

    @Override
    protected int expectedInputCount() {
        return -1; // 2 or 3, checked below with Keras's message
    }

    @Override
    protected void checkInputs(List<Shape> shapes) {
        if (shapes.size() < 2 || shapes.size() > 3) {
            throw LayerErrors.of(this, className() + " layer accepts inputs list of length 2 or 3, namely [query, value] "
                    + "or [query, value, key]. Received length: " + shapes.size() + ".");
        }
        Shape q = shapes.get(0), v = shapes.get(1), k = shapes.size() > 2 ? shapes.get(2) : v;
        int r = q.rank();
        if ((r != 2 && r != 3) || v.rank() != r || k.rank() != r) {
            throw LayerErrors.of(this, "query, value and key must all be 3-D (batch, steps, features) (or all 2-D as in "
                    + "tf.keras). Received shapes: query=" + q + ", value=" + v + ", key=" + k + ".");
        }
        Integer dq = q.get(-1), dk = k.get(-1);
        if (dq != null && dk != null && !dq.equals(dk)) {
            throw LayerErrors.of(this, "The last dimension of query and key must be equal (the scores are their dot "
                    + "product). Received: query shape " + q + ", key shape " + k + ".");
        }
        if (r == 3 && v.get(1) != null && k.get(1) != null && !v.get(1).equals(k.get(1))) {
            throw LayerErrors.of(this, "value and key must have the same number of timesteps. Received: value shape "
                    + v + ", key shape " + k + ".");
        }
    }

    @Override
    protected void build(List<Shape> inputShapes) {
        if (useScale) scale = addWeight("scale", new long[0], new Ones(), null, null, true);
        if ("concat".equals(scoreMode)) {
            concatScoreWeight = addWeight("concat_score_weight", new long[0], new Ones(), null, null, true);
        }
    }

    @Override
    public List<Shape> computeOutputShape(List<Shape> inputShapes) {
        Shape q = inputShapes.get(0), v = inputShapes.get(1);
        Shape out = q.with(-1, v.get(-1));
        if (!returnAttentionScores) return List.of(out);
        Shape scores = q.rank() == 2 ? Shape.of((Integer) null, null) : Shape.of(q.get(0), q.get(1), v.get(1));
        return List.of(out, scores);
    }

    /** Keras's {@code compute_mask}: the query's mask for the output; the scores carry none. */
    @Override
    public List<INDArray> computeMask(List<INDArray> inputs, List<INDArray> masks) {
        INDArray qm = Masks.first(masks);
        if (qm == null) return null;
        return returnAttentionScores ? java.util.Arrays.asList(qm, null) : List.of(qm);
    }

    // ------------------------------------------------------------------ computation

    @Override
    public Forward forward(List<INDArray> inputs, boolean training) {
        return forward(inputs, null, training);
    }

    @Override
    public Forward forward(List<INDArray> inputs, List<INDArray> masks, boolean training) {
        if (masks != null && masks.size() > 3) {
            throw LayerErrors.of(this, className() + " layer accepts mask list of length 2 or 3. Received " + masks.size() + " masks.");
        }
        INDArray qm = masks == null || masks.isEmpty() ? null : masks.get(0);
        INDArray vm = masks == null || masks.size() < 2 ? null : masks.get(1);
        boolean flat = inputs.get(0).rank() == 2;
        Forward core = AttentionCore.run(this, inputs, qm, vm, flat, training ? dropout : 0, useCausalMask, returnAttentionScores);
        List<INDArray> outMasks = computeMask(inputs, masks);
        return outMasks == null ? core : core.withMasks(outMasks);
    }

    LayerRandom random() {
        if (random == null) random = new LayerRandom(seed);
        return random;
    }

    /**
     * The scores {@code (batch, Tq, Tv)} for query {@code (batch, Tq, dim)} and key {@code (batch, Tv, dim)}, with
     * the closure from d(loss)/d(scores) to {@code [d query, d key]} (which also adds the weights' gradients).
     */
    Scores scores(INDArray q, INDArray k) {
        return "dot".equals(scoreMode) ? dotScores(q, k) : concatScores(q, k);
    }

    /** Scores and their backward: {@code backward(dScores)} returns {@code {dQuery, dKey}}. */
    record Scores(INDArray value, java.util.function.Function<INDArray, INDArray[]> backward) {
    }

    private Scores dotScores(INDArray q, INDArray k) {
        INDArray raw = Nd4j.matmul(q, k, false, true, false);
        double s = useScale ? scale.value().sumNumber().doubleValue() : 1.0;
        INDArray scores = useScale ? raw.mul(s) : raw;
        return new Scores(scores, dS -> {
            if (useScale && trainable()) scale.addGrad(Nd4j.scalar(raw.dataType(), dS.mul(raw).sumNumber().doubleValue()));
            INDArray g = useScale ? dS.mul(s) : dS;
            return new INDArray[]{Nd4j.matmul(g, k), Nd4j.matmul(g, q, true, false, false)};
        });
    }

    private Scores concatScores(INDArray q, INDArray k) {
        long b = q.size(0), tq = q.size(1), tv = k.size(1), d = q.size(2);
        long[] full = {b, tq, tv, d};
        INDArray u = q.reshape(b, tq, 1, d).broadcast(full).add(k.reshape(b, 1, tv, d).broadcast(full));
        double s = useScale ? scale.value().sumNumber().doubleValue() : 1.0;
        INDArray t = Transforms.tanh(useScale ? u.mul(s) : u, true);
        INDArray summed = t.sum(3);
        double w = concatScoreWeight.value().sumNumber().doubleValue();
        return new Scores(summed.mul(w), dS -> {
            if (trainable()) {
                concatScoreWeight.addGrad(Nd4j.scalar(u.dataType(), dS.mul(summed).sumNumber().doubleValue()));
            }
            // d tanh(a) = (1 - tanh²) da, with a = s·u
            INDArray da = dS.mul(w).reshape(b, tq, tv, 1).broadcast(full).mul(t.mul(t).rsubi(1.0));
            if (useScale && trainable()) scale.addGrad(Nd4j.scalar(u.dataType(), da.mul(u).sumNumber().doubleValue()));
            INDArray du = useScale ? da.muli(s) : da;
            return new INDArray[]{du.sum(2), du.sum(1)};
        });
    }

    // ------------------------------------------------------------------ config

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("use_scale", useScale);
        c.put("score_mode", scoreMode);
        c.put("dropout", dropout);
        return c;
    }

    /** From a config of any Keras version; tf.keras's old {@code causal=True} is the causal-mask call option. */
    public static Attention fromConfig(Config c) {
        Attention a = new Attention().useScale(c.getBoolean("use_scale", false))
                .scoreMode(c.getString("score_mode", "dot")).dropout(c.getDouble("dropout", 0.0));
        if (c.get("seed") instanceof Number n) a.seed(n.longValue());
        if (c.getBoolean("causal", false)) a.useCausalMask(true);
        return a.withBaseConfig(c);
    }
}
