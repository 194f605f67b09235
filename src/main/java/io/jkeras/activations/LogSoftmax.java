package io.jkeras.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code x - logsumexp(x)} along an axis (the last by default), {@code keras.activations.log_softmax}.
 *
 * <p>Composed from native reductions and transforms: ND4J's LogSoftMax op ignores its axis argument and
 * computes {@code log(softmax(x))}, which is {@code -inf} where softmax underflows (x = -100 in float32).
 */
final class LogSoftmax implements ActivationFunction {
    private final int[] axes;

    LogSoftmax() {
        this(-1);
    }

    LogSoftmax(int... axes) {
        if (axes.length == 0) throw new IllegalArgumentException("log_softmax needs at least one axis.");
        this.axes = axes.clone();
    }

    @Override
    public String name() {
        return "log_softmax";
    }

    @Override
    public INDArray forward(INDArray x) {
        int[] a = Softmax.normalize(axes, x.rank());
        INDArray shifted = x.sub(x.max(true, a));
        INDArray logSum = Transforms.log(Transforms.exp(shifted, true).sum(true, a), false);
        return shifted.subi(logSum);
    }

    @Override
    public INDArray backward(INDArray x, INDArray y, INDArray dy) {
        int[] a = Softmax.normalize(axes, x.rank());
        // dy - softmax(x) * sum(dy), softmax(x) = exp(y)
        INDArray softmax = Transforms.exp(y, true);
        return softmax.muli(dy.sum(true, a)).rsubi(dy);
    }
}
