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

class DropoutTest {
    @Test
    void harness() {
        LayerHarness.of(() -> new Dropout(0.5)).inputs(Shape.of(4)).outputs(Shape.of(null, 4)).weights().run();
        LayerHarness.of(() -> new Dropout(0.2).noiseShape(null, 1, 3).seed(7L)).inputs(Shape.of(5, 3))
                .outputs(Shape.of(null, 5, 3)).weights().run();
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        GradientCheck.create().training(true).check(new Dropout(0.4), Nd4j.rand(DataType.DOUBLE, 4, 6).subi(0.5));
        GradientCheck.create().training(true).check(new Dropout(0.5).noiseShape(null, 1, 4),
                Nd4j.rand(DataType.DOUBLE, 3, 2, 4).subi(0.5));
        GradientCheck.create().check(new Dropout(0.4), Nd4j.rand(DataType.DOUBLE, 4, 6).subi(0.5));
    }

    @Test
    void dropsAboutRateAndScalesTheRest() {
        INDArray x = Nd4j.ones(DataType.FLOAT, 200, 500);
        INDArray y = new Dropout(0.3).call(List.of(x), true).get(0);
        double zeros = y.eq(0).castTo(DataType.FLOAT).meanNumber().doubleValue();
        assertThat(zeros).isCloseTo(0.3, within(0.01));
        // every kept value is 1 / (1 - 0.3): the sum of the kept ones equals their count / 0.7
        double kept = y.gt(0).castTo(DataType.FLOAT).sumNumber().doubleValue();
        assertThat(y.maxNumber().doubleValue()).isCloseTo(1 / 0.7, within(1e-6));
        assertThat(y.sumNumber().doubleValue()).isCloseTo(kept / 0.7, within(1e-2 * kept));
        assertThat(x.minNumber().doubleValue()).as("input untouched").isEqualTo(1.0);
    }

    @Test
    void backwardUsesTheSameMask() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 10, 10).addi(1);
        Forward f = new Dropout(0.5).forward(List.of(x), true);
        INDArray dx = f.backward(Nd4j.ones(DataType.FLOAT, 10, 10));
        // y = x * m / 0.5 and dx = m / 0.5, so y == x * dx
        assertThat(f.output().equalsWithEps(x.mul(dx), 1e-6)).isTrue();
    }

    @Test
    void inferenceIsTheIdentity() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 4);
        assertThat(new Dropout(0.9).apply(x)).isEqualTo(x);
        assertThat(new Dropout(0.0).call(List.of(x), true).get(0)).isEqualTo(x);
    }

    @Test
    void rateOneDropsEverything() {
        INDArray y = new Dropout(1.0).call(List.of(Nd4j.ones(DataType.FLOAT, 3, 4)), true).get(0);
        assertThat(y.sumNumber().doubleValue()).isZero();
    }

    @Test
    void noiseShapeSharesTheMaskAlongAxis1() {
        INDArray y = new Dropout(0.5).noiseShape(null, 1, 8).call(List.of(Nd4j.ones(DataType.FLOAT, 4, 6, 8)), true).get(0);
        // every row along axis 1 is the same mask
        for (int t = 1; t < 6; t++) assertThat(y.slice(0, 1).getRow(0)).isEqualTo(y.slice(t, 1).getRow(0));
    }

    @Test
    void seededLayersRepeatTheirSequence() {
        INDArray x = Nd4j.ones(DataType.FLOAT, 8, 8);
        Dropout a = new Dropout(0.5).seed(3L), b = new Dropout(0.5).seed(3L);
        INDArray a1 = a.call(List.of(x), true).get(0), a2 = a.call(List.of(x), true).get(0);
        assertThat(b.call(List.of(x), true).get(0)).isEqualTo(a1);
        assertThat(b.call(List.of(x), true).get(0)).isEqualTo(a2);
        assertThat(a2).isNotEqualTo(a1);
    }

    @Test
    void kerasErrors() {
        assertThatThrownBy(() -> new Dropout(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid value received for argument `rate`. Expected a float value between 0 and 1. Received: rate=1.5");
        Dropout d = new Dropout(0.5).noiseShape(null, 3);
        assertThatThrownBy(() -> d.apply(io.jkeras.Input.shape(4))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Layer \"" + d.name() + "\"").hasMessageContaining("noise_shape=(None, 3), input shape=(None, 4)");
    }

    @Test
    void readsKeras2Config() {
        Dropout d = Dropout.fromConfig(io.jkeras.saving.Config.of(io.jkeras.saving.Json.read(
                "{\"name\": \"dropout_1\", \"trainable\": true, \"dtype\": \"float32\", \"rate\": 0.25, "
                        + "\"noise_shape\": [null, 1, 16], \"seed\": 5}")));
        assertThat(d.rate()).isEqualTo(0.25);
        assertThat(d.getConfig()).containsEntry("seed", 5L).containsEntry("noise_shape", java.util.Arrays.asList(null, 1, 16));
    }
}
