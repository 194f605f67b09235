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

class DepthwiseConv1DTest {
    /** Keras's own test cases: (3, 5, 4) with depth_multiplier 5, kernel 2 → (3, 4, 20); stride 2 → (3, 2, 24). */
    @Test
    void harness() {
        LayerHarness.of(() -> new DepthwiseConv1D(2).depthMultiplier(5)).inputs(Shape.of(5, 4))
                .outputs(Shape.of(null, 4, 20)).weights("kernel (2, 4, 5)", "bias (20,)").run();
        LayerHarness.of(() -> new DepthwiseConv1D(2).depthMultiplier(6).padding("same").dilationRate(2)).inputs(Shape.of(4, 4))
                .outputs(Shape.of(null, 4, 24)).run();
        LayerHarness.of(() -> new DepthwiseConv1D(2).depthMultiplier(6).strides(2)).inputs(Shape.of(5, 4))
                .outputs(Shape.of(null, 2, 24)).run();
        LayerHarness.of(() -> new DepthwiseConv1D(3).dataFormat("channels_first")).inputs(Shape.of(3, 7))
                .outputs(Shape.of(null, 3, 5)).weights("kernel (3, 3, 1)", "bias (3,)").run();
    }

    @Test
    @ExtendWith(Float64.class)
    void matchesDirectDepthwiseConvolutionInFloat64() {
        matchesDirectDepthwiseConvolution();
    }

    @Test
    void matchesDirectDepthwiseConvolution() {
        checkValues(() -> new DepthwiseConv1D(3), 8, 4, "valid", 1, 1);
        checkValues(() -> new DepthwiseConv1D(2).depthMultiplier(5), 8, 4, "valid", 1, 1);
        checkValues(() -> new DepthwiseConv1D(2).depthMultiplier(6).padding("same").dilationRate(2), 8, 4, "same", 1, 2);
        checkValues(() -> new DepthwiseConv1D(3).strides(2).padding("same"), 8, 3, "same", 2, 1);
    }

    private static void checkValues(Supplier<DepthwiseConv1D> make, int n, int c, String padding, int s, int d) {
        INDArray x = Nd4j.rand(Keras.dataType(Keras.floatx()), 2, n, c).subi(0.5);
        double eps = x.dataType() == DataType.DOUBLE ? 1e-10 : 1e-5;
        DepthwiseConv1D layer = make.get();
        layer.apply(x);
        layer.bias.value().assign(Nd4j.rand(x.dataType(), layer.bias.value().shape()).subi(0.5));
        INDArray expected = DepthwiseReference.depthwise(x.castTo(DataType.DOUBLE), layer.depthwiseKernel.value().castTo(DataType.DOUBLE),
                layer.bias.value().castTo(DataType.DOUBLE), new int[]{s}, new int[]{d}, padding).castTo(x.dataType());
        INDArray got = layer.apply(x);
        assertThat(got.shape()).isEqualTo(expected.shape());
        assertThat(got.equalsWithEps(expected, eps)).as("%s", layer.getConfig()).isTrue();

        DepthwiseConv1D first = make.get().dataFormat("channels_first");
        INDArray xf = x.permute(0, 2, 1).dup();
        first.apply(xf);
        first.setWeights(layer.getWeights());
        assertThat(first.apply(xf).equalsWithEps(expected.permute(0, 2, 1), eps)).as("channels_first").isTrue();
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 6, 3).subi(0.5);
        GradientCheck.create().check(new DepthwiseConv1D(3).activation("tanh"), x);
        GradientCheck.create().check(new DepthwiseConv1D(2).depthMultiplier(2).strides(2).padding("same"), x);
        GradientCheck.create().check(new DepthwiseConv1D(2).dilationRate(2).useBias(false).dataFormat("channels_first"),
                Nd4j.rand(DataType.DOUBLE, 2, 3, 6).subi(0.5));
    }

    @Test
    void float32GradientsAgreeWithFloat64() {
        ConvTesting.float32MatchesFloat64(() -> new DepthwiseConv1D(3).padding("same").dilationRate(2), 2, 9, 4);
    }

    @Test
    void configAndErrors() {
        assertThat(new DepthwiseConv1D(3).depthMultiplier(2).getConfig()).containsEntry("kernel_size", List.of(3))
                .containsEntry("depth_multiplier", 2).doesNotContainKey("filters");
        DepthwiseConv1D big = new DepthwiseConv1D(5).name("dw1_big");
        assertThatThrownBy(() -> big.apply(Input.shape(4, 2)))
                .hasMessageContaining("Layer \"dw1_big\"").hasMessageContaining("inputs shape=(None, 4, 2), kernel shape=(5, 2, 1)");
        assertThatThrownBy(() -> new DepthwiseConv1D(3).padding("causal")).hasMessageContaining("Received: padding=causal");
    }
}
