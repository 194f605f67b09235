package io.jkeras.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;

/** {@code max(x, 0)}, {@code keras.activations.relu} with its defaults (the ReLU layer has the options). */
final class Relu implements ActivationFunction {
    @Override
    public String name() {
        return "relu";
    }

    @Override
    public INDArray forward(INDArray x) {
        return Nd4j.exec(new RectifiedLinear(x, x.ulike(), 0.0));
    }

    @Override
    public INDArray backward(INDArray x, INDArray y, INDArray dy) {
        // relu_bp: dy where x > 0, else 0 (native op; no Java loop).
        return Nd4j.exec(new RectifiedLinearDerivative(x, dy, x.ulike()))[0];
    }
}
