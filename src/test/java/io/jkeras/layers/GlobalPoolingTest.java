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

/** GlobalMax/AveragePooling 1D, 2D and 3D. */
class GlobalPoolingTest {
    @Test
    void harness() {
        LayerHarness.of(GlobalMaxPooling2D::new).inputs(Shape.of(7, 7, 5)).outputs(Shape.of(null, 5)).weights().run();
        LayerHarness.of(GlobalAveragePooling2D::new).inputs(Shape.of(7, 7, 5)).outputs(Shape.of(null, 5)).weights().run();
        LayerHarness.of(() -> new GlobalAveragePooling2D().keepdims(true)).inputs(Shape.of(4, 3, 5)).outputs(Shape.of(null, 1, 1, 5)).run();
        LayerHarness.of(() -> new GlobalMaxPooling2D().dataFormat("channels_first").keepdims(true)).inputs(Shape.of(5, 4, 3)).outputs(Shape.of(null, 5, 1, 1)).run();
        LayerHarness.of(GlobalMaxPooling1D::new).inputs(Shape.of(10, 6)).outputs(Shape.of(null, 6)).run();
        LayerHarness.of(() -> new GlobalAveragePooling1D().dataFormat("channels_first")).inputs(Shape.of(6, 10)).outputs(Shape.of(null, 6)).run();
        LayerHarness.of(GlobalMaxPooling3D::new).inputs(Shape.of(2, 3, 4, 5)).outputs(Shape.of(null, 5)).run();
        LayerHarness.of(() -> new GlobalAveragePooling3D().keepdims(true)).inputs(Shape.of(2, 3, 4, 5)).outputs(Shape.of(null, 1, 1, 1, 5)).run();
        assertThat(new GlobalAveragePooling2D().apply(Input.shape(Shape.of(null, null, 8), null)).shape()).isEqualTo(Shape.of(null, 8));
    }

    @Test
    void valuesMatchAHandComputation() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 4, 5);
        INDArray mx = new GlobalMaxPooling2D().apply(x);
        INDArray av = new GlobalAveragePooling2D().apply(x);
        for (int b = 0; b < 2; b++) {
            for (int c = 0; c < 5; c++) {
                double m = Double.NEGATIVE_INFINITY, s = 0;
                for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) {
                    m = Math.max(m, x.getDouble(b, i, j, c));
                    s += x.getDouble(b, i, j, c);
                }
                assertThat(mx.getDouble(b, c)).isCloseTo(m, org.assertj.core.data.Offset.offset(1e-6));
                assertThat(av.getDouble(b, c)).isCloseTo(s / 12, org.assertj.core.data.Offset.offset(1e-6));
            }
        }
        INDArray first = new GlobalMaxPooling2D().dataFormat("channels_first").apply(x.permute(0, 3, 1, 2).dup());
        assertThat(first.equalsWithEps(mx, 1e-6)).isTrue();
    }

    @Test
    void tiedMaximaShareTheGradient() {
        INDArray x = Nd4j.createFromArray(new float[]{1, 4, 4, 2}).reshape(1, 4, 1);
        Forward f = new GlobalMaxPooling1D().forward(List.of(x), true);
        INDArray dx = f.backward(List.of(Nd4j.createFromArray(new float[][]{{6}}))).get(0);
        assertThat(dx.reshape(4).toFloatVector()).containsExactly(0, 3, 3, 0);
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        GradientCheck.create().check(new GlobalMaxPooling2D(), PoolingTesting.distinct(2, 3, 4, 5));
        GradientCheck.create().check(new GlobalAveragePooling2D(), Nd4j.rand(DataType.DOUBLE, 2, 3, 4, 5));
        GradientCheck.create().check(new GlobalMaxPooling2D().dataFormat("channels_first").keepdims(true), PoolingTesting.distinct(2, 3, 4, 5));
        GradientCheck.create().check(new GlobalAveragePooling1D().keepdims(true), Nd4j.rand(DataType.DOUBLE, 2, 6, 3));
        GradientCheck.create().check(new GlobalMaxPooling1D(), PoolingTesting.distinct(2, 6, 3));
        GradientCheck.create().check(new GlobalMaxPooling3D(), PoolingTesting.distinct(2, 2, 3, 2, 3));
        GradientCheck.create().check(new GlobalAveragePooling3D().dataFormat("channels_first"), Nd4j.rand(DataType.DOUBLE, 2, 3, 2, 3, 2));
    }

    @Test
    void config() {
        assertThat(new GlobalAveragePooling2D().keepdims(true).getConfig())
                .containsEntry("data_format", "channels_last").containsEntry("keepdims", true);
    }

    @Test
    void wrongRank() {
        GlobalMaxPooling2D p = new GlobalMaxPooling2D();
        assertThatThrownBy(() -> p.apply(Input.shape(10, 6)))
                .hasMessageContaining("Input 0 of layer \"" + p.name() + "\" is incompatible with the layer: expected ndim=4, found ndim=3. Full shape received: (None, 10, 6)");
    }
}
