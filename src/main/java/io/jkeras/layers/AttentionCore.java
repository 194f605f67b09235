package io.jkeras.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The call of {@link Attention} and {@link AdditiveAttention} (Keras's {@code _apply_scores} and
 * {@code _calculate_score_mask}), package-private: scores, value and causal masks as a −1e9 bias, native softmax,
 * dropout, {@code weights·value}, the query mask; and the exact backward of all of it. Batched matmuls throughout.
 */
final class AttentionCore {
    private AttentionCore() {
    }

    static Forward run(Attention layer, List<INDArray> inputs, INDArray qMask, INDArray vMask, boolean flat, double rate,
                       boolean causal, boolean returnScores) {
        boolean hasKey = inputs.size() > 2;
        INDArray q = inputs.get(0), v = inputs.get(1), k = hasKey ? inputs.get(2) : v;
        long[] qShape = q.shape(), vShape = v.shape(), kShape = k.shape();
        if (flat) { // tf.keras 2 on (batch, dim): one "sequence" of batch steps, (1, batch, dim)
            q = q.reshape(1, qShape[0], qShape[1]);
            v = v.reshape(1, vShape[0], vShape[1]);
            k = hasKey ? k.reshape(1, kShape[0], kShape[1]) : v;
            if (qMask != null) qMask = flatMask(layer, "query", qMask, qShape[0]);
            if (vMask != null) vMask = flatMask(layer, "value", vMask, vShape[0]);
        }
        long b = q.size(0), tq = q.size(1), tv = v.size(1), dv = v.size(2);
        if (k.size(0) != b || v.size(0) != b || k.size(1) != tv || k.size(2) != q.size(2)) {
            throw LayerErrors.of(layer, "Incompatible inputs: query " + io.jkeras.Shape.ofArray(qShape) + ", value "
                    + io.jkeras.Shape.ofArray(vShape) + ", key " + io.jkeras.Shape.ofArray(kShape)
                    + ": query and key need the same last dimension, value and key the same batch and timesteps.");
        }
        if (!flat && qMask != null) AttentionOps.checkMask(layer, "query", qMask, b, tq);
        if (!flat && vMask != null) AttentionOps.checkMask(layer, "value", vMask, b, tv);
        DataType t = q.dataType();
        long[] sShape = {b, tq, tv};

        Attention.Scores sc = layer.scores(q, k);
        INDArray keep = vMask == null ? null : vMask.castTo(t).reshape(b, 1, tv).broadcast(sShape);
        if (causal) {
            INDArray c = AttentionOps.causal(tq, tv, t).reshape(1, tq, tv).broadcast(sShape);
            keep = keep == null ? c : keep.mul(c);
        }
        INDArray masked = keep == null ? sc.value() : sc.value().add(AttentionOps.bias(keep, t));
        INDArray w = AttentionOps.softmax(masked);
        INDArray drop = rate > 0 ? AttentionOps.dropoutMask(sShape, t, rate, layer.random()) : null;
        INDArray wd = drop == null ? w : w.mul(drop);
        INDArray o = Nd4j.matmul(wd, v);
        INDArray qk = qMask == null ? null : qMask.castTo(t).reshape(b, tq, 1).broadcast(b, tq, dv);
        if (qk != null) o.muli(qk);

        List<INDArray> outs = new ArrayList<>();
        outs.add(flat ? o.reshape(qShape[0], dv) : o);
        if (returnScores) outs.add(flat ? wd.reshape(tq, tv) : wd);
        final INDArray qf = q, vf = v, kf = k;
        return Forward.of(outs, gs -> {
            INDArray dO = gs.get(0).reshape(b, tq, dv);
            if (qk != null) dO = dO.mul(qk);
            INDArray dWd = Nd4j.matmul(dO, vf, false, true, false);
            if (returnScores && gs.size() > 1 && gs.get(1) != null) dWd.addi(gs.get(1).reshape(sShape));
            INDArray dV = Nd4j.matmul(wd, dO, true, false, false);
            INDArray dW = drop == null ? dWd : dWd.muli(drop);
            INDArray[] dqk = sc.backward().apply(AttentionOps.softmaxBackward(masked, dW));
            if (!hasKey) dV.addi(dqk[1]);
            List<INDArray> dIn = new ArrayList<>(Arrays.asList(dqk[0].reshape(qShape), dV.reshape(vShape)));
            if (hasKey) dIn.add(dqk[1].reshape(kShape));
            return dIn;
        });
    }

    /** A rank-2 input's mask, {@code (batch,)}, as the {@code (1, batch)} mask of the one sequence it becomes. */
    private static INDArray flatMask(Layer layer, String which, INDArray m, long batch) {
        if (m.length() != batch || (m.rank() > 1 && m.size(0) != batch)) {
            throw LayerErrors.of(layer, "The " + which + " mask must have shape (" + batch + ",) for a 2-D " + which
                    + ", but received a mask of shape " + io.jkeras.Shape.ofArray(m.shape()) + ".");
        }
        return m.reshape(1, batch);
    }
}
