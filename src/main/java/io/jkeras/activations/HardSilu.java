package io.jkeras.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.Relu6Derivative;
import org.nd4j.linalg.factory.Nd4j;

/** {@code x * hard_sigmoid(x)}, Keras 3's {@code hard_silu} (also {@code hard_swish}). */
final class HardSilu implements ActivationFunction {
    private final HardSigmoid hardSigmoid = new HardSigmoid();

    @Override
    public String name() {
        return "hard_silu";
    }

    @Override
    public INDArray forward(INDArray x) {
        return hardSigmoid.forward(x).muli(x);
    }

    @Override
    public INDArray backward(INDArray x, INDArray y, INDArray dy) {
        // d/dx = hard_sigmoid(x) + x/6 on (-3, 3); relu6_bp at x + 3 passes x through on exactly that interval.
        INDArray inside = Nd4j.exec(new Relu6Derivative(x.add(3.0), x, x.ulike()))[0].divi(6.0);
        return hardSigmoid.forward(x).addi(inside).muli(dy);
    }
}
