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

class Conv1DTest {
    @Test
    void harness() {
        LayerHarness.of(() -> new Conv1D(4, 3).activation("relu")).inputs(Shape.of(10, 2))
                .outputs(Shape.of(null, 8, 4)).weights("kernel (3, 2, 4)", "bias (4,)").run();
        LayerHarness.of(() -> new Conv1D(4, 3).padding("same").strides(2)).inputs(Shape.of(9, 2))
                .outputs(Shape.of(null, 5, 4)).run();
        LayerHarness.of(() -> new Conv1D(3, 3).padding("causal").dilationRate(2)).inputs(Shape.of(7, 2))
                .outputs(Shape.of(null, 7, 3)).weights("kernel (3, 2, 3)", "bias (3,)").run();
        LayerHarness.of(() -> new Conv1D(3, 2).dataFormat("channels_first")).inputs(Shape.of(2, 6))
                .outputs(Shape.of(null, 3, 5)).run();
        LayerHarness.of(() -> new Conv1D(4, 3).groups(2)).inputs(Shape.of(6, 4)).outputs(Shape.of(null, 4, 4))
                .weights("kernel (3, 2, 4)", "bias (4,)").run();
    }

    @Test
    @ExtendWith(Float64.class)
    void matchesDirectConvolutionInFloat64() {
        matchesDirectConvolution();
    }

    @Test
    void matchesDirectConvolution() {
        checkValues(() -> new Conv1D(3, 3), 8, 2, "valid", 1, 1, 1);
        checkValues(() -> new Conv1D(3, 2).padding("same").strides(2), 8, 2, "same", 2, 1, 1);
        checkValues(() -> new Conv1D(3, 3).padding("causal"), 7, 2, "causal", 1, 1, 1);
        checkValues(() -> new Conv1D(3, 3).padding("causal").dilationRate(2), 9, 2, "causal", 1, 2, 1);
        checkValues(() -> new Conv1D(3, 3).padding("causal").strides(2), 9, 2, "causal", 2, 1, 1);
        checkValues(() -> new Conv1D(4, 2).groups(2).dilationRate(3), 9, 4, "valid", 1, 3, 2);
    }

    private static void checkValues(Supplier<Conv1D> make, int steps, int c, String padding, int s, int d, int groups) {
        INDArray x = Nd4j.rand(Keras.dataType(Keras.floatx()), 2, steps, c).subi(0.5);
        double eps = x.dataType() == DataType.DOUBLE ? 1e-10 : 1e-5;
        Conv1D layer = make.get();
        layer.apply(x);
        layer.bias.value().assign(Nd4j.rand(x.dataType(), layer.filters()).subi(0.5));
        INDArray expected = ConvReference.conv(x.castTo(DataType.DOUBLE), layer.kernel.value().castTo(DataType.DOUBLE),
                layer.bias.value().castTo(DataType.DOUBLE), new int[]{s}, new int[]{d}, padding, groups).castTo(x.dataType());
        assertThat(layer.apply(x).equalsWithEps(expected, eps)).as("%s", layer.getConfig()).isTrue();

        Conv1D first = make.get().dataFormat("channels_first");
        INDArray xf = x.permute(0, 2, 1).dup();
        first.apply(xf);
        first.setWeights(layer.getWeights());
        assertThat(first.apply(xf).equalsWithEps(expected.permute(0, 2, 1), eps)).as("channels_first").isTrue();
    }

    @Test
    void causalOutputIgnoresTheFuture() {
        Conv1D c = new Conv1D(2, 3).padding("causal");
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 6, 1);
        INDArray y = c.apply(x);
        INDArray x2 = x.dup();
        x2.putScalar(new long[]{0, 4, 0}, 5f); // change step 4 only
        INDArray y2 = c.apply(x2);
        assertThat(y2.get(NdIdx.steps(0, 4)).equalsWithEps(y.get(NdIdx.steps(0, 4)), 1e-6)).isTrue();
        assertThat(y2.get(NdIdx.steps(4, 6)).equalsWithEps(y.get(NdIdx.steps(4, 6)), 1e-6)).isFalse();
    }

    /** Index helper: steps [from, to) of a (batch, steps, ch) array. */
    private static final class NdIdx {
        static org.nd4j.linalg.indexing.INDArrayIndex[] steps(long from, long to) {
            return new org.nd4j.linalg.indexing.INDArrayIndex[]{org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to), org.nd4j.linalg.indexing.NDArrayIndex.all()};
        }
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 7, 2).subi(0.5);
        GradientCheck.create().check(new Conv1D(3, 3).activation("tanh"), x);
        GradientCheck.create().check(new Conv1D(3, 2).strides(2).padding("same"), x);
        GradientCheck.create().check(new Conv1D(3, 3).padding("causal").dilationRate(2), x);
        GradientCheck.create().check(new Conv1D(3, 3).padding("causal").dataFormat("channels_first"), Nd4j.rand(DataType.DOUBLE, 2, 2, 7).subi(0.5));
        GradientCheck.create().check(new Conv1D(4, 2).groups(2).useBias(false), Nd4j.rand(DataType.DOUBLE, 2, 5, 4).subi(0.5));
    }

    @Test
    void configAndErrors() {
        assertThat(new Conv1D(8, 5).padding("causal").getConfig()).containsEntry("kernel_size", List.of(5))
                .containsEntry("strides", List.of(1)).containsEntry("padding", "causal");
        assertThatThrownBy(() -> new Conv1D(-1, 3)).hasMessageContaining("Received filters=-1.");
        Conv1D big = new Conv1D(2, 5).name("conv1d_big");
        assertThatThrownBy(() -> big.apply(Input.shape(3, 2))).hasMessageContaining("Layer \"conv1d_big\"")
                .hasMessageContaining("the output would have a non-positive dimension").hasMessageContaining("kernel shape=(5, 2, 2)");
        Conv1D r = new Conv1D(2, 3).name("conv1d_rank");
        assertThatThrownBy(() -> r.apply(Input.shape(3, 4, 2)))
                .hasMessage("Input 0 of layer \"conv1d_rank\" is incompatible with the layer: expected ndim=3, found ndim=4. Full shape received: (None, 3, 4, 2)");
        // causal on a short input still works: the left padding makes room
        assertThat(new Conv1D(2, 5).padding("causal").apply(Input.shape(3, 2)).shape()).isEqualTo(Shape.of(null, 3, 2));
    }
}
