package io.jkeras.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SoftSignBp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.SoftSign;
import org.nd4j.linalg.factory.Nd4j;

/** {@code x / (|x| + 1)}, {@code keras.activations.softsign}. */
final class Softsign implements ActivationFunction {
    @Override
    public String name() {
        return "softsign";
    }

    @Override
    public INDArray forward(INDArray x) {
        return Nd4j.exec(new SoftSign(x, x.ulike()));
    }

    @Override
    public INDArray backward(INDArray x, INDArray y, INDArray dy) {
        return Nd4j.exec(new SoftSignBp(x, dy, x.ulike()))[0];
    }
}
