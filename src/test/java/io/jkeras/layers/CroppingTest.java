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

class CroppingTest {
    @Test
    void harness() {
        LayerHarness.of(Cropping1D::new).inputs(Shape.of(5, 3)).outputs(Shape.of(null, 3, 3)).weights().run();
        LayerHarness.of(() -> new Cropping1D(0, 2)).inputs(Shape.of(5, 3)).outputs(Shape.of(null, 3, 3)).run();
        LayerHarness.of(Cropping2D::new).inputs(Shape.of(4, 5, 3)).outputs(Shape.of(null, 4, 5, 3)).weights().run();
        LayerHarness.of(() -> new Cropping2D(new int[][]{{2, 2}, {4, 4}})).inputs(Shape.of(28, 28, 3))
                .outputs(Shape.of(null, 24, 20, 3)).run();
        LayerHarness.of(() -> new Cropping2D(new int[][]{{1, 0}, {0, 2}}).dataFormat("channels_first")).inputs(Shape.of(3, 4, 5))
                .outputs(Shape.of(null, 3, 3, 3)).run();
        LayerHarness.of(Cropping3D::new).inputs(Shape.of(4, 4, 4, 2)).outputs(Shape.of(null, 2, 2, 2, 2)).run();
        LayerHarness.of(() -> new Cropping3D(new int[][]{{0, 1}, {2, 0}, {1, 1}}).dataFormat("channels_first"))
                .inputs(Shape.of(2, 3, 4, 4)).outputs(Shape.of(null, 2, 2, 2, 2)).run();
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        GradientCheck.create().check(new Cropping1D(1, 0), Nd4j.rand(DataType.DOUBLE, 2, 4, 2));
        GradientCheck.create().check(new Cropping2D(new int[][]{{1, 0}, {1, 2}}), Nd4j.rand(DataType.DOUBLE, 2, 3, 4, 2));
        GradientCheck.create().check(new Cropping2D(1).dataFormat("channels_first"), Nd4j.rand(DataType.DOUBLE, 2, 2, 3, 3));
        GradientCheck.create().check(new Cropping3D(1, 0, 1), Nd4j.rand(DataType.DOUBLE, 1, 3, 2, 3, 2));
    }

    @Test
    void keepsTheInterior() {
        INDArray x = Nd4j.arange(12).castTo(DataType.FLOAT).reshape(1, 3, 4, 1);
        INDArray y = new Cropping2D(new int[][]{{1, 0}, {1, 2}}).apply(x);
        assertThat(y.reshape(2, 1)).isEqualTo(Nd4j.createFromArray(new float[][]{{5}, {9}}));
    }

    @Test
    void backwardPadsTheGradientWithZeros() {
        INDArray x = Nd4j.zeros(DataType.FLOAT, 1, 3, 1);
        Forward f = new Cropping1D(1, 1).forward(List.of(x), true);
        INDArray dx = f.backward(List.of(Nd4j.createFromArray(7f).reshape(1, 1, 1))).get(0);
        assertThat(dx.reshape(3)).isEqualTo(Nd4j.createFromArray(0f, 7f, 0f));
    }

    @Test
    void croppingEverythingIsAKerasError() {
        Cropping2D c = new Cropping2D(new int[][]{{2, 2}, {0, 0}});
        assertThatThrownBy(() -> c.apply(Input.shape(4, 5, 3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Values in `cropping` argument should be smaller than the corresponding spatial dimension "
                        + "of the input. Received: input_shape=(None, 4, 5, 3), cropping=((2, 2), (0, 0))");
        assertThatThrownBy(() -> new Cropping1D(2, 3).apply(Nd4j.ones(1, 5, 2)))
                .hasMessageContaining("`cropping` parameter of `Cropping1D` layer must be smaller than the input length. "
                        + "Received: input_shape=(None, 5, 2), cropping=(2, 3)");
        assertThatThrownBy(() -> new Cropping3D(-1)).hasMessage("`cropping` cannot be negative. Received: cropping=-1.");
    }

    @Test
    void readsKerasConfig() {
        Cropping2D c = Cropping2D.fromConfig(io.jkeras.saving.Config.of(io.jkeras.saving.Json.read(
                "{\"name\": \"c\", \"cropping\": [[1, 2], [3, 4]], \"data_format\": \"channels_last\"}")));
        assertThat(c.cropping()).isDeepEqualTo(new int[][]{{1, 2}, {3, 4}});
        assertThat(new Cropping1D(1, 2).getConfig()).containsEntry("cropping", List.of(1, 2)).doesNotContainKey("data_format");
    }
}
