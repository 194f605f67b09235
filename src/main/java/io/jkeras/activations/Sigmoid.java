package io.jkeras.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SigmoidDerivative;
import org.nd4j.linalg.factory.Nd4j;

/** {@code 1 / (1 + exp(-x))}, {@code keras.activations.sigmoid}. */
final class Sigmoid implements ActivationFunction {
    @Override
    public String name() {
        return "sigmoid";
    }

    @Override
    public INDArray forward(INDArray x) {
        return Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid(x, x.ulike()));
    }

    @Override
    public INDArray backward(INDArray x, INDArray y, INDArray dy) {
        // The gradient-package op takes dy and returns dy * s(x) * (1 - s(x)).
        return Nd4j.exec(new SigmoidDerivative(x, dy, x.ulike()))[0];
    }
}
