package io.jkeras.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.Relu6Derivative;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras 3's {@code hard_sigmoid}: {@code relu6(x + 3) / 6}, i.e. 0 below -3, 1 above 3, {@code x/6 + 0.5} between.
 *
 * <p>Not ND4J's {@code HardSigmoid} op, which is Keras 2's {@code 0.2 x + 0.5} (see {@link HardSigmoidKeras2}).
 */
final class HardSigmoid implements ActivationFunction {
    @Override
    public String name() {
        return "hard_sigmoid";
    }

    @Override
    public INDArray forward(INDArray x) {
        INDArray t = x.add(3.0);
        return Nd4j.exec(new org.nd4j.linalg.api.ops.impl.scalar.Relu6(t, t, 0.0)).divi(6.0);
    }

    @Override
    public INDArray backward(INDArray x, INDArray y, INDArray dy) {
        // dy / 6 where -3 < x < 3: relu6_bp at x + 3, scaled.
        return Nd4j.exec(new Relu6Derivative(x.add(3.0), dy, x.ulike()))[0].divi(6.0);
    }
}
