package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.layers.preprocessing.ImageResize;
import io.jkeras.testing.Float64;
import io.jkeras.testing.GradientCheck;
import io.jkeras.testing.LayerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResizingTest {
    private static double maxDiff(INDArray a, INDArray b) {
        return Transforms.abs(a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE))).maxNumber().doubleValue();
    }

    @Test
    void harness() {
        LayerHarness.of(() -> new Resizing(3, 5)).inputs(Shape.of(6, 7, 2)).outputs(Shape.of(null, 3, 5, 2)).weights().run();
        LayerHarness.of(() -> new Resizing(4, 4).interpolation("nearest").cropToAspectRatio(true)).inputs(Shape.of(6, 9, 1))
                .outputs(Shape.of(null, 4, 4, 1)).run();
        LayerHarness.of(() -> new Resizing(4, 6).dataFormat("channels_first")).inputs(Shape.of(2, 5, 5)).outputs(Shape.of(null, 2, 4, 6)).run();
    }

    @Test
    void matchesTensorFlowsHalfPixelKernels() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 5, 7, 3);
        int[][] sizes = {{3, 4}, {8, 11}, {5, 7}, {10, 3}, {1, 1}, {2, 13}};
        for (int[] s : sizes) {
            for (String mode : new String[]{"bilinear", "nearest"}) {
                INDArray got = new Resizing(s[0], s[1]).interpolation(mode).apply(x);
                assertThat(maxDiff(got, ImageReference.resize(x, s[0], s[1], mode.equals("nearest")))).as("%s %dx%d", mode, s[0], s[1]).isLessThan(1e-6);
                // the interpolation matrices the backward pass uses describe the same map
                INDArray ry = ImageResize.matrix(5, s[0], mode, DataType.DOUBLE), rx = ImageResize.matrix(7, s[1], mode, DataType.DOUBLE);
                INDArray viaMatrices = Nd4j.tensorMmul(Nd4j.tensorMmul(x.castTo(DataType.DOUBLE), ry, new int[][]{{1}, {1}}), rx, new int[][]{{1}, {1}})
                        .permute(0, 2, 3, 1);
                assertThat(maxDiff(viaMatrices, got)).isLessThan(1e-6);
            }
        }
    }

    @Test
    void cropsOrPadsToTheAspectRatioFirst() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 6, 10, 1);
        // 6x10 to a square: Keras's window is 6 high, int(6 * 4 / 4) = 6 wide, starting at int((10 - 6) / 2) = 2.
        INDArray crop = x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(2, 8), NDArrayIndex.all()).dup();
        assertThat(maxDiff(new Resizing(4, 4).cropToAspectRatio(true).apply(x), ImageReference.resize(crop, 4, 4, false))).isLessThan(1e-6);
        // 4x8 to a square: padded to 8 high, 2 rows of fill above and below.
        INDArray y = Nd4j.rand(DataType.FLOAT, 1, 4, 8, 2);
        INDArray band = Nd4j.valueArrayOf(new long[]{1, 2, 8, 2}, 0.5f);
        INDArray padded = Nd4j.concat(1, band, y, band);
        assertThat(maxDiff(new Resizing(6, 6).padToAspectRatio(true).fillValue(0.5).apply(y), ImageReference.resize(padded, 6, 6, false)))
                .isLessThan(1e-6);
        // channels_first is the same computation on permuted axes
        INDArray cf = new Resizing(3, 4).dataFormat("channels_first").apply(x.permute(0, 3, 1, 2).dup());
        assertThat(maxDiff(cf.permute(0, 2, 3, 1), new Resizing(3, 4).apply(x))).isLessThan(1e-6);
        // integer images come back rounded, in their type
        INDArray ints = new Resizing(3, 3).apply(Nd4j.createFromArray(new int[]{0, 10, 20, 30}).reshape(1, 2, 2, 1));
        assertThat(ints.dataType()).isEqualTo(DataType.INT);
    }

    @Test
    @ExtendWith(Float64.class)
    void gradientsFlowThroughTheTransposedMaps() {
        GradientCheck.create().check(new Resizing(3, 5), Nd4j.rand(DataType.DOUBLE, 2, 4, 3, 2));
        GradientCheck.create().check(new Resizing(5, 2).interpolation("nearest"), Nd4j.rand(DataType.DOUBLE, 2, 4, 3, 1));
        GradientCheck.create().check(new Resizing(3, 3).cropToAspectRatio(true), Nd4j.rand(DataType.DOUBLE, 1, 4, 6, 2));
        GradientCheck.create().check(new Resizing(3, 3).padToAspectRatio(true).fillValue(1), Nd4j.rand(DataType.DOUBLE, 1, 4, 6, 1));
        GradientCheck.create().check(new Resizing(2, 3).dataFormat("channels_first"), Nd4j.rand(DataType.DOUBLE, 2, 2, 4, 5));
    }

    @Test
    void kerasErrorsAndConfig() {
        assertThat(new Resizing(3, 5).getConfig()).containsEntry("height", 3).containsEntry("width", 5)
                .containsEntry("interpolation", "bilinear").containsEntry("crop_to_aspect_ratio", false)
                .containsEntry("pad_to_aspect_ratio", false).containsEntry("fill_mode", "constant").containsEntry("fill_value", 0.0)
                .containsEntry("data_format", "channels_last");
        assertThatThrownBy(() -> new Resizing(3, 3).interpolation("cubic"))
                .hasMessage("Invalid value for argument `interpolation`. Expected of one [bilinear, nearest, lanczos3, lanczos5, bicubic, area]. "
                        + "Received: interpolation=cubic");
        assertThatThrownBy(() -> new Resizing(3, 3).fillMode("reflect"))
                .hasMessage("Invalid value for argument `fill_mode`. Only `'constant'` is supported. Received: fill_mode=reflect");
        assertThatThrownBy(() -> new Resizing(3, 3).cropToAspectRatio(true).padToAspectRatio(true).apply(Nd4j.ones(1, 4, 4, 1)))
                .hasMessageEndingWith("Only one of `pad_to_aspect_ratio` & `crop_to_aspect_ratio` can be `True`.");
        assertThatThrownBy(() -> new Resizing(3, 3).apply(Nd4j.ones(4, 4)))
                .hasMessageContaining("Invalid images rank: expected rank 4");
    }
}
