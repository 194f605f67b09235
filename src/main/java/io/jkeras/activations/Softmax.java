package io.jkeras.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SoftmaxBp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;

/**
 * {@code exp(x) / sum(exp(x))} along an axis (the last by default), {@code keras.activations.softmax}.
 *
 * <p>One axis runs ND4J's native softmax and softmax_bp; several axes (Keras's Softmax layer allows a
 * list) are normalised jointly, composed as {@code exp(x - logsumexp(x, axes))}.
 */
final class Softmax implements ActivationFunction {
    private final int[] axes;

    Softmax() {
        this(-1);
    }

    Softmax(int... axes) {
        if (axes.length == 0) throw new IllegalArgumentException("softmax needs at least one axis.");
        this.axes = axes.clone();
    }

    @Override
    public String name() {
        return "softmax";
    }

    @Override
    public boolean isLastAxisSoftmax(int rank) {
        return normalize(axes, rank).length == 1 && normalize(axes, rank)[0] == rank - 1;
    }

    @Override
    public INDArray forward(INDArray x) {
        int[] a = normalize(axes, x.rank());
        if (a.length == 1) return Nd4j.exec(new SoftMax(x, x.ulike(), a[0]))[0];
        INDArray e = Transforms.exp(x.sub(x.max(true, a)), false); // shifted by the max: no overflow
        return e.divi(e.sum(true, a));
    }

    @Override
    public INDArray backward(INDArray x, INDArray y, INDArray dy) {
        int[] a = normalize(axes, x.rank());
        if (a.length == 1) return Nd4j.exec(new SoftmaxBp(x, dy, x.ulike(), a[0]))[0];
        // y * (dy - sum(dy * y)) over the normalised axes
        return dy.sub(dy.mul(y).sum(true, a)).muli(y);
    }

    /** Axes as non-negative indexes for an array of this rank; a clear error when out of range. */
    static int[] normalize(int[] axes, int rank) {
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            int a = axes[i] < 0 ? axes[i] + rank : axes[i];
            if (a < 0 || a >= rank) {
                throw new IllegalArgumentException("Axis " + axes[i] + " is out of bounds for an input of rank " + rank
                        + " (axes " + Arrays.toString(axes) + ").");
            }
            out[i] = a;
        }
        return out;
    }
}
