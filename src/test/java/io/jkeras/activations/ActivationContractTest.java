package io.jkeras.activations;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What every activation promises the engine: inputs untouched, types kept, finite results at extremes. */
class ActivationContractTest {
    static Stream<String> names() {
        return Activations.names().stream();
    }

    @ParameterizedTest
    @MethodSource("names")
    void neverWritesIntoItsInputOrTheIncomingGradient(String name) {
        ActivationFunction f = Activations.get(name);
        INDArray x = Nd4j.createFromArray(ActivationValuesTest.POINTS).castTo(DataType.FLOAT).reshape(3, 5);
        INDArray dy = Nd4j.rand(DataType.FLOAT, 3, 5).subi(0.5);
        INDArray x0 = x.dup(), dy0 = dy.dup();
        INDArray y = f.forward(x);
        INDArray y0 = y.dup();
        INDArray dx = f.backward(x, y, dy);
        assertThat(x).as("%s changed its input", name).isEqualTo(x0);
        assertThat(dy).as("%s changed the gradient it received", name).isEqualTo(dy0);
        assertThat(y).as("%s backward changed the output", name).isEqualTo(y0);
        assertThat(dx.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(dx.shape()).isEqualTo(x.shape());
    }

    @ParameterizedTest
    @MethodSource("names")
    void finiteAtExtremeFloat32Inputs(String name) {
        ActivationFunction f = Activations.get(name);
        // exp(100) overflows float32 in Keras too; the exponential activation is checked to ±50 only.
        float big = name.equals("exponential") ? 50f : 100f;
        INDArray x = Nd4j.createFromArray(-big, -big / 2, big / 2, big);
        INDArray y = f.forward(x);
        INDArray dx = f.backward(x, y, Nd4j.ones(DataType.FLOAT, 4));
        for (double v : y.toDoubleVector()) assertThat(Double.isFinite(v)).as("%s(%s) = %s", name, x, y).isTrue();
        for (double v : dx.toDoubleVector()) assertThat(Double.isFinite(v)).as("%s'(%s) = %s", name, x, dx).isTrue();
    }
}
