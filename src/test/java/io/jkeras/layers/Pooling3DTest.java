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

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** MaxPooling3D and AveragePooling3D. */
class Pooling3DTest {
    @Test
    void harness() {
        LayerHarness.of(MaxPooling3D::new).inputs(Shape.of(8, 16, 16, 4)).outputs(Shape.of(null, 4, 8, 8, 4)).weights().run();
        LayerHarness.of(() -> new AveragePooling3D(2)).inputs(Shape.of(5, 5, 5, 2)).outputs(Shape.of(null, 2, 2, 2, 2)).weights().run();
        LayerHarness.of(() -> new MaxPooling3D(3).strides(2).padding("same")).inputs(Shape.of(5, 6, 7, 2)).outputs(Shape.of(null, 3, 3, 4, 2)).run();
        LayerHarness.of(() -> new AveragePooling3D(2, 1, 2).dataFormat("channels_first")).inputs(Shape.of(2, 4, 3, 6)).outputs(Shape.of(null, 2, 2, 3, 3)).run();
    }

    @Test
    void configIsKeras3s() {
        assertThat(new AveragePooling3D().getConfig()).containsEntry("pool_size", List.of(2, 2, 2))
                .containsEntry("strides", List.of(2, 2, 2)).containsEntry("padding", "valid");
    }

    @Test
    void valuesMatchAHandComputedPool() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 5, 4, 6, 3);
        for (boolean max : new boolean[]{true, false}) {
            for (String padding : new String[]{"valid", "same"}) {
                Layer l = max ? new MaxPooling3D(3).strides(2).padding(padding) : new AveragePooling3D(3).strides(2).padding(padding);
                INDArray y = l.apply(x);
                assertThat(y.equalsWithEps(PoolingTesting.pool3d(x, 3, 2, padding.equals("same"), max), 1e-5)).as(max + " " + padding).isTrue();
                Layer lf = max ? new MaxPooling3D(3).strides(2).padding(padding).dataFormat("channels_first")
                        : new AveragePooling3D(3).strides(2).padding(padding).dataFormat("channels_first");
                assertThat(lf.apply(x.permute(0, 4, 1, 2, 3).dup()).permute(0, 2, 3, 4, 1).equalsWithEps(y, 1e-6)).isTrue();
            }
        }
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        GradientCheck.create().check(new MaxPooling3D(2), PoolingTesting.distinct(2, 4, 3, 4, 2));
        GradientCheck.create().check(new MaxPooling3D(2).strides(1).padding("same").dataFormat("channels_first"), PoolingTesting.distinct(1, 2, 3, 3, 3));
        GradientCheck.create().check(new AveragePooling3D(2).padding("same"), Nd4j.rand(DataType.DOUBLE, 2, 3, 3, 4, 2));
        GradientCheck.create().check(new AveragePooling3D(2, 1, 2).dataFormat("channels_first"), Nd4j.rand(DataType.DOUBLE, 1, 2, 4, 3, 4));
    }

    @Test
    void errors() {
        MaxPooling3D p = new MaxPooling3D(2);
        assertThatThrownBy(() -> p.apply(Input.shape(1, 4, 4, 2)))
                .hasMessageContaining("Layer \"" + p.name() + "\" (MaxPooling3D)")
                .hasMessageContaining("non-positive dimension (None, 0, 2, 2, 2)");
        assertThatThrownBy(() -> new AveragePooling3D().apply(Input.shape(4, 4, 2))).hasMessageContaining("expected ndim=5, found ndim=4");
    }
}
