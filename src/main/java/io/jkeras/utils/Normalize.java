package io.jkeras.utils;

import io.jkeras.Keras;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code keras.utils.normalize} for arrays: divides {@code x} by its L-{@code order} norm along
 * {@code axis} ({@code np.linalg.norm(x, order, axis)}); slices whose norm is 0 are left as they are.
 *
 * <p>{@code order}: 2 (Euclidean, the default), 1 (sum of absolute values), {@code Double.POSITIVE_INFINITY}
 * (largest absolute value), {@code Double.NEGATIVE_INFINITY} (smallest), 0 (count of non-zeros), or any other
 * {@code p} ({@code sum(|x|^p)^(1/p)}). The result has {@code x}'s shape, in {@code x}'s float type (integers
 * become {@link Keras#floatx()}). Keras's NumPy path expands the norm at axis {@code axis or -1}, which divides by
 * the wrong slices for {@code axis=0} on a matrix that is not square; here the norm is always broadcast back
 * along {@code axis}.
 *
 * <pre>{@code
 * jshell> Normalize.normalize(Nd4j.createFromArray(new double[][]{{3, 4}, {0, 0}}))
 * $1 ==> [[0.6000, 0.8000], [0, 0]]
 * }</pre>
 */
public final class Normalize {
    private Normalize() {
    }

    /** The L2-normalized rows of {@code x} (axis -1). */
    public static INDArray normalize(INDArray x) {
        return normalize(x, -1, 2);
    }

    /**
     * {@code x} divided by its L-{@code order} norm along {@code axis}.
     *
     * @param x any array
     * @param axis the axis of the vectors to normalize; negative counts from the end
     * @param order the norm's order (see the class comment)
     * @return a new array of {@code x}'s shape
     */
    public static INDArray normalize(INDArray x, int axis, double order) {
        int rank = x.rank();
        if (rank == 0) return normalize(x.reshape(1), 0, order); // np.atleast_1d
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException("axis " + axis + " is out of bounds for array of dimension " + rank);
        }
        INDArray v = x.dataType().isFPType() ? x : x.castTo(Keras.dataType(Keras.floatx()));
        INDArray norm = norm(v, a, order);
        norm.addi(norm.eq(0).castTo(norm.dataType())); // a zero norm becomes 1: the slice stays as it is
        long[] keep = x.shape().clone();
        keep[a] = 1;
        return v.div(norm.reshape(keep)); // broadcasts back along the axis
    }

    private static INDArray norm(INDArray v, int axis, double order) {
        if (order == 2) return v.norm2(axis);
        if (order == 1) return v.norm1(axis);
        if (order == Double.POSITIVE_INFINITY) return v.normmax(axis);
        INDArray abs = Transforms.abs(v, true);
        if (order == Double.NEGATIVE_INFINITY) return abs.min(axis);
        if (order == 0) return abs.gt(0).castTo(v.dataType()).sum(axis);
        if (Double.isNaN(order)) throw new IllegalArgumentException("Invalid norm order for vectors: nan");
        return Transforms.pow(Transforms.pow(abs, order, false).sum(axis), 1.0 / order, false);
    }
}
