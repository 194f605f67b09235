package io.jkeras.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Swish;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** {@code x * sigmoid(x)}, Keras 3's {@code silu} (Keras 2's {@code swish}: the same function). */
final class Silu implements ActivationFunction {
    @Override
    public String name() {
        return "silu";
    }

    @Override
    public INDArray forward(INDArray x) {
        return Nd4j.exec(new Swish(x, x.ulike()));
    }

    @Override
    public INDArray backward(INDArray x, INDArray y, INDArray dy) {
        // silu' = s (1 + x (1 - s)) with s = sigmoid(x). Composed: ND4J's SwishDerivative divides two
        // overflowing exponentials and returns NaN from x ≈ 45 in float32.
        INDArray s = Transforms.sigmoid(x, true);
        return s.rsub(1.0).muli(x).addi(1.0).muli(s).muli(dy);
    }
}
