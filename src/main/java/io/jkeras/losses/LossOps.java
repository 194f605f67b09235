package io.jkeras.losses;

import io.jkeras.Keras;
import io.jkeras.Shape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.controlflow.Select;
import org.nd4j.linalg.api.ops.impl.transforms.clip.ClipByValue;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;

/**
 * The ND4J building blocks the losses share: Keras's clip (and the mask of where it is inactive, which
 * is where autodiff of a clip lets the gradient through), numerically stable softplus / log-softmax,
 * and the reshapes that carry a per-sample gradient back over a reduced axis. Every function is a
 * handful of whole-array ND4J ops; none loops over elements.
 */
final class LossOps {
    static final double EPS = Keras.EPSILON;

    private LossOps() {
    }

    /**
     * {@code clip(x, lo, hi)} as a new array. ND4J's ClipByValue keeps NaN as NaN (its comparisons are
     * false for NaN), whereas {@code Transforms.max/min} would replace NaN by a bound and hide it.
     */
    static INDArray clip(INDArray x, double lo, double hi) {
        return Nd4j.exec(new ClipByValue(x, lo, hi))[0];
    }

    /**
     * 1 where {@code lo <= x <= hi} (the clip passes its input through, so the gradient flows), 0 where
     * the clip is active. Written as {@code 1 - [x < lo] - [x > hi]} so that NaN gives 1 and a NaN
     * prediction still yields a NaN gradient instead of a silent zero.
     */
    static INDArray inside(INDArray x, double lo, double hi) {
        DataType t = x.dataType();
        INDArray below = x.lt(lo).castTo(t);
        INDArray above = x.gt(hi).castTo(t);
        return below.addi(above).rsubi(1.0);
    }

    /**
     * {@code where(condition, x, y)} for same-shaped arrays, through ND4J's select op. A select, unlike
     * blending with 0/1 masks, never turns an unused infinite branch into {@code inf * 0 = NaN}.
     */
    static INDArray where(INDArray condition, INDArray x, INDArray y) {
        return Nd4j.exec(new Select(new INDArray[]{condition, x, y}, new INDArray[]{x.ulike()}))[0];
    }

    /** {@code log(1 + exp(x))} without overflow: {@code max(x, 0) + log1p(exp(-|x|))}. */
    static INDArray softplus(INDArray x) {
        INDArray tail = Transforms.log1p(Transforms.exp(Transforms.abs(x).negi(), false), false);
        return Transforms.relu(x, true).addi(tail);
    }

    /** The logistic sigmoid as a new array. */
    static INDArray sigmoid(INDArray x) {
        return Transforms.sigmoid(x, true);
    }

    /** {@code log(softmax(x))} along {@code axis}, stable: {@code x - max - log(sum(exp(x - max)))}. */
    static INDArray logSoftmax(INDArray x, int axis) {
        INDArray z = x.sub(x.max(true, axis));
        INDArray lse = Transforms.log(Transforms.exp(z, true).sum(true, axis), false);
        return z.subi(lse);
    }

    /** {@code softmax(x)} along {@code axis}, through ND4J's native softmax op. */
    static INDArray softmax(INDArray x, int axis) {
        return Nd4j.exec(new SoftMax(x, x.ulike(), axis))[0];
    }

    /** A negative axis counted from the end, checked against the rank. */
    static int axis(int axis, long[] shape, String lossName) {
        int rank = shape.length;
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException("Loss \"" + lossName + "\": axis " + axis
                    + " is out of bounds for y_pred of shape " + shape(shape) + " (rank " + rank + ").");
        }
        return a;
    }

    /**
     * Reshapes a reduced array (the {@code axis} dimension removed) so that it broadcasts against the
     * full shape again: {@code (N,)} with axis 1 of {@code (N, C)} becomes {@code (N, 1)}. A rank-0
     * array (one factor for every sample) is returned as it is.
     */
    static INDArray expand(INDArray reduced, long[] fullShape, int axis) {
        if (reduced.rank() == 0 && fullShape.length > 1) return reduced; // a uniform factor broadcasts as it is
        long[] s = fullShape.clone();
        s[axis] = 1;
        return reduced.reshape(s);
    }

    /** {@code shape} without the {@code axis} entry. */
    static long[] without(long[] shape, int axis) {
        long[] out = new long[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) if (i != axis) out[j++] = shape[i];
        return out;
    }

    /** Sum over {@code axis}, dropping that dimension (a rank-1 input gives a rank-0 scalar). */
    static INDArray sum(INDArray x, int axis) {
        return x.sum(false, axis).reshape(without(x.shape(), axis));
    }

    /** Mean over {@code axis}, dropping that dimension. */
    static INDArray mean(INDArray x, int axis) {
        return x.mean(false, axis).reshape(without(x.shape(), axis));
    }

    /** Keras's tuple spelling of a shape: {@code (2, 3)}, {@code (5,)}, {@code ()}. */
    static String shape(long[] s) {
        return Shape.ofArray(s).toString();
    }

    /** The float type the loss computes in: y_pred's own type, or floatx when y_pred is not floating point. */
    static DataType floatType(INDArray yPred) {
        DataType t = yPred.dataType();
        return t.isFPType() ? t : Keras.dataType(Keras.floatx());
    }

    /** {@code x} in type {@code t} (the same array when it already is). */
    static INDArray as(INDArray x, DataType t) {
        return x.dataType() == t ? x : x.castTo(t);
    }

    static boolean sameShape(long[] a, long[] b) {
        return Arrays.equals(a, b);
    }
}
