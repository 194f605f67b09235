package io.jkeras.metrics;

import io.jkeras.Keras;
import io.jkeras.Shape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * Shape handling the metrics share, written after Keras's helpers: {@code squeeze_or_expand_to_same_rank}
 * (a trailing 1 may differ between y_true and y_pred), numpy broadcasting of sample weights, and means
 * over trailing axes. Every function is a few whole-array ND4J calls (reshape, broadcast, reduce).
 */
final class MetricOps {
    private MetricOps() {
    }

    /** The floating type a batch is computed in: y_pred's own type, or floatx when it is not floating point. */
    static DataType floatType(INDArray x) {
        DataType t = x.dataType();
        return t.isFPType() ? t : Keras.dataType(Keras.floatx());
    }

    /** {@code x} in type {@code t} (the same array when it already is). */
    static INDArray as(INDArray x, DataType t) {
        return x.dataType() == t ? x : x.castTo(t);
    }

    /**
     * Keras's {@code squeeze_or_expand_to_same_rank(x1, x2, expand_rank_1)}: when the ranks differ by one
     * and the longer array ends in 1, that 1 is dropped, except that a rank-1 partner is given a trailing 1
     * instead (when {@code expandRank1}). Other pairs are returned unchanged.
     */
    static INDArray[] squeezeOrExpand(INDArray x1, INDArray x2, boolean expandRank1) {
        int r1 = x1.rank(), r2 = x2.rank();
        if (r1 == r2 + 1 && x1.size(r1 - 1) == 1) {
            if (r2 == 1 && expandRank1) x2 = x2.reshape(x2.length(), 1);
            else x1 = x1.reshape(withoutLast(x1.shape()));
        } else if (r2 == r1 + 1 && x2.size(r2 - 1) == 1) {
            if (r1 == 1 && expandRank1) x1 = x1.reshape(x1.length(), 1);
            else x2 = x2.reshape(withoutLast(x2.shape()));
        }
        return new INDArray[]{x1, x2};
    }

    /**
     * {@code x} broadcast to {@code shape} by numpy's rules (dimensions aligned on the right, a 1 stretches),
     * as a new array; the array itself when the shapes already agree.
     *
     * @throws IllegalArgumentException naming the metric and both shapes when they cannot broadcast
     */
    static INDArray broadcastTo(INDArray x, long[] shape, String what, String metric) {
        if (Arrays.equals(x.shape(), shape)) return x;
        long[] xs = x.shape();
        if (xs.length > shape.length) throw notBroadcastable(xs, shape, what, metric);
        long[] padded = new long[shape.length];
        int off = shape.length - xs.length;
        Arrays.fill(padded, 0, off, 1L);
        System.arraycopy(xs, 0, padded, off, xs.length);
        for (int i = 0; i < shape.length; i++) {
            if (padded[i] != 1 && padded[i] != shape[i]) throw notBroadcastable(xs, shape, what, metric);
        }
        if (shape.length == 0) return x.reshape(new long[0]);
        return x.reshape(padded).broadcast(shape);
    }

    /** The mean over axes {@code from .. rank-1}, those axes dropped; {@code x} itself when there are none. */
    static INDArray meanFrom(INDArray x, int from) {
        int r = x.rank();
        if (r <= from) return x;
        int[] axes = new int[r - from];
        for (int i = 0; i < axes.length; i++) axes[i] = from + i;
        return x.mean(false, axes).reshape(Arrays.copyOf(x.shape(), from));
    }

    /** The mean over the last axis, dropped (Keras's {@code mean(x, axis=-1)}); a rank-0 array is returned as is. */
    static INDArray meanLast(INDArray x) {
        return x.rank() == 0 ? x : meanFrom(x, x.rank() - 1);
    }

    /** {@code shape} without its last entry. */
    static long[] withoutLast(long[] shape) {
        return Arrays.copyOf(shape, shape.length - 1);
    }

    /** Keras's tuple spelling of a shape: {@code (2, 3)}, {@code (5,)}. */
    static String shape(long[] s) {
        return Shape.ofArray(s).toString();
    }

    /** The error for y_true / y_pred shapes a metric cannot pair. */
    static IllegalArgumentException mismatch(String metric, INDArray yTrue, INDArray yPred, String hint) {
        return new IllegalArgumentException("Metric \"" + metric + "\": y_true and y_pred must have the same shape, but received y_true.shape="
                + shape(yTrue.shape()) + " and y_pred.shape=" + shape(yPred.shape()) + "." + (hint.isEmpty() ? "" : " " + hint));
    }

    private static IllegalArgumentException notBroadcastable(long[] from, long[] to, String what, String metric) {
        return new IllegalArgumentException("Metric \"" + metric + "\": " + what + " of shape " + shape(from)
                + " cannot be broadcast to shape " + shape(to) + ". Pass one weight per sample, shape (" + (to.length == 0 ? 1 : to[0])
                + ",), or an array of shape " + shape(to) + ".");
    }
}
