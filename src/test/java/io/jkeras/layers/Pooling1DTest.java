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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** MaxPooling1D and AveragePooling1D. */
class Pooling1DTest {
    @Test
    void harness() {
        LayerHarness.of(MaxPooling1D::new).inputs(Shape.of(100, 16)).outputs(Shape.of(null, 50, 16)).weights().run();
        LayerHarness.of(() -> new AveragePooling1D(3)).inputs(Shape.of(11, 4)).outputs(Shape.of(null, 3, 4)).weights().run();
        LayerHarness.of(() -> new MaxPooling1D(3).strides(2).padding("same")).inputs(Shape.of(11, 4)).outputs(Shape.of(null, 6, 4)).run();
        LayerHarness.of(() -> new AveragePooling1D(2).strides(1).dataFormat("channels_first")).inputs(Shape.of(4, 7)).outputs(Shape.of(null, 4, 6)).run();
    }

    @Test
    void configIsKeras3s() {
        Map<String, Object> c = new MaxPooling1D().getConfig();
        assertThat(c).containsEntry("pool_size", List.of(2)).containsEntry("strides", List.of(2))
                .containsEntry("padding", "valid").containsEntry("data_format", "channels_last");
    }

    @Test
    void valuesMatchAHandComputedPool() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 9, 3);
        INDArray x4 = x.reshape(2, 1, 9, 3);
        for (boolean max : new boolean[]{true, false}) {
            for (String padding : new String[]{"valid", "same"}) {
                Layer l = max ? new MaxPooling1D(3).strides(2).padding(padding) : new AveragePooling1D(3).strides(2).padding(padding);
                INDArray ref = PoolingTesting.pool2d(x4, 1, 3, 1, 2, padding.equals("same"), max);
                INDArray y = l.apply(x);
                assertThat(y.equalsWithEps(ref.reshape(ref.size(0), ref.size(2), ref.size(3)), 1e-5)).as(max + " " + padding).isTrue();
                Layer lf = max ? new MaxPooling1D(3).strides(2).padding(padding).dataFormat("channels_first")
                        : new AveragePooling1D(3).strides(2).padding(padding).dataFormat("channels_first");
                assertThat(lf.apply(x.permute(0, 2, 1).dup()).permute(0, 2, 1).equalsWithEps(y, 1e-6)).isTrue();
            }
        }
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        GradientCheck.create().check(new MaxPooling1D(2), PoolingTesting.distinct(2, 7, 3));
        GradientCheck.create().check(new MaxPooling1D(3).strides(2).padding("same").dataFormat("channels_first"), PoolingTesting.distinct(2, 3, 8));
        GradientCheck.create().check(new AveragePooling1D(3).strides(2).padding("same"), Nd4j.rand(DataType.DOUBLE, 2, 8, 3));
        GradientCheck.create().check(new AveragePooling1D(2).strides(1).dataFormat("channels_first"), Nd4j.rand(DataType.DOUBLE, 2, 3, 5));
    }

    @Test
    void errors() {
        MaxPooling1D p = new MaxPooling1D(5);
        assertThatThrownBy(() -> p.apply(Input.shape(4, 2)))
                .hasMessageContaining("Layer \"" + p.name() + "\" (MaxPooling1D)")
                .hasMessageContaining("non-positive dimension (None, 0, 2)");
        AveragePooling1D q = new AveragePooling1D();
        assertThatThrownBy(() -> q.apply(Input.shape(4, 2, 2))).hasMessageContaining("expected ndim=3, found ndim=4");
        assertThatThrownBy(() -> new MaxPooling1D(2, 2)).hasMessageContaining("The `pool_size` argument must be a tuple of 1");
    }
}
