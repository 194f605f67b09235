package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.saving.Config;
import io.jkeras.testing.Float64;
import io.jkeras.testing.GradientCheck;
import io.jkeras.testing.LayerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ThresholdedReLUTest {
    @Test
    void harness() {
        LayerHarness.of(() -> new ThresholdedReLU().theta(0.1)).inputs(Shape.of(3, 4)).outputs(Shape.of(null, 3, 4)).weights().run();
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        GradientCheck.create().check(new ThresholdedReLU(), Nd4j.rand(DataType.DOUBLE, 3, 6).subi(0.5).muli(6));
        GradientCheck.create().check(new ThresholdedReLU().theta(0.0), Nd4j.rand(DataType.DOUBLE, 2, 5).subi(0.5));
    }

    @Test
    void zeroAtAndBelowTheta() {
        assertThat(new ThresholdedReLU().apply(Nd4j.createFromArray(-2f, 0.5f, 1f, 1.5f)).toFloatVector())
                .containsExactly(0f, 0f, 0f, 1.5f);
    }

    @Test
    void configAndValidation() {
        assertThat(new ThresholdedReLU().getConfig()).containsEntry("theta", 1.0);
        assertThat(ThresholdedReLU.fromConfig(Config.of(Map.of("theta", 0.5))).theta()).isEqualTo(0.5);
        assertThatThrownBy(() -> new ThresholdedReLU().theta(-1)).hasMessageContaining("theta=-1.0");
    }
}
