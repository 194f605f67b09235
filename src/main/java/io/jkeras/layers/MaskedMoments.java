package io.jkeras.layers;

import io.jkeras.Keras;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;

import java.util.Arrays;

/**
 * The batch statistics of a masked {@link BatchNormalization} in training, as Keras 3's {@code _moments(inputs, mask)},
 * and their derivative. With {@code w} the mask widened by a trailing axis ({@code (batch, steps)} to
 * {@code (batch, steps, 1)}) and {@code D = sum(w) + 1e-7} over the reduced axes:
 * {@code mean = sum(w x) / D}, {@code diff = w x - mean}, {@code variance = sum(w diff²) / D} — so masked steps
 * count for nothing. Package-private.
 */
final class MaskedMoments {
    private final int axis;
    private final int[] reduce;
    private final long[] shape;
    private final INDArray w;     // the mask broadcast to the input's shape
    private final INDArray d;     // D broadcast to the input's shape
    private final INDArray diff;  // w x - mean
    private final INDArray mean;
    private final INDArray variance;

    /**
     * @param x      the input
     * @param mask   its mask, of rank {@code x.rank() - 1}
     * @param axis   the channel axis (non-negative)
     * @param reduce every other axis
     */
    MaskedMoments(INDArray x, INDArray mask, int axis, int[] reduce) {
        this.axis = axis;
        this.reduce = reduce;
        this.shape = x.shape();
        long[] ms = Arrays.copyOf(mask.shape(), shape.length);
        ms[shape.length - 1] = 1;
        INDArray wb = mask.castTo(x.dataType()).reshape(ms); // Keras: expand_dims(mask, -1)
        this.w = wb.broadcast(shape);
        long c = shape[axis];
        long[] keep = new long[shape.length];
        Arrays.fill(keep, 1L);
        keep[axis] = c;
        INDArray dk = wb.sum(true, reduce).addi(Keras.EPSILON).broadcast(keep); // the weight sum, per channel
        INDArray dc = dk.reshape(c);
        this.d = dk.broadcast(shape);
        INDArray wx = x.mul(w);
        this.mean = wx.sum(reduce).divi(dc);
        this.diff = Broadcast.sub(wx, mean, wx, axis);
        this.variance = diff.mul(diff).muli(w).sum(reduce).divi(dc);
    }

    INDArray mean() {
        return mean;
    }

    INDArray variance() {
        return variance;
    }

    /**
     * d(loss)/d(x) for {@code y = (x - mean) inv gamma + beta} with these statistics.
     *
     * @param g   d(loss)/d(y) times gamma (per channel), the input's shape
     * @param x   the input
     * @param inv {@code 1 / sqrt(variance + epsilon)}, {@code (c,)}
     */
    INDArray inputGradient(INDArray g, INDArray x, INDArray inv) {
        INDArray xc = Broadcast.sub(x, mean, x.ulike(), axis);
        INDArray inv3 = inv.mul(inv).muli(inv);
        // d loss / d variance = sum(g (x - mean)) * (-1/2) inv³, per channel
        INDArray dVar = g.mul(xc).sum(reduce).muli(inv3).muli(-0.5);
        // d loss / d mean = -inv sum(g) + d variance * d variance / d mean, with d variance / d mean = -2 sum(w diff) / D
        INDArray wDiff = diff.mul(w).divi(d);
        INDArray dMean = g.sum(reduce).muli(inv).negi().subi(wDiff.sum(reduce).muli(dVar).muli(2.0));
        INDArray dx = Broadcast.mul(g, inv, g.ulike(), axis);
        INDArray wd = w.div(d);
        dx.addi(Broadcast.mul(wd, dMean, wd.ulike(), axis));
        dx.addi(Broadcast.mul(wDiff.muli(w).muli(2.0), dVar, wDiff, axis)); // d variance / d x at a fixed mean: 2 w² diff / D
        return dx;
    }
}
