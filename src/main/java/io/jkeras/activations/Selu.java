package io.jkeras.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SeluBp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.SELU;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code scale * elu(x, alpha)} with Klambauer et al.'s constants (alpha ≈ 1.6732632, scale ≈ 1.0507010),
 * {@code keras.activations.selu}. ND4J's op uses the same full-precision constants.
 */
final class Selu implements ActivationFunction {
    @Override
    public String name() {
        return "selu";
    }

    @Override
    public INDArray forward(INDArray x) {
        return Nd4j.exec(new SELU(x, x.ulike()));
    }

    @Override
    public INDArray backward(INDArray x, INDArray y, INDArray dy) {
        return Nd4j.exec(new SeluBp(x, dy, x.ulike()))[0];
    }
}
