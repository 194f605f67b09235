package io.jkeras.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** {@code exp(x)}, {@code keras.activations.exponential}. */
final class Exponential implements ActivationFunction {
    @Override
    public String name() {
        return "exponential";
    }

    @Override
    public INDArray forward(INDArray x) {
        return Transforms.exp(x, true);
    }

    @Override
    public INDArray backward(INDArray x, INDArray y, INDArray dy) {
        return y.mul(dy); // exp' = exp, already computed
    }
}
