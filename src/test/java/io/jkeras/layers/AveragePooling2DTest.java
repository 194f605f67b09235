package io.jkeras.layers;

import io.jkeras.Input;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AveragePooling2DTest {
    @Test
    void harness() {
        LayerHarness.of(() -> new AveragePooling2D(2)).inputs(Shape.of(26, 26, 32)).outputs(Shape.of(null, 13, 13, 32)).weights().run();
        LayerHarness.of(AveragePooling2D::new).inputs(Shape.of(11, 11, 64)).outputs(Shape.of(null, 5, 5, 64)).run();
        LayerHarness.of(() -> new AveragePooling2D(2).padding("same")).inputs(Shape.of(5, 5, 3)).outputs(Shape.of(null, 3, 3, 3)).run();
        LayerHarness.of(() -> new AveragePooling2D(2).strides(1).dataFormat("channels_first")).inputs(Shape.of(3, 4, 5)).outputs(Shape.of(null, 3, 3, 4)).run();
    }

    @Test
    void samePaddingDoesNotCountPaddingCells() {
        // 3x3 input, pool 2, stride 2, same: output 2x2; the last row/column windows overhang by one cell.
        INDArray x = Nd4j.createFromArray(new float[]{1, 2, 3, 4, 5, 6, 7, 8, 9}).reshape(1, 3, 3, 1);
        INDArray y = new AveragePooling2D(2).padding("same").apply(x);
        // (1+2+4+5)/4, (3+6)/2, (7+8)/2, 9/1: only real cells are averaged, as Keras (TF) does.
        assertThat(y.reshape(4).toFloatVector()).containsExactly(3f, 4.5f, 7.5f, 9f);
    }

    @Test
    void valuesMatchAHandComputedPool() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 7, 6, 3);
        for (String padding : new String[]{"valid", "same"}) {
            INDArray y = new AveragePooling2D(3, 2).strides(2, 1).padding(padding).apply(x);
            assertThat(y.equalsWithEps(PoolingTesting.pool2d(x, 3, 2, 2, 1, padding.equals("same"), false), 1e-5)).as(padding).isTrue();
        }
        INDArray xf = x.permute(0, 3, 1, 2).dup();
        INDArray yf = new AveragePooling2D(3).strides(2).padding("same").dataFormat("channels_first").apply(xf);
        assertThat(yf.permute(0, 2, 3, 1).equalsWithEps(PoolingTesting.pool2d(x, 3, 3, 2, 2, true, false), 1e-5)).isTrue();
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        GradientCheck.create().check(new AveragePooling2D(2), Nd4j.rand(DataType.DOUBLE, 2, 5, 6, 3));
        GradientCheck.create().check(new AveragePooling2D(3).strides(2).padding("same"), Nd4j.rand(DataType.DOUBLE, 2, 5, 6, 3));
        GradientCheck.create().check(new AveragePooling2D(2, 3).strides(1).padding("same").dataFormat("channels_first"), Nd4j.rand(DataType.DOUBLE, 2, 3, 4, 5));
    }

    @Test
    void errors() {
        AveragePooling2D p = new AveragePooling2D(4, 1);
        assertThatThrownBy(() -> p.apply(Input.shape(3, 8, 2)))
                .hasMessageContaining("Layer \"" + p.name() + "\" (AveragePooling2D)")
                .hasMessageContaining("non-positive dimension (None, 0, 8, 2)");
        assertThatThrownBy(() -> new AveragePooling2D(2).apply(Input.shape(4, 4, 4, 4)))
                .hasMessageContaining("expected ndim=4, found ndim=5");
    }
}
