package io.jkeras.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** {@code x * tanh(softplus(x))}, {@code keras.activations.mish}. */
final class Mish implements ActivationFunction {
    @Override
    public String name() {
        return "mish";
    }

    @Override
    public INDArray forward(INDArray x) {
        return Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.strict.Mish(x, x.ulike()));
    }

    @Override
    public INDArray backward(INDArray x, INDArray y, INDArray dy) {
        // mish' = t + x sigmoid(x) (1 - t^2) with t = tanh(softplus(x)). Composed: ND4J's MishDerivative
        // returns NaN for large x (exp overflows).
        INDArray t = Transforms.tanh(Softplus.of(x), false);
        INDArray sech2 = t.mul(t).rsubi(1.0);
        return sech2.muli(Transforms.sigmoid(x, true)).muli(x).addi(t).muli(dy);
    }
}
