package io.jkeras.layers;

import io.jkeras.Keras;
import io.jkeras.Variable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks shared by the transposed, depthwise and separable convolution tests. */
final class ConvTesting {
    private ConvTesting() {
    }

    /**
     * The same layer in float32 (oneDNN where ND4J uses it) and float64 (ND4J's own kernels), with the same weights
     * and input: outputs, input gradients and weight gradients agree within float32's precision. The float64
     * gradient check covers the math; this covers the float32 native backward ops.
     */
    static void float32MatchesFloat64(Supplier<? extends Layer> make, long... inputShape) {
        String floatx = Keras.floatx();
        try {
            Keras.setFloatx("float64");
            INDArray x64 = Nd4j.rand(DataType.DOUBLE, inputShape).subi(0.5);
            Layer l64 = make.get();
            l64.apply(x64);
            for (Variable v : l64.weights()) v.value().assign(Nd4j.rand(DataType.DOUBLE, v.value().shape()).subi(0.5));
            Keras.setFloatx("float32");
            INDArray x32 = x64.castTo(DataType.FLOAT);
            Layer l32 = make.get();
            l32.apply(x32);
            l32.setWeights(l64.getWeights());

            Forward f64 = l64.forward(List.of(x64), true);
            Forward f32 = l32.forward(List.of(x32), true);
            INDArray g = Nd4j.rand(DataType.DOUBLE, f64.output().shape()).subi(0.5);
            assertThat(f32.output().castTo(DataType.DOUBLE).equalsWithEps(f64.output(), 1e-5)).as("float32 output").isTrue();
            for (Variable v : l64.weights()) v.zeroGrad();
            for (Variable v : l32.weights()) v.zeroGrad();
            INDArray dx64 = f64.backward(g);
            INDArray dx32 = f32.backward(g.castTo(DataType.FLOAT));
            assertThat(dx32.castTo(DataType.DOUBLE).equalsWithEps(dx64, 1e-4)).as("float32 input gradient").isTrue();
            for (int i = 0; i < l64.weights().size(); i++) {
                INDArray a = l32.weights().get(i).grad().castTo(DataType.DOUBLE);
                assertThat(a.equalsWithEps(l64.weights().get(i).grad(), 1e-4)).as("float32 gradient of %s", l64.weights().get(i).path()).isTrue();
            }
        } finally {
            Keras.setFloatx(floatx);
        }
    }
}
