package io.jkeras.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.Relu6Derivative;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras 1/2's {@code hard_sigmoid}: {@code clip(0.2 x + 0.5, 0, 1)}. Files written by Keras 2 (whose recurrent
 * layers could use it) mean this function by the name {@code "hard_sigmoid"}; Keras 3 changed the slope to 1/6.
 *
 * <p>Computed as {@code relu6(1.2 x + 3) / 6}: ND4J's own HardSigmoid op is this function but uses float32
 * constants (errors of 4e-9 in float64, too coarse for gradient checks).
 */
final class HardSigmoidKeras2 implements ActivationFunction {
    @Override
    public String name() {
        return "hard_sigmoid";
    }

    @Override
    public INDArray forward(INDArray x) {
        INDArray t = x.mul(1.2).addi(3.0);
        return Nd4j.exec(new org.nd4j.linalg.api.ops.impl.scalar.Relu6(t, t, 0.0)).divi(6.0);
    }

    @Override
    public INDArray backward(INDArray x, INDArray y, INDArray dy) {
        // 0.2 dy where -2.5 < x < 2.5: relu6_bp at 1.2 x + 3, scaled.
        return Nd4j.exec(new Relu6Derivative(x.mul(1.2).addi(3.0), dy, x.ulike()))[0].muli(0.2);
    }
}
