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

class UpSamplingTest {
    @Test
    void harness() {
        LayerHarness.of(UpSampling1D::new).inputs(Shape.of(5, 3)).outputs(Shape.of(null, 10, 3)).weights().run();
        LayerHarness.of(UpSampling2D::new).inputs(Shape.of(4, 5, 3)).outputs(Shape.of(null, 8, 10, 3)).weights().run();
        LayerHarness.of(() -> new UpSampling2D(1, 3).dataFormat("channels_first")).inputs(Shape.of(3, 4, 5))
                .outputs(Shape.of(null, 3, 4, 15)).run();
        LayerHarness.of(() -> new UpSampling2D(2, 3).interpolation("bilinear")).inputs(Shape.of(3, 4, 2))
                .outputs(Shape.of(null, 6, 12, 2)).run();
        LayerHarness.of(() -> new UpSampling3D(1, 2, 3)).inputs(Shape.of(2, 2, 2, 2)).outputs(Shape.of(null, 2, 4, 6, 2)).run();
        LayerHarness.of(() -> new UpSampling3D(2).dataFormat("channels_first")).inputs(Shape.of(2, 1, 2, 3))
                .outputs(Shape.of(null, 2, 2, 4, 6)).run();
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        GradientCheck.create().check(new UpSampling1D(3), Nd4j.rand(DataType.DOUBLE, 2, 3, 2));
        GradientCheck.create().check(new UpSampling2D(2, 3), Nd4j.rand(DataType.DOUBLE, 2, 2, 3, 2));
        GradientCheck.create().check(new UpSampling2D(2).dataFormat("channels_first"), Nd4j.rand(DataType.DOUBLE, 2, 2, 3, 2));
        GradientCheck.create().check(new UpSampling2D(3, 2).interpolation("bilinear"), Nd4j.rand(DataType.DOUBLE, 2, 3, 2, 2));
        GradientCheck.create().check(new UpSampling2D(2).interpolation("bilinear").dataFormat("channels_first"),
                Nd4j.rand(DataType.DOUBLE, 1, 2, 3, 3));
        GradientCheck.create().check(new UpSampling3D(2, 1, 2), Nd4j.rand(DataType.DOUBLE, 1, 2, 2, 2, 2));
    }

    @Test
    void nearestRepeatsEachValue() {
        INDArray x = Nd4j.createFromArray(new float[][]{{1, 2}, {3, 4}}).reshape(1, 2, 2, 1);
        INDArray y = new UpSampling2D(2, 3).apply(x).reshape(4, 6);
        assertThat(y).isEqualTo(Nd4j.createFromArray(new float[][]{
                {1, 1, 1, 2, 2, 2}, {1, 1, 1, 2, 2, 2}, {3, 3, 3, 4, 4, 4}, {3, 3, 3, 4, 4, 4}}));
        assertThat(new UpSampling1D(2).apply(Nd4j.createFromArray(1f, 2f).reshape(1, 2, 1)).reshape(4))
                .isEqualTo(Nd4j.createFromArray(1f, 1f, 2f, 2f));
    }

    @Test
    void nearestGradientSumsEachBlock() {
        Forward f = new UpSampling2D(2).forward(List.of(Nd4j.zeros(DataType.FLOAT, 1, 1, 2, 1)), true);
        INDArray g = Nd4j.arange(8).castTo(DataType.FLOAT).reshape(1, 2, 4, 1);
        // blocks {0,1,4,5} and {2,3,6,7}
        assertThat(f.backward(List.of(g)).get(0).reshape(2)).isEqualTo(Nd4j.createFromArray(10f, 18f));
    }

    @Test
    void bilinearMatchesTensorflowHalfPixelResize() {
        // tf.image.resize([[1, 2], [3, 4]] as (1, 2, 2, 1), (4, 4), "bilinear") — Keras 3's UpSampling2D(2, "bilinear")
        INDArray x = Nd4j.createFromArray(new float[][]{{1, 2}, {3, 4}}).reshape(1, 2, 2, 1);
        INDArray y = new UpSampling2D(2).interpolation("bilinear").apply(x).reshape(4, 4);
        assertThat(y.equalsWithEps(Nd4j.createFromArray(new float[][]{
                {1, 1.25f, 1.75f, 2}, {1.5f, 1.75f, 2.25f, 2.5f}, {2.5f, 2.75f, 3.25f, 3.5f}, {3, 3.25f, 3.75f, 4}}), 1e-6)).isTrue();
        // factor 3 on one axis: sample points (o + 0.5) / 3 - 0.5 = -1/3, 0, 1/3, 2/3, 1, 4/3
        INDArray r = new UpSampling2D(1, 3).interpolation("bilinear").apply(Nd4j.createFromArray(0f, 3f).reshape(1, 1, 2, 1)).reshape(6);
        assertThat(r.equalsWithEps(Nd4j.createFromArray(0f, 0f, 1f, 2f, 3f, 3f), 1e-6)).isTrue();
    }

    @Test
    void configAndErrors() {
        assertThat(new UpSampling2D(2, 3).getConfig()).containsEntry("size", List.of(2, 3))
                .containsEntry("interpolation", "nearest").containsEntry("data_format", "channels_last");
        assertThat(new UpSampling1D(4).getConfig()).containsEntry("size", 4);
        assertThatThrownBy(() -> new UpSampling2D(2).interpolation("bicubic")).hasMessageContaining("Received: interpolation=bicubic");
        assertThatThrownBy(() -> new UpSampling2D(0)).hasMessageContaining("The `size` argument must be a tuple of 2 integers");
        assertThatThrownBy(() -> new UpSampling1D(2).apply(Input.shape(4))).hasMessageContaining("expected ndim=3, found ndim=2");
    }
}
