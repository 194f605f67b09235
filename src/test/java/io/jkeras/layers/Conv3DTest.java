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

import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Conv3DTest {
    @Test
    void harness() {
        LayerHarness.of(() -> new Conv3D(4, 3).activation("relu")).inputs(Shape.of(5, 6, 7, 2))
                .outputs(Shape.of(null, 3, 4, 5, 4)).weights("kernel (3, 3, 3, 2, 4)", "bias (4,)").run();
        LayerHarness.of(() -> new Conv3D(3, 2).strides(2).padding("same")).inputs(Shape.of(5, 4, 3, 1))
                .outputs(Shape.of(null, 3, 2, 2, 3)).run();
        LayerHarness.of(() -> new Conv3D(3, 2).dataFormat("channels_first")).inputs(Shape.of(2, 4, 4, 4))
                .outputs(Shape.of(null, 3, 3, 3, 3)).run();
    }

    @Test
    @ExtendWith(Float64.class)
    void matchesDirectConvolutionInFloat64() {
        matchesDirectConvolution();
    }

    @Test
    void matchesDirectConvolution() {
        checkValues(() -> new Conv3D(3, 2, 3, 2), 4, 5, 4, 2, "valid", new int[]{1, 1, 1}, new int[]{1, 1, 1}, 1);
        checkValues(() -> new Conv3D(2, 3).padding("same").strides(2, 1, 2), 4, 5, 6, 2, "same", new int[]{2, 1, 2}, new int[]{1, 1, 1}, 1);
        checkValues(() -> new Conv3D(2, 2).dilationRate(2), 5, 5, 5, 1, "valid", new int[]{1, 1, 1}, new int[]{2, 2, 2}, 1);
        checkValues(() -> new Conv3D(4, 2).groups(2), 4, 4, 4, 2, "valid", new int[]{1, 1, 1}, new int[]{1, 1, 1}, 2);
    }

    private static void checkValues(Supplier<Conv3D> make, int d, int h, int w, int c, String padding, int[] s, int[] dil, int groups) {
        INDArray x = Nd4j.rand(Keras.dataType(Keras.floatx()), 2, d, h, w, c).subi(0.5);
        double eps = x.dataType() == DataType.DOUBLE ? 1e-10 : 1e-5;
        Conv3D layer = make.get();
        layer.apply(x);
        layer.bias.value().assign(Nd4j.rand(x.dataType(), layer.filters()).subi(0.5));
        INDArray expected = ConvReference.conv(x.castTo(DataType.DOUBLE), layer.kernel.value().castTo(DataType.DOUBLE),
                layer.bias.value().castTo(DataType.DOUBLE), s, dil, padding, groups).castTo(x.dataType());
        assertThat(layer.apply(x).equalsWithEps(expected, eps)).as("%s", layer.getConfig()).isTrue();

        Conv3D first = make.get().dataFormat("channels_first");
        INDArray xf = x.permute(0, 4, 1, 2, 3).dup();
        first.apply(xf);
        first.setWeights(layer.getWeights());
        assertThat(first.apply(xf).equalsWithEps(expected.permute(0, 4, 1, 2, 3), eps)).as("channels_first").isTrue();
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 4, 4, 3, 2).subi(0.5);
        GradientCheck.create().check(new Conv3D(2, 2).activation("tanh"), x);
        GradientCheck.create().check(new Conv3D(2, 2).strides(2).padding("same").useBias(false), x);
        GradientCheck.create().check(new Conv3D(2, 2).dataFormat("channels_first"), Nd4j.rand(DataType.DOUBLE, 2, 2, 3, 4, 3).subi(0.5));
        GradientCheck.create().check(new Conv3D(2, 2).dilationRate(2, 1, 1), x);
    }

    @Test
    void errors() {
        Conv3D big = new Conv3D(2, 3).name("conv3d_big");
        assertThatThrownBy(() -> big.apply(Input.shape(2, 5, 5, 1))).hasMessageContaining("Layer \"conv3d_big\"")
                .hasMessageContaining("the output would have a non-positive dimension");
        Conv3D r = new Conv3D(2, 3).name("conv3d_rank");
        assertThatThrownBy(() -> r.apply(Input.shape(5, 5, 1)))
                .hasMessage("Input 0 of layer \"conv3d_rank\" is incompatible with the layer: expected ndim=5, found ndim=4. Full shape received: (None, 5, 5, 1)");
    }
}
