package io.jkeras.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.EluBp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.ELU;
import org.nd4j.linalg.factory.Nd4j;

/** {@code x} if {@code x > 0} else {@code alpha * (exp(x) - 1)}, {@code keras.activations.elu} (alpha 1 by default). */
final class Elu implements ActivationFunction {
    private final double alpha;

    Elu() {
        this(1.0);
    }

    Elu(double alpha) {
        this.alpha = alpha;
    }

    @Override
    public String name() {
        return "elu";
    }

    @Override
    public INDArray forward(INDArray x) {
        return Nd4j.exec((CustomOp) new ELU(x, x.ulike(), alpha))[0];
    }

    @Override
    public INDArray backward(INDArray x, INDArray y, INDArray dy) {
        return Nd4j.exec(new EluBp(x, dy, x.ulike(), alpha))[0];
    }
}
