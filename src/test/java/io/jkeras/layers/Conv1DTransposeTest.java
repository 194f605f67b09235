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

class Conv1DTransposeTest {
    @Test
    void harness() {
        LayerHarness.of(() -> new Conv1DTranspose(4, 3)).inputs(Shape.of(6, 2))
                .outputs(Shape.of(null, 8, 4)).weights("kernel (3, 4, 2)", "bias (4,)").run();
        LayerHarness.of(() -> new Conv1DTranspose(3, 4).strides(2).padding("same").activation("relu")).inputs(Shape.of(5, 3))
                .outputs(Shape.of(null, 10, 3)).run();
        LayerHarness.of(() -> new Conv1DTranspose(3, 3).strides(2).outputPadding(1).dataFormat("channels_first")).inputs(Shape.of(2, 5))
                .outputs(Shape.of(null, 3, 12)).weights("kernel (3, 3, 2)", "bias (3,)").run();
    }

    @Test
    @ExtendWith(Float64.class)
    void matchesDirectTransposedConvolutionInFloat64() {
        matchesDirectTransposedConvolution();
    }

    @Test
    void matchesDirectTransposedConvolution() {
        checkValues(() -> new Conv1DTranspose(3, 3), 5, 2, "valid", 1, 1, null);
        checkValues(() -> new Conv1DTranspose(3, 2).strides(3), 5, 2, "valid", 3, 1, null);
        checkValues(() -> new Conv1DTranspose(2, 3).strides(2).padding("same"), 6, 3, "same", 2, 1, null);
        checkValues(() -> new Conv1DTranspose(2, 4).strides(3).padding("same").outputPadding(2), 4, 2, "same", 3, 1, 2);
        checkValues(() -> new Conv1DTranspose(2, 3).dilationRate(3).outputPadding(0), 5, 2, "valid", 1, 3, 0);
    }

    private static void checkValues(Supplier<Conv1DTranspose> make, int n, int c, String padding, int s, int d, Integer op) {
        INDArray x = Nd4j.rand(Keras.dataType(Keras.floatx()), 2, n, c).subi(0.5);
        double eps = x.dataType() == DataType.DOUBLE ? 1e-10 : 1e-5;
        Conv1DTranspose layer = make.get();
        layer.apply(x);
        layer.bias.value().assign(Nd4j.rand(x.dataType(), layer.filters()).subi(0.5));
        INDArray expected = ConvTransposeReference.convTranspose(x.castTo(DataType.DOUBLE), layer.kernel.value().castTo(DataType.DOUBLE),
                layer.bias.value().castTo(DataType.DOUBLE), new int[]{s}, new int[]{d}, padding, op == null ? null : new int[]{op})
                .castTo(x.dataType());
        INDArray got = layer.apply(x);
        assertThat(got.shape()).as("shape %s", layer.getConfig()).isEqualTo(expected.shape());
        assertThat(got.equalsWithEps(expected, eps)).as("%s", layer.getConfig()).isTrue();

        Conv1DTranspose first = make.get().dataFormat("channels_first");
        INDArray xf = x.permute(0, 2, 1).dup();
        first.apply(xf);
        first.setWeights(layer.getWeights());
        assertThat(first.apply(xf).equalsWithEps(expected.permute(0, 2, 1), eps)).as("channels_first").isTrue();
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 4, 3).subi(0.5);
        GradientCheck.create().check(new Conv1DTranspose(2, 3).activation("tanh"), x);
        GradientCheck.create().check(new Conv1DTranspose(2, 3).strides(2).padding("same"), x);
        GradientCheck.create().check(new Conv1DTranspose(2, 2).strides(3).useBias(true), x);
        GradientCheck.create().check(new Conv1DTranspose(2, 3).dilationRate(2).dataFormat("channels_first"), Nd4j.rand(DataType.DOUBLE, 2, 3, 4).subi(0.5));
    }

    @Test
    void float32GradientsAgreeWithFloat64() {
        ConvTesting.float32MatchesFloat64(() -> new Conv1DTranspose(3, 3).strides(2).padding("same"), 2, 7, 4);
    }

    @Test
    void configAndErrors() {
        assertThat(new Conv1DTranspose(8, 3).getConfig()).containsEntry("kernel_size", List.of(3)).containsEntry("strides", List.of(1));
        assertThatThrownBy(() -> new Conv1DTranspose(4, 3).apply(Input.shape(8, 8, 3)))
                .hasMessageContaining("expected ndim=3, found ndim=4");
        assertThatThrownBy(() -> new Conv1DTranspose(4, 3).strides(3).outputPadding(3).apply(Input.shape(8, 3)))
                .hasMessage("`output_padding` must be < `strides`. output_padding=(3,), strides=(3,)");
    }
}
