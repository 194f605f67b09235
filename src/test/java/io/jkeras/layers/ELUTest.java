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
import static org.assertj.core.api.Assertions.within;

class ELUTest {
    @Test
    void harness() {
        LayerHarness.of(ELU::new).inputs(Shape.of(3, 4)).outputs(Shape.of(null, 3, 4)).weights().run();
        LayerHarness.of(() -> new ELU().alpha(0.5)).inputs(Shape.of(6)).outputs(Shape.of(null, 6)).weights().run();
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        GradientCheck.create().check(new ELU(), Nd4j.rand(DataType.DOUBLE, 3, 5).subi(0.5).muli(6));
        GradientCheck.create().check(new ELU().alpha(2.5), Nd4j.rand(DataType.DOUBLE, 2, 3, 2).subi(0.5).muli(6));
    }

    @Test
    void values() {
        float[] y = new ELU().alpha(0.5).apply(Nd4j.createFromArray(-1f, 2f)).toFloatVector();
        assertThat((double) y[0]).isCloseTo(0.5 * (Math.exp(-1) - 1), within(1e-7));
        assertThat(y[1]).isEqualTo(2f);
    }

    @Test
    void config() {
        assertThat(new ELU().getConfig()).containsEntry("alpha", 1.0);
        assertThat(ELU.fromConfig(Config.of(Map.of("alpha", 0.2))).alpha()).isEqualTo(0.2);
        assertThat(ELU.fromConfig(Config.of(Map.of("name", "elu_9"))).alpha()).isEqualTo(1.0); // Keras 3 omits alpha
    }
}
