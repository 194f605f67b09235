package io.jkeras.activations;

import io.jkeras.layers.Activation;
import io.jkeras.testing.Float64;
import io.jkeras.testing.GradientCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.stream.Stream;

/**
 * Float64 central-difference checks of every activation's backward, through an {@link Activation} layer,
 * at points away from the kinks (0, ±3, 6 and the thresholds used).
 */
@ExtendWith(Float64.class)
class ActivationGradientTest {
    static Stream<String> names() {
        return Activations.names().stream();
    }

    private static INDArray points() {
        return Nd4j.createFromArray(ActivationValuesTest.POINTS).reshape(3, 5);
    }

    private static INDArray random(long... shape) {
        return Nd4j.rand(DataType.DOUBLE, shape).subi(0.5).muli(6);
    }

    @ParameterizedTest
    @MethodSource("names")
    void registeredActivation(String name) {
        GradientCheck.create().check(new Activation(name), points());
        GradientCheck.create().check(new Activation(name), random(2, 3, 4));
    }

    @Test
    void parameterisedForms() {
        for (ActivationFunction f : new ActivationFunction[]{
                Activations.relu(0.5, null, 0.0), Activations.relu(0.0, 5.0, 0.0), Activations.relu(0.0, 6.0, 0.0),
                Activations.relu(0.0, null, 1.0), Activations.relu(0.3, 4.0, 2.0), Activations.relu(0.3, 4.0, -1.0), Activations.leakyRelu(0.01),
                Activations.elu(0.5), Activations.gelu(true), Activations.hardSigmoidKeras2()}) {
            GradientCheck.create().check(new Activation(f), points());
        }
    }

    @Test
    void softmaxAndLogSoftmaxOnEveryAxis() {
        for (int[] axes : new int[][]{{-1}, {0}, {1}, {2}, {1, 2}, {0, 2}}) {
            GradientCheck.create().check(new Activation(Activations.softmax(axes)), random(2, 3, 4));
            GradientCheck.create().check(new Activation(Activations.logSoftmax(axes)), random(2, 3, 4));
        }
    }
}
