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

class LeakyReLUTest {
    @Test
    void harness() {
        LayerHarness.of(LeakyReLU::new).inputs(Shape.of(3, 4)).outputs(Shape.of(null, 3, 4)).weights().run();
        LayerHarness.of(() -> new LeakyReLU().negativeSlope(0.01)).inputs(Shape.of(7)).outputs(Shape.of(null, 7)).weights().run();
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        GradientCheck.create().check(new LeakyReLU(), Nd4j.rand(DataType.DOUBLE, 3, 5).subi(0.5));
        GradientCheck.create().check(new LeakyReLU().negativeSlope(0.7), Nd4j.rand(DataType.DOUBLE, 2, 2, 3).subi(0.5));
    }

    @Test
    void defaultSlopeIsKeras3s() {
        LeakyReLU l = new LeakyReLU();
        assertThat(l.negativeSlope()).isEqualTo(0.3);
        assertThat(l.apply(Nd4j.createFromArray(-10f, 4f)).toFloatVector()).containsExactly(-3f, 4f);
        assertThat(new LeakyReLU().negativeSlope(0.5).apply(Nd4j.createFromArray(-10f, -5f, 0f, 5f, 10f)).toFloatVector())
                .containsExactly(-5f, -2.5f, 0f, 5f, 10f);
    }

    @Test
    void readsKeras3AndKeras2Keys() {
        assertThat(LeakyReLU.fromConfig(Config.of(Map.of("negative_slope", 0.1))).negativeSlope()).isEqualTo(0.1);
        assertThat(LeakyReLU.fromConfig(Config.of(Map.of("alpha", 0.25))).negativeSlope()).isEqualTo(0.25);
        assertThat(LeakyReLU.fromConfig(Config.of(Map.of())).negativeSlope()).isEqualTo(0.3);
        assertThat(new LeakyReLU().getConfig()).containsEntry("negative_slope", 0.3).doesNotContainKey("alpha");
    }

    @Test
    void negativeSlopeMustNotBeNegative() {
        assertThatThrownBy(() -> new LeakyReLU().negativeSlope(-1)).hasMessageContaining("negative_slope=-1.0");
    }
}
