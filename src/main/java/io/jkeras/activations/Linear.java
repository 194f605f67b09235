package io.jkeras.activations;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The identity, {@code keras.activations.linear}: what {@code activation=None} means. */
final class Linear implements ActivationFunction {
    @Override
    public String name() {
        return "linear";
    }

    @Override
    public INDArray forward(INDArray x) {
        return x;
    }

    @Override
    public INDArray backward(INDArray x, INDArray y, INDArray dy) {
        return dy;
    }
}
