package io.jkeras.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.LeakyReLU;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.LeakyReLUBp;
import org.nd4j.linalg.factory.Nd4j;

/** {@code x} if {@code x > 0} else {@code negative_slope * x}, {@code keras.activations.leaky_relu} (slope 0.2 by default). */
final class LeakyRelu implements ActivationFunction {
    private final double negativeSlope;

    LeakyRelu() {
        this(0.2);
    }

    LeakyRelu(double negativeSlope) {
        this.negativeSlope = negativeSlope;
    }

    @Override
    public String name() {
        return "leaky_relu";
    }

    @Override
    public INDArray forward(INDArray x) {
        return Nd4j.exec(new LeakyReLU(x, x.ulike(), negativeSlope));
    }

    @Override
    public INDArray backward(INDArray x, INDArray y, INDArray dy) {
        return Nd4j.exec(new LeakyReLUBp(x, dy, x.ulike(), negativeSlope))[0];
    }
}
