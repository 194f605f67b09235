package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.initializers.GlorotUniform;
import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;
import java.util.Map;

/**
 * Additive attention (Bahdanau-style), as {@code keras.layers.AdditiveAttention}: the scores are
 * {@code Σ_d scale_d · tanh(query_d + key_d)} over every (query step, key step) pair, then softmax, dropout and
 * the weighted sum of values exactly as {@link Attention} (same inputs, masks, call options and shapes).
 *
 * <p>{@code use_scale} (default true) makes the weight {@code scale} of shape {@code (dim,)}, glorot_uniform.
 *
 * <pre>{@code
 * jshell> new AdditiveAttention().apply(Input.shape(5, 8), Input.shape(7, 8)).shape()
 * $1 ==> (None, 5, 8)
 * }</pre>
 */
public class AdditiveAttention extends Attention {

    /** Additive attention with Keras's defaults ({@code use_scale=True}, no dropout). */
    public AdditiveAttention() {
        this.useScale = true;
    }

    @Override
    public AdditiveAttention scoreMode(String mode) {
        throw new UnsupportedOperationException("AdditiveAttention has no score_mode.");
    }

    @Override
    protected void build(List<Shape> inputShapes) {
        Integer dim = inputShapes.get(0).get(-1);
        if (dim == null) {
            throw LayerErrors.of(this, "The last dimension of the query must be defined. Received: " + inputShapes.get(0));
        }
        if (useScale) scale = addWeight("scale", new long[]{dim}, new GlorotUniform(), null, null, true);
    }

    @Override
    Scores scores(INDArray q, INDArray k) {
        long b = q.size(0), tq = q.size(1), tv = k.size(1), d = q.size(2), n = b * tq * tv;
        long[] full = {b, tq, tv, d};
        INDArray t = Transforms.tanh(q.reshape(b, tq, 1, d).broadcast(full).add(k.reshape(b, 1, tv, d).broadcast(full)), false);
        INDArray t2 = t.reshape(n, d);
        INDArray s = useScale ? scale.value().reshape(d, 1) : null;
        // Σ_d scale_d·t_d as one (n, d)·(d, 1) product
        INDArray scores = (useScale ? t2.mmul(s) : t2.sum(true, 1)).reshape(b, tq, tv);
        return new Scores(scores, dS -> {
            INDArray g = dS.reshape(n, 1);
            if (useScale && trainable()) scale.addGrad(t2.transpose().mmul(g).reshape(d));
            INDArray dt = useScale ? g.mmul(s.transpose()) : g.broadcast(n, d).dup();
            INDArray du = dt.muli(t2.mul(t2).rsubi(1.0)).reshape(full);
            return new INDArray[]{du.sum(2), du.sum(1)};
        });
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.remove("score_mode");
        return c;
    }

    /** From a config of any Keras version. */
    public static AdditiveAttention fromConfig(Config c) {
        AdditiveAttention a = new AdditiveAttention();
        a.useScale(c.getBoolean("use_scale", true)).dropout(c.getDouble("dropout", 0.0));
        if (c.get("seed") instanceof Number n) a.seed(n.longValue());
        if (c.getBoolean("causal", false)) a.useCausalMask(true);
        return a.withBaseConfig(c);
    }
}
