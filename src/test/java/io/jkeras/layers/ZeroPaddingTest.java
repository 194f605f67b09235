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

class ZeroPaddingTest {
    @Test
    void harness() {
        LayerHarness.of(ZeroPadding1D::new).inputs(Shape.of(5, 3)).outputs(Shape.of(null, 7, 3)).weights().run();
        LayerHarness.of(() -> new ZeroPadding1D(0, 2)).inputs(Shape.of(5, 3)).outputs(Shape.of(null, 7, 3)).run();
        LayerHarness.of(ZeroPadding2D::new).inputs(Shape.of(4, 5, 3)).outputs(Shape.of(null, 6, 7, 3)).weights().run();
        LayerHarness.of(() -> new ZeroPadding2D(new int[][]{{1, 2}, {0, 3}})).inputs(Shape.of(4, 5, 3))
                .outputs(Shape.of(null, 7, 8, 3)).run();
        LayerHarness.of(() -> new ZeroPadding2D(1, 2).dataFormat("channels_first")).inputs(Shape.of(3, 4, 5))
                .outputs(Shape.of(null, 3, 6, 9)).run();
        LayerHarness.of(() -> new ZeroPadding3D(1, 0, 2)).inputs(Shape.of(2, 3, 4, 2))
                .outputs(Shape.of(null, 4, 3, 8, 2)).run();
        LayerHarness.of(() -> new ZeroPadding3D(new int[][]{{0, 1}, {2, 0}, {1, 1}}).dataFormat("channels_first"))
                .inputs(Shape.of(2, 3, 4, 2)).outputs(Shape.of(null, 2, 4, 6, 4)).run();
    }

    @Test
    void unknownSpatialSizesStayUnknown() {
        assertThat(new ZeroPadding2D(2).apply(Input.shape(Shape.of(null, 5, 3), null)).shape()).isEqualTo(Shape.of(null, null, 9, 3));
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        GradientCheck.create().check(new ZeroPadding1D(2, 1), Nd4j.rand(DataType.DOUBLE, 2, 3, 2));
        GradientCheck.create().check(new ZeroPadding2D(new int[][]{{1, 0}, {2, 1}}), Nd4j.rand(DataType.DOUBLE, 2, 3, 2, 2));
        GradientCheck.create().check(new ZeroPadding2D(1).dataFormat("channels_first"), Nd4j.rand(DataType.DOUBLE, 2, 2, 3, 2));
        GradientCheck.create().check(new ZeroPadding3D(new int[][]{{1, 0}, {0, 1}, {1, 1}}), Nd4j.rand(DataType.DOUBLE, 1, 2, 2, 2, 2));
    }

    @Test
    void padsWithZerosWhereAsked() {
        INDArray x = Nd4j.createFromArray(new float[][]{{1, 2}, {3, 4}}).reshape(1, 2, 2, 1);
        INDArray y = new ZeroPadding2D(new int[][]{{1, 0}, {0, 2}}).apply(x);
        assertThat(y.reshape(3, 4)).isEqualTo(Nd4j.createFromArray(new float[][]{{0, 0, 0, 0}, {1, 2, 0, 0}, {3, 4, 0, 0}}));
        INDArray s = Nd4j.createFromArray(new float[][]{{5, 6}}).reshape(1, 2, 1);
        assertThat(new ZeroPadding1D(1, 2).apply(s).reshape(5)).isEqualTo(Nd4j.createFromArray(0f, 5f, 6f, 0f, 0f));
    }

    @Test
    void backwardIsTheInteriorOfTheGradient() {
        INDArray x = Nd4j.zeros(DataType.FLOAT, 1, 1, 2, 2);
        Forward f = new ZeroPadding2D(1).dataFormat("channels_first").forward(List.of(x), true);
        INDArray g = Nd4j.arange(16).castTo(DataType.FLOAT).reshape(1, 1, 4, 4);
        assertThat(f.backward(List.of(g)).get(0).reshape(2, 2)).isEqualTo(Nd4j.createFromArray(new float[][]{{5, 6}, {9, 10}}));
    }

    @Test
    void configIsKeras() {
        assertThat(new ZeroPadding2D(1, 2).getConfig()).containsEntry("padding", List.of(List.of(1, 1), List.of(2, 2)))
                .containsEntry("data_format", "channels_last");
        assertThat(new ZeroPadding1D(3).getConfig()).containsEntry("padding", List.of(3, 3)).doesNotContainKey("data_format");
        ZeroPadding2D z = ZeroPadding2D.fromConfig(io.jkeras.saving.Config.of(io.jkeras.saving.Json.read(
                "{\"name\": \"zp\", \"padding\": [[1, 2], [3, 4]], \"data_format\": \"channels_first\"}")));
        assertThat(z.padding()).isDeepEqualTo(new int[][]{{1, 2}, {3, 4}});
        assertThat(z.dataFormat()).isEqualTo("channels_first");
    }

    @Test
    void badPaddingIsAKerasError() {
        assertThatThrownBy(() -> new ZeroPadding2D(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("`padding` cannot be negative. Received: padding=-1.");
        assertThatThrownBy(() -> new ZeroPadding2D(new int[][]{{1, 1}, {1, 1}, {1, 1}}))
                .hasMessage("`padding` should have two elements. Received: padding=((1, 1), (1, 1), (1, 1)).");
        assertThatThrownBy(() -> new ZeroPadding2D(new int[][]{{1, 1}, {1, 2, 3}}))
                .hasMessageStartingWith("The `2nd entry of padding` argument must be a tuple of 2 integers.");
        assertThatThrownBy(() -> new ZeroPadding1D(-1, 1)).hasMessageContaining("`value >= 0`");
        assertThatThrownBy(() -> new ZeroPadding2D(1).dataFormat("nhwc")).hasMessageContaining("Received: data_format=nhwc");
        assertThatThrownBy(() -> new ZeroPadding2D(1).apply(Input.shape(4, 4))).hasMessageContaining("expected ndim=4, found ndim=3");
    }
}
