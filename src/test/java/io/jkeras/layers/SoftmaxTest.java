package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.saving.Config;
import io.jkeras.testing.Float64;
import io.jkeras.testing.GradientCheck;
import io.jkeras.testing.LayerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SoftmaxTest {
    @Test
    void harness() {
        LayerHarness.of(Softmax::new).inputs(Shape.of(10)).outputs(Shape.of(null, 10)).weights().run();
        LayerHarness.of(() -> new Softmax().axis(1)).inputs(Shape.of(5, 3)).outputs(Shape.of(null, 5, 3)).weights().run();
        LayerHarness.of(() -> new Softmax().axis(1, 2)).inputs(Shape.of(2, 3, 4)).outputs(Shape.of(null, 2, 3, 4)).weights().run();
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 4).subi(0.5).muli(4);
        GradientCheck.create().check(new Softmax(), x);
        GradientCheck.create().check(new Softmax().axis(1), x);
        GradientCheck.create().check(new Softmax().axis(-2, -1), x);
    }

    @Test
    void kerasDocstringExample() {
        float[] y = new Softmax().apply(Nd4j.createFromArray(1f, 2f, 1f)).toFloatVector();
        assertThat((double) y[0]).isCloseTo(0.21194157, within(1e-7));
        assertThat((double) y[1]).isCloseTo(0.5761169, within(1e-7));
        assertThat((double) y[2]).isCloseTo(0.21194157, within(1e-7));
    }

    @Test
    void sumsToOneAlongTheAxes() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 4);
        assertThat(new Softmax().axis(1).apply(x).sum(1).reshape(-1).toDoubleVector()).containsOnly(new double[]{1, 1, 1, 1, 1, 1, 1, 1}, within(1e-6));
        assertThat(new Softmax().axis(1, 2).apply(x).sum(1, 2).toDoubleVector()).containsExactly(new double[]{1, 1}, within(1e-6));
    }

    @Test
    void axisConfigIsAnIntOrAList() {
        assertThat(new Softmax().getConfig()).containsEntry("axis", -1);
        assertThat(new Softmax().axis(1, 2).getConfig()).containsEntry("axis", List.of(1, 2));
        assertThat(Softmax.fromConfig(Config.of(Map.of("axis", 1))).axis()).containsExactly(1);
        assertThat(Softmax.fromConfig(Config.of(Map.of("axis", List.of(-2, -1)))).axis()).containsExactly(-2, -1);
    }
}
