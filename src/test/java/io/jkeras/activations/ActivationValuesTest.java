package io.jkeras.activations;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.HashSet;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Keras parity of every activation's values: ND4J results against {@link KerasFormulas} at fixed points. */
class ActivationValuesTest {
    /** Points on both sides of every kink (0, ±3, 6) and well into the saturated ranges. */
    static final double[] POINTS = {-7.3, -4.1, -2.6, -1.3, -0.45, -0.07, 0.09, 0.55, 1.35, 2.2, 2.85, 3.4, 4.7, 6.6, 8.2};

    static Stream<String> elementWise() {
        return Activations.names().stream().filter(n -> !n.equals("softmax") && !n.equals("log_softmax"));
    }

    @Test
    void everyRegisteredNameHasAReferenceFormula() {
        Set<String> expected = new HashSet<>(Activations.names());
        expected.removeAll(Set.of("softmax", "log_softmax"));
        assertThat(KerasFormulas.BY_NAME.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(Activations.names()).contains("relu", "relu6", "sigmoid", "hard_sigmoid", "tanh", "softmax",
                "log_softmax", "softplus", "softsign", "selu", "elu", "exponential", "swish", "silu", "gelu",
                "leaky_relu", "mish", "linear");
    }

    @ParameterizedTest
    @MethodSource("elementWise")
    void matchesKerasInFloat64(String name) {
        assertMatches(Activations.get(name), KerasFormulas.BY_NAME.get(name), DataType.DOUBLE, 1e-12);
    }

    @ParameterizedTest
    @MethodSource("elementWise")
    void matchesKerasInFloat32AndKeepsTheType(String name) {
        assertMatches(Activations.get(name), KerasFormulas.BY_NAME.get(name), DataType.FLOAT, 2e-6);
    }

    @Test
    void parameterisedFormsMatchKeras() {
        assertMatches(Activations.relu(0.5, null, 0.0), x -> KerasFormulas.relu(x, 0.5, null, 0.0), DataType.DOUBLE, 1e-12);
        assertMatches(Activations.relu(0.0, 5.0, 0.0), x -> KerasFormulas.relu(x, 0.0, 5.0, 0.0), DataType.DOUBLE, 1e-12);
        assertMatches(Activations.relu(0.0, 6.0, 0.0), x -> KerasFormulas.relu(x, 0.0, 6.0, 0.0), DataType.DOUBLE, 1e-12);
        assertMatches(Activations.relu(0.0, null, 1.0), x -> KerasFormulas.relu(x, 0.0, null, 1.0), DataType.DOUBLE, 1e-12);
        assertMatches(Activations.relu(0.3, 4.0, 2.0), x -> KerasFormulas.relu(x, 0.3, 4.0, 2.0), DataType.DOUBLE, 1e-12);
        assertMatches(Activations.relu(0.3, 4.0, -1.0), x -> KerasFormulas.relu(x, 0.3, 4.0, -1.0), DataType.DOUBLE, 1e-12);
        assertMatches(Activations.relu(0.0, null, -1.0), x -> KerasFormulas.relu(x, 0.0, null, -1.0), DataType.DOUBLE, 1e-12);
        assertMatches(Activations.leakyRelu(0.01), x -> KerasFormulas.leakyRelu(x, 0.01), DataType.DOUBLE, 1e-12);
        assertMatches(Activations.elu(0.5), x -> KerasFormulas.elu(x, 0.5), DataType.DOUBLE, 1e-12);
        assertMatches(Activations.gelu(true), x -> KerasFormulas.gelu(x, true), DataType.DOUBLE, 1e-12);
        assertMatches(Activations.gelu(false), x -> KerasFormulas.gelu(x, false), DataType.DOUBLE, 1e-12);
        assertMatches(Activations.hardSigmoidKeras2(), x -> Math.min(Math.max(0.2 * x + 0.5, 0), 1), DataType.DOUBLE, 1e-12);
    }

    @Test
    void reluDocstringExamples() {
        INDArray x = Nd4j.createFromArray(-10.0, -5.0, 0.0, 5.0, 10.0);
        assertThat(Activations.relu(0, null, 0).forward(x).toDoubleVector()).containsExactly(0, 0, 0, 5, 10);
        assertThat(Activations.relu(0.5, null, 0).forward(x).toDoubleVector()).containsExactly(-5, -2.5, 0, 5, 10);
        assertThat(Activations.relu(0, 5.0, 0).forward(x).toDoubleVector()).containsExactly(0, 0, 0, 5, 5);
        assertThat(Activations.relu(0, null, 5.0).forward(x).toDoubleVector()).containsExactly(0, 0, 0, 0, 10);
    }

    @Test
    void swishIsSilu() {
        assertThat(Activations.get("swish").name()).isEqualTo("silu");
        assertThat(Activations.get("hard_swish").name()).isEqualTo("hard_silu");
        assertThat(Activations.get((String) null).name()).isEqualTo("linear");
    }

    @Test
    void unknownNameIsAClearError() {
        assertThatThrownBy(() -> Activations.get("rectifier"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Could not interpret activation function identifier: rectifier")
                .hasMessageContaining("relu");
    }

    @Test
    void serializedIdentifiersAreRead() {
        // Keras 3 writes built-ins as plain names, and other functions as serialized objects.
        assertThat(Activations.get((Object) java.util.Map.of("module", "keras.activations", "class_name", "function",
                "config", "gelu")).name()).isEqualTo("gelu");
        assertThat(Activations.get((Object) "tanh").name()).isEqualTo("tanh");
    }

    static void assertMatches(ActivationFunction f, DoubleUnaryOperator ref, DataType type, double tol) {
        INDArray x = Nd4j.createFromArray(POINTS).castTo(type).reshape(3, 5);
        INDArray y = f.forward(x);
        assertThat(y.dataType()).as("%s output type", f.name()).isEqualTo(type);
        assertThat(y.shape()).isEqualTo(x.shape());
        double[] got = y.castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
        for (int i = 0; i < POINTS.length; i++) {
            double xi = type == DataType.FLOAT ? (float) POINTS[i] : POINTS[i];
            double expected = ref.applyAsDouble(xi);
            assertThat(got[i]).as("%s(%s) in %s", f.name(), xi, type)
                    .isCloseTo(expected, within(tol * Math.max(1, Math.abs(expected))));
        }
    }
}
