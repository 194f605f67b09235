package io.jkeras.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.Relu6Derivative;
import org.nd4j.linalg.factory.Nd4j;

/** {@code min(max(x, 0), 6)}, {@code keras.activations.relu6}. */
final class Relu6 implements ActivationFunction {
    @Override
    public String name() {
        return "relu6";
    }

    @Override
    public INDArray forward(INDArray x) {
        return Nd4j.exec(new org.nd4j.linalg.api.ops.impl.scalar.Relu6(x, x.ulike(), 0.0));
    }

    @Override
    public INDArray backward(INDArray x, INDArray y, INDArray dy) {
        // relu6_bp: dy where 0 < x < 6, else 0.
        return Nd4j.exec(new Relu6Derivative(x, dy, x.ulike()))[0];
    }
}
