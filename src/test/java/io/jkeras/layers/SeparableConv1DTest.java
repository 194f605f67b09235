package io.jkeras.layers;

import io.jkeras.Input;
import io.jkeras.Keras;
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
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeparableConv1DTest {
    @Test
    void harness() {
        LayerHarness.of(() -> new SeparableConv1D(6, 3)).inputs(Shape.of(8, 4)).outputs(Shape.of(null, 6, 6))
                .weights("depthwise_kernel (3, 4, 1)", "pointwise_kernel (1, 4, 6)", "bias (6,)").run();
        LayerHarness.of(() -> new SeparableConv1D(4, 2).depthMultiplier(2).strides(2).padding("same")).inputs(Shape.of(5, 3))
                .outputs(Shape.of(null, 3, 4)).weights("depthwise_kernel (2, 3, 2)", "pointwise_kernel (1, 6, 4)", "bias (4,)").run();
        LayerHarness.of(() -> new SeparableConv1D(2, 3).dataFormat("channels_first").useBias(false)).inputs(Shape.of(3, 7))
                .outputs(Shape.of(null, 2, 5)).weights("depthwise_kernel (3, 3, 1)", "pointwise_kernel (1, 3, 2)").run();
    }

    @Test
    @ExtendWith(Float64.class)
    void matchesDirectSeparableConvolutionInFloat64() {
        matchesDirectSeparableConvolution();
    }

    @Test
    void matchesDirectSeparableConvolution() {
        checkValues(() -> new SeparableConv1D(4, 3), 8, 3, "valid", 1, 1);
        checkValues(() -> new SeparableConv1D(3, 2).depthMultiplier(3).strides(2).padding("same"), 7, 2, "same", 2, 1);
        checkValues(() -> new SeparableConv1D(2, 3).dilationRate(2).padding("same"), 8, 3, "same", 1, 2);
    }

    private static void checkValues(Supplier<SeparableConv1D> make, int n, int c, String padding, int s, int d) {
        INDArray x = Nd4j.rand(Keras.dataType(Keras.floatx()), 2, n, c).subi(0.5);
        double eps = x.dataType() == DataType.DOUBLE ? 1e-10 : 1e-5;
        SeparableConv1D layer = make.get();
        layer.apply(x);
        layer.bias.value().assign(Nd4j.rand(x.dataType(), layer.bias.value().shape()).subi(0.5));
        INDArray expected = DepthwiseReference.separable(x.castTo(DataType.DOUBLE), layer.depthwiseKernel.value().castTo(DataType.DOUBLE),
                layer.pointwiseKernel.value().castTo(DataType.DOUBLE), layer.bias.value().castTo(DataType.DOUBLE),
                new int[]{s}, new int[]{d}, padding).castTo(x.dataType());
        INDArray got = layer.apply(x);
        assertThat(got.shape()).isEqualTo(expected.shape());
        assertThat(got.equalsWithEps(expected, eps)).as("%s", layer.getConfig()).isTrue();

        SeparableConv1D first = make.get().dataFormat("channels_first");
        INDArray xf = x.permute(0, 2, 1).dup();
        first.apply(xf);
        first.setWeights(layer.getWeights());
        assertThat(first.apply(xf).equalsWithEps(expected.permute(0, 2, 1), eps)).as("channels_first").isTrue();
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 6, 3).subi(0.5);
        GradientCheck.create().check(new SeparableConv1D(2, 3).activation("tanh"), x);
        GradientCheck.create().check(new SeparableConv1D(3, 2).depthMultiplier(2).strides(2).padding("same"), x);
        GradientCheck.create().check(new SeparableConv1D(2, 2).dilationRate(2).dataFormat("channels_first"),
                Nd4j.rand(DataType.DOUBLE, 2, 3, 6).subi(0.5));
    }

    @Test
    void float32GradientsAgreeWithFloat64() {
        ConvTesting.float32MatchesFloat64(() -> new SeparableConv1D(5, 3).padding("same").depthMultiplier(2), 2, 9, 4);
    }

    @Test
    void configAndErrors() {
        assertThat(new SeparableConv1D(8, 3).getConfig()).containsEntry("kernel_size", List.of(3)).containsEntry("filters", 8)
                .containsEntry("depth_multiplier", 1);
        assertThatThrownBy(() -> new SeparableConv1D(4, 5).apply(Input.shape(3, 2)))
                .hasMessageContaining("computed output size would be negative or zero")
                .hasMessageContaining("inputs shape=(None, 3, 2), kernel shape=(5, 2, 1)");
        assertThatThrownBy(() -> new SeparableConv1D(4, 3).apply(Input.shape(8, 8, 3))).hasMessageContaining("expected ndim=3, found ndim=4");
    }
}
