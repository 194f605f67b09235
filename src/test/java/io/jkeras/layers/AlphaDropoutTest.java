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
import static org.assertj.core.api.Assertions.within;

class AlphaDropoutTest {
    private static final double ALPHA_P = -1.6732632423543772 * 1.0507009873554805;

    @Test
    void harness() {
        LayerHarness.of(() -> new AlphaDropout(0.2)).inputs(Shape.of(4)).outputs(Shape.of(null, 4)).weights().run();
        LayerHarness.of(() -> new AlphaDropout(0.2).noiseShape(null, 1, 3).seed(2L)).inputs(Shape.of(4, 3))
                .outputs(Shape.of(null, 4, 3)).run();
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        GradientCheck.create().training(true).check(new AlphaDropout(0.3), Nd4j.rand(DataType.DOUBLE, 4, 5));
        GradientCheck.create().training(true).check(new AlphaDropout(0.5).noiseShape(null, 1, 4), Nd4j.rand(DataType.DOUBLE, 3, 2, 4));
    }

    @Test
    void keptAndDroppedValuesFollowKerasFormula() {
        double rate = 0.25;
        double a = Math.pow((1 - rate) * (1 + rate * ALPHA_P * ALPHA_P), -0.5), b = -a * ALPHA_P * rate;
        INDArray x = Nd4j.valueArrayOf(new long[]{100, 100}, 0.5, DataType.DOUBLE);
        INDArray y = new AlphaDropout(rate).dtype("float64").call(List.of(x), true).get(0);
        double kept = a * 0.5 + b, dropped = a * ALPHA_P + b;
        long nKept = org.nd4j.linalg.ops.transforms.Transforms.abs(y.sub(kept)).lt(1e-9).castTo(DataType.INT).sumNumber().longValue();
        long nDropped = org.nd4j.linalg.ops.transforms.Transforms.abs(y.sub(dropped)).lt(1e-9).castTo(DataType.INT).sumNumber().longValue();
        assertThat(nKept + nDropped).as("every value is the kept or the dropped one").isEqualTo(10000);
        assertThat(nDropped / 10000.0).isCloseTo(rate, within(0.02));
    }

    @Test
    void preservesZeroMeanUnitVariance() {
        INDArray x = Nd4j.randn(DataType.FLOAT, 400, 400);
        INDArray y = new AlphaDropout(0.2).call(List.of(x), true).get(0);
        assertThat(y.meanNumber().doubleValue()).isCloseTo(0, within(0.01));
        assertThat(y.stdNumber().doubleValue()).isCloseTo(1, within(0.01));
    }

    @Test
    void inferenceIsTheIdentity() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 4);
        assertThat(new AlphaDropout(0.5).apply(x)).isEqualTo(x);
        assertThat(new AlphaDropout(0.5).getConfig()).containsEntry("rate", 0.5).containsEntry("noise_shape", null);
    }
}
