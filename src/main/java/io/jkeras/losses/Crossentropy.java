package io.jkeras.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The categorical cross-entropy core shared by {@link CategoricalCrossentropy} and
 * {@link SparseCategoricalCrossentropy}: per-sample {@code -sum(t * log q, axis)} for a target
 * distribution t (one-hot, smoothed or soft) and its backward pass, from logits or from probabilities.
 */
final class Crossentropy {
    private Crossentropy() {
    }

    /**
     * From logits x: {@code log q = log_softmax(x)} (stable), and
     * {@code d/dx = softmax(x) * sum(t) - t}, i.e. {@code softmax - onehot} for a one-hot t: the gradient a
     * softmax output layer and this loss have together. {@code targetsSumToOne} (one-hot labels) skips
     * the row sum of t.
     */
    static Loss.PerSample fromLogits(INDArray t, INDArray x, int ax, boolean targetsSumToOne) {
        long[] shape = x.shape();
        INDArray logQ = LossOps.logSoftmax(x, ax);
        INDArray values = LossOps.sum(t.mul(logQ), ax).negi();
        return new Loss.PerSample(values, null, g -> {
            INDArray softmax = Transforms.exp(logQ, true);
            if (!targetsSumToOne) softmax.muli(t.sum(true, ax)); // soft targets need not sum to 1
            return softmax.subi(t).muli(LossOps.expand(g, shape, ax));
        });
    }

    /**
     * From probabilities p, as Keras's backends do: {@code q = clip(p / sum(p, axis), 1e-7, 1 - 1e-7)}.
     * Backward through the clip (no gradient where it is active) and the normalisation:
     * with {@code gq = -t / q} (masked), {@code d/dp = (gq - sum(gq * p / S)) / S}, S the row sum.
     */
    static Loss.PerSample fromProbabilities(INDArray t, INDArray p, int ax) {
        long[] shape = p.shape();
        INDArray s = p.sum(true, ax);
        INDArray q = p.div(s);
        INDArray qc = LossOps.clip(q, LossOps.EPS, 1.0 - LossOps.EPS);
        INDArray values = LossOps.sum(Transforms.log(qc, true).muli(t), ax).negi();
        return new Loss.PerSample(values, null, g -> {
            INDArray gq = t.div(qc).negi().muli(LossOps.inside(q, LossOps.EPS, 1.0 - LossOps.EPS));
            INDArray centre = gq.mul(q).sum(true, ax);
            return gq.subi(centre).divi(s).muli(LossOps.expand(g, shape, ax));
        });
    }
}
