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

class Conv3DTransposeTest {
    @Test
    void harness() {
        LayerHarness.of(() -> new Conv3DTranspose(4, 3)).inputs(Shape.of(3, 4, 2, 2))
                .outputs(Shape.of(null, 5, 6, 4, 4)).weights("kernel (3, 3, 3, 4, 2)", "bias (4,)").run();
        LayerHarness.of(() -> new Conv3DTranspose(2, 2, 3, 2).strides(2).padding("same").dataFormat("channels_first")).inputs(Shape.of(3, 2, 3, 2))
                .outputs(Shape.of(null, 2, 4, 6, 4)).weights("kernel (2, 3, 2, 2, 3)", "bias (2,)").run();
    }

    /** Keras: Conv3DTranspose(8, 3) on 4 channels has 3*3*3*8*4 + 8 = 872 parameters. */
    @Test
    void paramCountAsKeras() {
        Conv3DTranspose t = new Conv3DTranspose(8, 3);
        assertThat(t.apply(Input.shape(4, 4, 4, 4)).shape().toString()).isEqualTo("(None, 6, 6, 6, 8)");
        assertThat(t.countParams()).isEqualTo(872);
    }

    @Test
    @ExtendWith(Float64.class)
    void matchesDirectTransposedConvolutionInFloat64() {
        matchesDirectTransposedConvolution();
    }

    @Test
    void matchesDirectTransposedConvolution() {
        checkValues(() -> new Conv3DTranspose(2, 2, 3, 2), "valid", new int[]{1, 1, 1}, new int[]{1, 1, 1}, null);
        checkValues(() -> new Conv3DTranspose(2, 3).strides(2, 1, 2).padding("same"), "same", new int[]{2, 1, 2}, new int[]{1, 1, 1}, null);
        checkValues(() -> new Conv3DTranspose(2, 2).strides(3, 2, 2).outputPadding(1, 0, 1), "valid", new int[]{3, 2, 2},
                new int[]{1, 1, 1}, new int[]{1, 0, 1});
        checkValues(() -> new Conv3DTranspose(2, 2).dilationRate(2, 1, 2).padding("same"), "same", new int[]{1, 1, 1}, new int[]{2, 1, 2}, null);
    }

    private static void checkValues(Supplier<Conv3DTranspose> make, String padding, int[] s, int[] d, int[] op) {
        INDArray x = Nd4j.rand(Keras.dataType(Keras.floatx()), 2, 3, 2, 3, 2).subi(0.5);
        double eps = x.dataType() == DataType.DOUBLE ? 1e-10 : 1e-5;
        Conv3DTranspose layer = make.get();
        layer.apply(x);
        layer.bias.value().assign(Nd4j.rand(x.dataType(), layer.filters()).subi(0.5));
        INDArray expected = ConvTransposeReference.convTranspose(x.castTo(DataType.DOUBLE), layer.kernel.value().castTo(DataType.DOUBLE),
                layer.bias.value().castTo(DataType.DOUBLE), s, d, padding, op).castTo(x.dataType());
        INDArray got = layer.apply(x);
        assertThat(got.shape()).as("shape %s", layer.getConfig()).isEqualTo(expected.shape());
        assertThat(got.equalsWithEps(expected, eps)).as("%s", layer.getConfig()).isTrue();

        Conv3DTranspose first = make.get().dataFormat("channels_first");
        INDArray xf = x.permute(0, 4, 1, 2, 3).dup();
        first.apply(xf);
        first.setWeights(layer.getWeights());
        assertThat(first.apply(xf).equalsWithEps(expected.permute(0, 4, 1, 2, 3), eps)).as("channels_first").isTrue();
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 1, 2, 3, 2, 2).subi(0.5);
        GradientCheck.create().check(new Conv3DTranspose(2, 2).activation("tanh"), x);
        GradientCheck.create().check(new Conv3DTranspose(2, 3).strides(2).padding("same"), x);
        GradientCheck.create().check(new Conv3DTranspose(2, 3).padding("same"), x);
        GradientCheck.create().check(new Conv3DTranspose(2, 2).strides(3, 2, 1).outputPadding(1, 0, 0).useBias(false), x);
        GradientCheck.create().check(new Conv3DTranspose(2, 2).dilationRate(2).dataFormat("channels_first"), Nd4j.rand(DataType.DOUBLE, 1, 2, 2, 3, 2).subi(0.5));
    }

    @Test
    void float32GradientsAgreeWithFloat64() {
        ConvTesting.float32MatchesFloat64(() -> new Conv3DTranspose(3, 3).strides(2).padding("same"), 2, 3, 4, 3, 2);
    }

    @Test
    void configAndErrors() {
        assertThat(new Conv3DTranspose(8, 3).getConfig()).containsEntry("kernel_size", List.of(3, 3, 3)).containsEntry("filters", 8);
        assertThatThrownBy(() -> new Conv3DTranspose(4, 3).apply(Input.shape(8, 8, 3)))
                .hasMessageContaining("expected ndim=5, found ndim=4");
        assertThatThrownBy(() -> new Conv3DTranspose(4, 3, 3)).hasMessageContaining("The `kernel_size` argument must be a tuple of 3 integers");
    }
}
