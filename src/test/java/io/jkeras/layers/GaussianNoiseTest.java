package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.testing.Float64;
import io.jkeras.testing.GradientCheck;
import io.jkeras.testing.LayerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** GaussianNoise and GaussianDropout. */
class GaussianNoiseTest {
    @Test
    void harness() {
        LayerHarness.of(() -> new GaussianNoise(0.1)).inputs(Shape.of(4)).outputs(Shape.of(null, 4)).weights().run();
        LayerHarness.of(() -> new GaussianNoise(0.5).seed(3L)).inputs(Shape.of(2, 3)).outputs(Shape.of(null, 2, 3)).run();
        LayerHarness.of(() -> new GaussianDropout(0.2)).inputs(Shape.of(4)).outputs(Shape.of(null, 4)).weights().run();
        LayerHarness.of(() -> new GaussianDropout(0.4).seed(9L)).inputs(Shape.of(2, 3)).outputs(Shape.of(null, 2, 3)).run();
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        GradientCheck.create().training(true).check(new GaussianNoise(0.3), Nd4j.rand(DataType.DOUBLE, 3, 4));
        GradientCheck.create().training(true).check(new GaussianDropout(0.3), Nd4j.rand(DataType.DOUBLE, 3, 4));
    }

    @Test
    void noiseHasTheAskedStatistics() {
        INDArray x = Nd4j.ones(DataType.FLOAT, 300, 300);
        INDArray n = new GaussianNoise(0.2).call(List.of(x), true).get(0).sub(x);
        assertThat(n.meanNumber().doubleValue()).isCloseTo(0, within(0.005));
        assertThat(n.stdNumber().doubleValue()).isCloseTo(0.2, within(0.005));
        INDArray d = new GaussianDropout(0.5).call(List.of(x), true).get(0); // N(1, 1)
        assertThat(d.meanNumber().doubleValue()).isCloseTo(1, within(0.02));
        assertThat(d.stdNumber().doubleValue()).isCloseTo(1, within(0.02));
        assertThat(x.minNumber().doubleValue()).as("input untouched").isEqualTo(1.0);
    }

    @Test
    void gaussianDropoutBackwardUsesTheSameNoise() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 5, 5).addi(1);
        Forward f = new GaussianDropout(0.3).forward(List.of(x), true);
        INDArray dx = f.backward(List.of(Nd4j.ones(DataType.FLOAT, 5, 5))).get(0);
        assertThat(f.output().equalsWithEps(x.mul(dx), 1e-6)).isTrue();
    }

    @Test
    void inferenceIsTheIdentity() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 4);
        assertThat(new GaussianNoise(0.5).apply(x)).isEqualTo(x);
        assertThat(new GaussianDropout(0.5).apply(x)).isEqualTo(x);
    }

    @Test
    void seededLayersRepeat() {
        INDArray x = Nd4j.zeros(DataType.FLOAT, 4, 4);
        assertThat(new GaussianNoise(0.5).seed(1L).call(List.of(x), true).get(0))
                .isEqualTo(new GaussianNoise(0.5).seed(1L).call(List.of(x), true).get(0));
    }

    @Test
    void kerasErrorsAndConfig() {
        assertThatThrownBy(() -> new GaussianNoise(-0.1))
                .hasMessage("Invalid value received for argument `stddev`. Expected a float value between 0 and 1. Received: stddev=-0.1");
        assertThatThrownBy(() -> new GaussianDropout(2)).hasMessageContaining("Received: rate=2.0");
        assertThat(new GaussianNoise(0.1).getConfig()).containsEntry("stddev", 0.1).containsEntry("seed", null);
        assertThat(new GaussianDropout(0.1).getConfig()).containsEntry("rate", 0.1);
    }
}
