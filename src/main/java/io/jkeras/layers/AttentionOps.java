package io.jkeras.layers;

import io.jkeras.Shape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SoftmaxBp;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The arithmetic the attention layers share (package-private): the causal mask, the masked softmax over the
 * last axis with its gradient (ND4J's native {@code softmax} / {@code softmax_bp}), and dropout of the
 * attention weights. Every step is one ND4J op over whole arrays.
 */
final class AttentionOps {
    private AttentionOps() {
    }

    /**
     * Keras's causal mask: 1 where query position {@code i} may attend to key position {@code j}, that is
     * {@code j <= i} (Keras compares the cumulative sums of ones along both axes), as a {@code (tq, tv)} array of
     * {@code t}.
     */
    static INDArray causal(long tq, long tv, DataType t) {
        INDArray rows = Nd4j.arange(0, tq).castTo(t).reshape(tq, 1).broadcast(tq, tv);
        INDArray cols = Nd4j.arange(0, tv).castTo(t).reshape(1, tv).broadcast(tq, tv);
        return rows.sub(cols).gte(0).castTo(t);
    }

    /**
     * The additive bias of a 0/1 keep-mask: 0 where kept, minus Keras's large number where masked (1e9, or
     * 65504 in float16), so that masked scores get no probability after the softmax.
     */
    static INDArray bias(INDArray keep, DataType t) {
        return bias(keep, t, t == DataType.HALF ? 65504.0 : 1.0e9);
    }

    /** The same with Keras's Softmax layer's number (what MultiHeadAttention masks through): 1e9, or 3e4 in float16. */
    static INDArray softmaxLayerBias(INDArray keep, DataType t) {
        return bias(keep, t, t == DataType.HALF ? 3e4 : 1.0e9);
    }

    private static INDArray bias(INDArray keep, DataType t, double big) {
        return keep.castTo(t).rsub(1.0).muli(-big);
    }

    /** Softmax over the last axis (native op). */
    static INDArray softmax(INDArray scores) {
        return Nd4j.exec(new SoftMax(scores, scores.ulike(), scores.rank() - 1))[0];
    }

    /** The softmax's gradient over the last axis, from its input and d(loss)/d(output) (native op). */
    static INDArray softmaxBackward(INDArray scores, INDArray dOut) {
        return Nd4j.exec(new SoftmaxBp(scores, dOut, scores.ulike(), scores.rank() - 1))[0];
    }

    /** An inverted-dropout multiplier of this shape: 0 with probability {@code rate}, else {@code 1/(1-rate)}. */
    static INDArray dropoutMask(long[] shape, DataType t, double rate, LayerRandom random) {
        INDArray mask = Nd4j.createUninitialized(t, shape);
        if (rate >= 1) return mask.assign(0);
        random.fill(new BernoulliDistribution(mask, 1 - rate));
        return mask.muli(1 / (1 - rate));
    }

    /** Checks that a mask is {@code (batch, steps)} for an input {@code (batch, steps, ...)}; names the layer. */
    static void checkMask(Layer layer, String which, INDArray mask, long batch, long steps) {
        long[] s = mask.shape();
        if (s.length != 2 || s[0] != batch || s[1] != steps) {
            throw LayerErrors.of(layer, "The " + which + " mask must have shape " + Shape.ofArray(new long[]{batch, steps})
                    + " (batch, timesteps) to match the " + which + ", but received a mask of shape " + Shape.ofArray(s) + ".");
        }
    }
}
