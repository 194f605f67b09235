package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.Variable;
import io.jkeras.utils.Bias;
import io.jkeras.utils.MatMul;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The call of {@link MultiHeadAttention} and its exact backward (package-private). Keras's einsums become
 * matmuls: each EinsumDense projection is one {@code (rows, dim)·(dim, heads·size)} product; the projected
 * tensors {@code (batch, ..., heads, size)} are permuted to Keras's score layout (batch dims with the heads, query
 * attention dims, key attention dims) and flattened to {@code (b, T, size)}, so that scores, softmax (native, over
 * the flattened key positions: the same as Keras's joint softmax over the attention axes) and the weighted sum
 * are batched matmuls.
 */
final class MhaCore {
    private MhaCore() {
    }

    /** One EinsumDense projection {@code x·kernel + bias} over the last axis, with its backward. */
    private record Proj(INDArray x2, INDArray k2, Variable kernel, Variable bias, long[] xShape, INDArray y) {
        /** @param d the contracted size: x's last axis, or heads·value_dim for the output projection */
        static Proj of(INDArray x, Variable kernel, Variable bias, long d) {
            long inner = kernel.value().length() / d;
            INDArray x2 = x.reshape('c', x.length() / d, d);
            INDArray k2 = kernel.value().reshape('c', d, inner);
            INDArray y = Nd4j.createUninitialized(x.dataType(), x2.size(0), inner);
            MatMul.gemm(x2, k2, y, false, false, 1.0, 0.0);
            if (bias != null) Bias.addInPlace(y, bias.value());
            return new Proj(x2, k2, kernel, bias, x.shape(), y);
        }

        /** Adds the weight gradients for d(loss)/d(y) and returns d(loss)/d(x) in x's shape. */
        INDArray backward(INDArray dy, boolean weights) {
            if (weights) {
                kernel.addGrad(x2.transpose().mmul(dy).reshape(kernel.value().shape()));
                if (bias != null) bias.addGradSum(dy, 0); // (rows, heads·dim) summed into the (heads, dim) bias, see Sums
            }
            return dy.mmul(k2.transpose()).reshape(xShape);
        }
    }

    static Forward run(MultiHeadAttention l, List<INDArray> inputs, List<INDArray> masks, boolean training) {
        boolean hasKey = inputs.size() > 2;
        INDArray q = inputs.get(0), v = inputs.get(1), k = hasKey ? inputs.get(2) : v;
        INDArray am = inputs.size() > 3 ? inputs.get(3) : null;
        INDArray qm = mask(masks, 0), vm = mask(masks, 1), km = hasKey ? mask(masks, 2) : null;
        int n = l.numHeads(), kd = l.keyDim(), vd = l.valueDim(), r = q.rank(), big = r + 1;
        int[] axes = l.resolvedAxes(r);
        // perm: batch dims (heads included) in order, then attention axes, then the features
        int[] perm = new int[big];
        int p = 0;
        for (int i = 0; i < big - 1; i++) {
            final int axis = i;
            if (Arrays.stream(axes).noneMatch(a -> a == axis)) perm[p++] = i;
        }
        int nBatch = p;
        for (int a : axes) perm[p++] = a;
        perm[p] = big - 1;
        int[] inverse = new int[big];
        for (int i = 0; i < big; i++) inverse[perm[i]] = i;

        Proj pq = Proj.of(q, l.kernels[0], l.biases[0], q.size(r - 1));
        Proj pk = Proj.of(k, l.kernels[1], l.biases[1], k.size(r - 1));
        Proj pv = Proj.of(v, l.kernels[2], l.biases[2], v.size(r - 1));
        long[] qP = permuted(projected(q.shape(), n, kd), perm), kP = permuted(projected(k.shape(), n, kd), perm);
        long[] vP = permuted(projected(v.shape(), n, vd), perm), oP = permuted(projected(q.shape(), n, vd), perm);
        long bb = prod(qP, 0, nBatch), t = prod(qP, nBatch, big - 1), s = prod(kP, nBatch, big - 1);
        if (prod(kP, 0, nBatch) != bb) {
            throw LayerErrors.of(l, "query " + Shape.ofArray(q.shape()) + " and key " + Shape.ofArray(k.shape())
                    + " must agree on every axis that is not an attention axis (attention_axes " + Arrays.toString(axes) + ").");
        }
        double scale = 1.0 / Math.sqrt(kd);
        INDArray q3 = toHeads(pq.y(), q.shape(), n, kd, perm, bb, t).muli(scale);
        INDArray k3 = toHeads(pk.y(), k.shape(), n, kd, perm, bb, s);
        INDArray v3 = toHeads(pv.y(), v.shape(), n, vd, perm, bb, s);

        long[] sl = new long[nBatch + 2 * axes.length];
        System.arraycopy(qP, 0, sl, 0, nBatch + axes.length);
        System.arraycopy(kP, nBatch, sl, nBatch + axes.length, axes.length);
        DataType dt = q.dataType();
        INDArray keep = keep(l, qm, vm, km, am, l.useCausalMask(), q, k, sl, axes.length, dt);

        INDArray raw = Nd4j.matmul(q3, k3, false, true, false);
        INDArray keep3 = keep == null ? null : keep.reshape('c', bb, t, s);
        INDArray masked = keep3 == null ? raw : raw.addi(AttentionOps.softmaxLayerBias(keep3, dt));
        INDArray w = AttentionOps.softmax(masked);
        // Keras 3's Softmax layer then zeroes the masked positions, so that a fully masked row weighs nothing
        // (rather than every position alike)
        if (keep3 != null) w.muli(keep3);
        double rate = training ? l.dropoutRate() : 0;
        INDArray drop = rate > 0 ? AttentionOps.dropoutMask(w.shape(), dt, rate, l.random()) : null;
        INDArray wd = drop == null ? w : w.mul(drop);
        INDArray o3 = Nd4j.matmul(wd, v3);
        INDArray o2 = o3.reshape('c', oP).permute(inverse).dup('c').reshape('c', q.length() / q.size(r - 1), (long) n * vd);
        Proj po = Proj.of(o2, l.kernels[3], l.biases[3], (long) n * vd);
        long[] outShape = Arrays.copyOf(q.shape(), r - 1 + l.kernels[3].value().rank() - 2);
        System.arraycopy(l.kernels[3].value().shape(), 2, outShape, r - 1, outShape.length - (r - 1));
        List<INDArray> outs = new ArrayList<>();
        outs.add(po.y().reshape('c', outShape));
        if (l.returnAttentionScores()) outs.add(w.reshape('c', sl));

        return Forward.of(outs, gs -> {
            boolean weights = l.trainable();
            INDArray dO2 = po.backward(gs.get(0).reshape('c', po.y().shape()), weights);
            INDArray dO3 = dO2.reshape('c', permuted(oP, inverse)).permute(perm).dup('c').reshape('c', bb, t, vd);
            INDArray dWd = Nd4j.matmul(dO3, v3, false, true, false);
            INDArray dV3 = Nd4j.matmul(wd, dO3, true, false, false);
            INDArray dW = drop == null ? dWd : dWd.muli(drop);
            // the scores output is the softmax before dropout (Keras returns attention_scores, not the dropped ones)
            if (gs.size() > 1 && gs.get(1) != null) dW.addi(gs.get(1).reshape('c', bb, t, s));
            INDArray dS = AttentionOps.softmaxBackward(masked, keep3 == null ? dW : dW.muli(keep3));
            INDArray dQ3 = Nd4j.matmul(dS, k3).muli(scale);
            INDArray dK3 = Nd4j.matmul(dS, q3, true, false, false);
            INDArray dq = pq.backward(fromHeads(dQ3, qP, inverse, pq.y().shape()), weights);
            INDArray dk = pk.backward(fromHeads(dK3, kP, inverse, pk.y().shape()), weights);
            INDArray dv = pv.backward(fromHeads(dV3, vP, inverse, pv.y().shape()), weights);
            List<INDArray> dIn = new ArrayList<>();
            dIn.add(dq);
            dIn.add(hasKey ? dv : dv.addi(dk));
            if (hasKey) dIn.add(dk);
            if (am != null) dIn.add(null); // a mask has no gradient
            return dIn;
        });
    }

    private static INDArray mask(List<INDArray> masks, int i) {
        return masks == null || masks.size() <= i ? null : masks.get(i);
    }

    /** x's shape with the last axis replaced by (heads, size). */
    private static long[] projected(long[] x, int heads, int size) {
        long[] out = Arrays.copyOf(x, x.length + 1);
        out[x.length - 1] = heads;
        out[x.length] = size;
        return out;
    }

    private static long[] permuted(long[] shape, int[] perm) {
        long[] out = new long[perm.length];
        for (int i = 0; i < perm.length; i++) out[i] = shape[perm[i]];
        return out;
    }

    private static long prod(long[] s, int from, int to) {
        long p = 1;
        for (int i = from; i < to; i++) p *= s[i];
        return p;
    }

    /** A projection {@code (rows, heads·size)} in Keras's score layout, flattened to {@code (b, steps, size)}. */
    private static INDArray toHeads(INDArray y, long[] xShape, int heads, int size, int[] perm, long b, long steps) {
        return y.reshape('c', projected(xShape, heads, size)).permute(perm).dup('c').reshape('c', b, steps, size);
    }

    /** The inverse of {@link #toHeads} for a gradient. */
    private static INDArray fromHeads(INDArray d3, long[] permutedShape, int[] inverse, long[] yShape) {
        return d3.reshape('c', permutedShape).permute(inverse).dup('c').reshape('c', yShape);
    }

    /**
     * Keras's {@code _compute_attention_mask} and {@code _masked_softmax}: the AND of the query mask
     * {@code [B, T, 1]}, value and key masks {@code [B, 1, S]}, the causal mask {@code [1, T, S]} and the
     * attention_mask, expanded before the query attention dims up to the scores' rank, as 0/1 of the score layout
     * {@code sl}; null when nothing is masked.
     */
    private static INDArray keep(MultiHeadAttention l, INDArray qm, INDArray vm, INDArray km, INDArray am, boolean causal,
                                 INDArray q, INDArray k, long[] sl, int nAxes, DataType dt) {
        INDArray auto = null;
        boolean anyAuto = qm != null || vm != null || km != null || causal;
        if (anyAuto && (q.rank() != 3 || nAxes != 1)) {
            throw LayerErrors.of(l, "Keras masks of the inputs and use_causal_mask need 3-D inputs (batch, steps, features) "
                    + "with the default attention_axes; give an attention_mask of the scores' shape instead. Received: query "
                    + Shape.ofArray(q.shape()) + ".");
        }
        if (anyAuto) {
            long b = q.size(0), t = q.size(1), s = k.size(1);
            long[] bts = {b, t, s};
            if (qm != null) {
                AttentionOps.checkMask(l, "query", qm, b, t);
                auto = qm.castTo(dt).reshape(b, t, 1).broadcast(bts);
            }
            INDArray[] kv = {vm, km};
            String[] names = {"value", "key"};
            for (int i = 0; i < 2; i++) {
                if (kv[i] == null) continue;
                AttentionOps.checkMask(l, names[i], kv[i], b, s);
                INDArray m = kv[i].castTo(dt).reshape(b, 1, s).broadcast(bts);
                auto = auto == null ? m : auto.mul(m);
            }
            if (causal) {
                INDArray c = AttentionOps.causal(t, s, dt).reshape(1, t, s).broadcast(bts);
                auto = auto == null ? c : auto.mul(c);
            }
        }
        INDArray keep = null;
        for (INDArray m : new INDArray[]{am, auto}) {
            if (m == null) continue;
            INDArray e = expand(l, m.castTo(dt), sl, nAxes);
            keep = keep == null ? e : keep.mul(e);
        }
        return keep;
    }

    /** A mask expanded at Keras's axis {@code -2·len(attention_axes) - 1} up to the scores' rank, broadcast to them. */
    private static INDArray expand(MultiHeadAttention l, INDArray m, long[] sl, int nAxes) {
        long[] s = m.shape();
        while (s.length < sl.length) {
            int at = s.length - 2 * nAxes; // where ops.expand_dims(mask, -2·n - 1) puts the new axis
            if (at < 0) break;
            long[] e = new long[s.length + 1];
            for (int i = 0, j = 0; i < e.length; i++) e[i] = i == at ? 1 : s[j++];
            s = e;
        }
        boolean ok = s.length == sl.length;
        for (int i = 0; ok && i < s.length; i++) ok = s[i] == 1 || s[i] == sl[i];
        if (!ok) {
            throw LayerErrors.of(l, "The attention mask of shape " + Shape.ofArray(m.shape()) + " cannot be broadcast to the "
                    + "attention scores of shape " + Shape.ofArray(sl) + " (batch, heads, query steps, key steps): give it "
                    + "the shape (batch, query steps, key steps).");
        }
        return m.reshape('c', s).broadcast(sl);
    }
}
