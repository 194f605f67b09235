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

class RandomContrastTest {
    @Test
    void harness() {
        LayerHarness.of(() -> new RandomContrast(0.3)).inputs(Shape.of(4, 4, 3)).outputs(Shape.of(null, 4, 4, 3)).weights().run();
    }

    @Test
    void eachImageGetsOneFactorAroundItsChannelMeans() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 30, 5, 6, 2).muli(100).addi(50); // stays inside [0, 255]
        RandomContrast layer = new RandomContrast(0.2, 0.5).dtype("float64");
        INDArray y = layer.call(List.of(x), true).get(0);
        double[] factors = new double[30];
        for (int b = 0; b < 30; b++) {
            double[] mean = new double[2];
            for (int i = 0; i < 5; i++) for (int j = 0; j < 6; j++) for (int c = 0; c < 2; c++) mean[c] += x.getDouble(b, i, j, c) / 30;
            double f = (y.getDouble(b, 0, 0, 0) - mean[0]) / (x.getDouble(b, 0, 0, 0) - mean[0]);
            factors[b] = f;
            assertThat(f).isBetween(0.8, 1.5);
            for (int i = 0; i < 5; i++) for (int j = 0; j < 6; j++) for (int c = 0; c < 2; c++) {
                assertThat(y.getDouble(b, i, j, c)).isCloseTo((x.getDouble(b, i, j, c) - mean[c]) * f + mean[c], within(1e-9));
            }
        }
        assertThat(java.util.Arrays.stream(factors).distinct().count()).as("one factor per image").isGreaterThan(25);
        // clipped to the value range
        INDArray unit = new RandomContrast(0.9).valueRange(0, 1).call(List.of(Nd4j.rand(DataType.FLOAT, 10, 4, 4, 1)), true).get(0);
        assertThat(unit.minNumber().doubleValue()).isGreaterThanOrEqualTo(0);
        assertThat(unit.maxNumber().doubleValue()).isLessThanOrEqualTo(1);
        assertThat(new RandomContrast(0.5).apply(x.castTo(DataType.FLOAT))).isEqualTo(x.castTo(DataType.FLOAT));
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        GradientCheck.create().training(true).check(new RandomContrast(0.4).valueRange(-10, 10), Nd4j.rand(DataType.DOUBLE, 3, 4, 3, 2));
        // with some outputs clipped (away from the clipping edges)
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 4, 4, 1).muli(2).subi(1);
        GradientCheck.create().training(true).check(new RandomContrast(0.5).valueRange(-0.5, 0.5), x);
    }

    @Test
    void configAndErrors() {
        assertThat(new RandomContrast(0.2).getConfig()).containsEntry("factor", 0.2).containsEntry("seed", null).doesNotContainKey("value_range");
        assertThat(new RandomContrast(0.1, 0.3).valueRange(0, 1).getConfig()).containsEntry("factor", List.of(0.1, 0.3))
                .containsEntry("value_range", List.of(0.0, 1.0));
        assertThatThrownBy(() -> new RandomContrast(1.5))
                .hasMessage("`factor` argument cannot have negative values or values greater than 1.Received: factor=1.5");
    }
}
