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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ActivityRegularizationTest {
    @Test
    void harness() {
        LayerHarness.of(() -> new ActivityRegularization(0.01, 0.02)).inputs(Shape.of(4)).outputs(Shape.of(null, 4)).weights().run();
        LayerHarness.of(ActivityRegularization::new).inputs(Shape.of(2, 3)).outputs(Shape.of(null, 2, 3)).run();
    }

    @Test
    @ExtendWith(Float64.class)
    void identityGradient() {
        GradientCheck.create().training(true).check(new ActivityRegularization(0.1, 0.1), Nd4j.rand(DataType.DOUBLE, 3, 4));
    }

    @Test
    void penaltyAndItsGradient() {
        ActivityRegularization r = new ActivityRegularization(0.5, 0.1).dtype("float64");
        INDArray y = Nd4j.createFromArray(new double[][]{{1, -2}, {0, 3}});
        assertThat(r.apply(y)).isEqualTo(y);
        // 0.5 * (1 + 2 + 0 + 3) + 0.1 * (1 + 4 + 0 + 9)
        assertThat(r.penalty(y)).isCloseTo(3.0 + 1.4, within(1e-12));
        assertThat(r.penaltyGradient(y).equalsWithEps(Nd4j.createFromArray(new double[][]{{0.7, -0.9}, {0, 1.1}}), 1e-12)).isTrue();
        assertThat(r.getConfig()).containsEntry("l1", 0.5).containsEntry("l2", 0.1);
    }
}
