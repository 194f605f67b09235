package io.jkeras.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.TanhDerivative;
import org.nd4j.linalg.factory.Nd4j;

/** The hyperbolic tangent, {@code keras.activations.tanh}. */
final class Tanh implements ActivationFunction {
    @Override
    public String name() {
        return "tanh";
    }

    @Override
    public INDArray forward(INDArray x) {
        return Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh(x, x.ulike()));
    }

    @Override
    public INDArray backward(INDArray x, INDArray y, INDArray dy) {
        // The gradient-package op takes dy and returns dy * (1 - tanh(x)^2).
        return Nd4j.exec(new TanhDerivative(x, dy, x.ulike()))[0];
    }
}
