package io.jkeras.layers;

import io.jkeras.Keras;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code x / max(||x||₂, ε)} along one axis, as Keras's {@code normalize(x, axis)} (ε = 1e-7), with its
 * gradient; {@link Dot}'s {@code normalize=true}. Package-private.
 */
final class L2Normalized {
    private final int axis;
    private final INDArray value;   // x / n
    private final INDArray inverse; // 1 / n, keepdims
    private final INDArray active;  // 1 where ||x|| > ε (n depends on x there), 0 where ε is used

    L2Normalized(INDArray x, int axis) {
        this.axis = axis;
        INDArray norm = x.norm2(true, axis);
        this.active = norm.gt(Keras.EPSILON).castTo(x.dataType());
        this.inverse = Transforms.max(norm, Keras.EPSILON, false).rdivi(1);
        this.value = x.mul(inverse);
    }

    /** The normalised input (a new array). */
    INDArray value() {
        return value;
    }

    /** d/dx from d/d(value): (g − v·Σ(g·v)) / n where the norm is used, g / ε where ε is. */
    INDArray backward(INDArray g) {
        INDArray along = g.mul(value).sum(true, axis).muli(active);
        return g.sub(value.mul(along)).muli(inverse);
    }
}
