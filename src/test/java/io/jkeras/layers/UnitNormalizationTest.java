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

class UnitNormalizationTest {
    @Test
    void harness() {
        LayerHarness.of(UnitNormalization::new).inputs(Shape.of(4, 4, 3)).outputs(Shape.of(null, 4, 4, 3)).weights().run();
        LayerHarness.of(() -> new UnitNormalization().axis(1, 2)).inputs(Shape.of(4, 3)).outputs(Shape.of(null, 4, 3)).weights().run();
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 4, 5).subi(0.5);
        GradientCheck.create().check(new UnitNormalization(), x);
        GradientCheck.create().check(new UnitNormalization().axis(1, 2), x);
        GradientCheck.create().check(new UnitNormalization().axis(1), x);
    }

    @Test
    @ExtendWith(Float64.class)
    void underTheBoundTheScaleIsAConstant() {
        // A zero row sits under the 1e-12 bound: the layer is x * 1e6 there, so the gradient is dy * 1e6.
        INDArray z = Nd4j.createFromArray(new double[][]{{0, 0, 0}, {1, -2, 0.5}});
        UnitNormalization u = new UnitNormalization();
        u.apply(z);
        INDArray dy = Nd4j.createFromArray(new double[][]{{1, 2, 3}, {0, 0, 0}});
        double[] dx = u.forward(z, true).backward(dy).getRow(0).toDoubleVector();
        assertThat(dx[0]).isCloseTo(1e6, within(1e-3));
        assertThat(dx[2]).isCloseTo(3e6, within(1e-3));
    }

    @Test
    @ExtendWith(Float64.class)
    void valuesMatchAPlainComputation() {
        INDArray x = Nd4j.createFromArray(new double[][]{{3, 4}, {0, 0}, {1e-7, 0}});
        double[] got = new UnitNormalization().apply(x).reshape(6).toDoubleVector();
        double[] want = {0.6, 0.8, 0, 0, 1e-7 / Math.sqrt(1e-12), 0};
        for (int i = 0; i < want.length; i++) assertThat(got[i]).isCloseTo(want[i], within(1e-12));
    }

    @Test
    void configKeepsTheAxisForm() {
        assertThat(new UnitNormalization().getConfig().get("axis")).isEqualTo(-1);
        assertThat(new UnitNormalization().axis(1, 2).getConfig().get("axis")).isEqualTo(List.of(1, 2));
    }
}
