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
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Conv2DTest {
    @Test
    void harness() {
        LayerHarness.of(() -> new Conv2D(32, 3).activation("relu")).inputs(Shape.of(28, 28, 1))
                .outputs(Shape.of(null, 26, 26, 32)).weights("kernel (3, 3, 1, 32)", "bias (32,)").run();
        LayerHarness.of(() -> new Conv2D(4, 3).strides(2).padding("same")).inputs(Shape.of(7, 8, 2))
                .outputs(Shape.of(null, 4, 4, 4)).weights("kernel (3, 3, 2, 4)", "bias (4,)").run();
        LayerHarness.of(() -> new Conv2D(3, 3, 2).dilationRate(2).useBias(false)).inputs(Shape.of(9, 9, 2))
                .outputs(Shape.of(null, 5, 7, 3)).weights("kernel (3, 2, 2, 3)").run();
        LayerHarness.of(() -> new Conv2D(3, 3).dataFormat("channels_first")).inputs(Shape.of(2, 6, 5))
                .outputs(Shape.of(null, 3, 4, 3)).weights("kernel (3, 3, 2, 3)", "bias (3,)").run();
        LayerHarness.of(() -> new Conv2D(4, 3).groups(2).padding("same")).inputs(Shape.of(5, 5, 6))
                .outputs(Shape.of(null, 5, 5, 4)).weights("kernel (3, 3, 3, 4)", "bias (4,)").run();
    }

    @Test
    void courseCnnShapesAndParams() {
        Conv2D c1 = new Conv2D(32, 3).activation("relu");
        assertThat(c1.apply(Input.shape(28, 28, 1)).shape().toString()).isEqualTo("(None, 26, 26, 32)");
        assertThat(c1.countParams()).isEqualTo(320);
        Conv2D c2 = new Conv2D(64, 3, 3);
        assertThat(c2.apply(Input.shape(13, 13, 32)).shape().toString()).isEqualTo("(None, 11, 11, 64)");
        assertThat(c2.countParams()).isEqualTo(18_496);
    }

    /** Native op against the plain-Java convolution: layout YXIO, TF "same" padding (odd pixel after), strides, dilation, groups. */
    @Test
    @ExtendWith(Float64.class)
    void matchesDirectConvolutionInFloat64() {
        matchesDirectConvolution();
    }

    /** float32 runs on oneDNN, float64 on ND4J's own kernels: both are checked. */
    @Test
    void matchesDirectConvolution() {
        checkValues(() -> new Conv2D(3, 3), 5, 5, 2, "valid", new int[]{1, 1}, new int[]{1, 1}, 1);
        checkValues(() -> new Conv2D(3, 2, 3).padding("same").strides(2), 6, 7, 2, "same", new int[]{2, 2}, new int[]{1, 1}, 1);
        checkValues(() -> new Conv2D(3, 2).padding("same").strides(2, 1), 4, 5, 2, "same", new int[]{2, 1}, new int[]{1, 1}, 1);
        checkValues(() -> new Conv2D(2, 3).dilationRate(2, 1), 7, 6, 3, "valid", new int[]{1, 1}, new int[]{2, 1}, 1);
        checkValues(() -> new Conv2D(2, 3).dilationRate(2).padding("same"), 6, 6, 1, "same", new int[]{1, 1}, new int[]{2, 2}, 1);
        checkValues(() -> new Conv2D(2, 3, 1).dilationRate(2), 7, 4, 2, "valid", new int[]{1, 1}, new int[]{2, 2}, 1);
        checkValues(() -> new Conv2D(4, 3).groups(2), 5, 5, 4, "valid", new int[]{1, 1}, new int[]{1, 1}, 2);
    }

    private static void checkValues(Supplier<Conv2D> make, int h, int w, int c, String padding, int[] s, int[] d, int groups) {
        INDArray x = Nd4j.rand(io.jkeras.Keras.dataType(io.jkeras.Keras.floatx()), 2, h, w, c).subi(0.5);
        double eps = x.dataType() == DataType.DOUBLE ? 1e-10 : 1e-5;
        Conv2D layer = make.get();
        layer.apply(x);
        layer.bias.value().assign(Nd4j.rand(x.dataType(), layer.filters()).subi(0.5)); // a non-zero bias is checked too
        INDArray expected = ConvReference.conv(x.castTo(DataType.DOUBLE), layer.kernel.value().castTo(DataType.DOUBLE),
                layer.bias.value().castTo(DataType.DOUBLE), s, d, padding, groups).castTo(x.dataType());
        assertThat(layer.apply(x).equalsWithEps(expected, eps)).as("%s %s", padding, layer.getConfig()).isTrue();

        // channels_first: the same numbers with the channel axis moved, and the same (kh, kw, in, out) kernel
        Conv2D first = make.get().dataFormat("channels_first");
        INDArray xf = x.permute(0, 3, 1, 2).dup();
        first.apply(xf);
        first.setWeights(layer.getWeights());
        assertThat(first.apply(xf).equalsWithEps(expected.permute(0, 3, 1, 2), eps)).as("channels_first").isTrue();
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 5, 5, 2).subi(0.5);
        GradientCheck.create().check(new Conv2D(3, 3).activation("tanh"), x);
        GradientCheck.create().check(new Conv2D(3, 2).strides(2).padding("same"), x);
        GradientCheck.create().check(new Conv2D(3, 3, 2).dilationRate(2, 1).useBias(false), x);
        GradientCheck.create().check(new Conv2D(3, 3).dataFormat("channels_first"), Nd4j.rand(DataType.DOUBLE, 2, 2, 5, 5).subi(0.5));
        GradientCheck.create().check(new Conv2D(4, 3).groups(2).padding("same"), Nd4j.rand(DataType.DOUBLE, 2, 5, 5, 4).subi(0.5));
    }

    @Test
    void configUsesKerasKeys() {
        Conv2D c = new Conv2D(8, 3).strides(2).padding("same").activation("relu");
        assertThat(c.getConfig()).containsEntry("filters", 8).containsEntry("kernel_size", List.of(3, 3))
                .containsEntry("strides", List.of(2, 2)).containsEntry("padding", "same")
                .containsEntry("data_format", "channels_last").containsEntry("dilation_rate", List.of(1, 1))
                .containsEntry("groups", 1).containsEntry("activation", "relu").containsEntry("use_bias", true);
    }

    /** A config as Keras 3 writes it (nested initializer objects, a dtype policy) reads back. */
    @Test
    void readsAKeras3Config() {
        String json = "{\"name\": \"conv2d_7\", \"trainable\": true, \"dtype\": {\"module\": \"keras\", \"class_name\": \"DTypePolicy\", "
                + "\"config\": {\"name\": \"float32\"}, \"registered_name\": null}, \"filters\": 32, \"kernel_size\": [3, 3], "
                + "\"strides\": [1, 1], \"padding\": \"valid\", \"data_format\": \"channels_last\", \"dilation_rate\": [1, 1], "
                + "\"groups\": 1, \"activation\": \"relu\", \"use_bias\": true, \"kernel_initializer\": {\"module\": "
                + "\"keras.initializers\", \"class_name\": \"GlorotUniform\", \"config\": {\"seed\": null}, \"registered_name\": null}, "
                + "\"bias_initializer\": {\"module\": \"keras.initializers\", \"class_name\": \"Zeros\", \"config\": {}, "
                + "\"registered_name\": null}, \"kernel_regularizer\": null, \"bias_regularizer\": null, \"activity_regularizer\": null, "
                + "\"kernel_constraint\": null, \"bias_constraint\": null}";
        Layer l = io.jkeras.saving.SavingRegistry.fromConfig("Conv2D", io.jkeras.saving.Config.of(io.jkeras.saving.Json.read(json)));
        assertThat(l).isInstanceOf(Conv2D.class);
        assertThat(l.name()).isEqualTo("conv2d_7");
        assertThat(l.apply(Input.shape(28, 28, 1)).shape()).isEqualTo(Shape.of(null, 26, 26, 32));
        assertThat(l.getConfig()).containsEntry("activation", "relu").containsEntry("kernel_size", List.of(3, 3));
    }

    @Test
    void errorsAreKerasMessages() {
        assertThatThrownBy(() -> new Conv2D(0, 3))
                .hasMessage("Invalid value for argument `filters`. Expected a strictly positive value. Received filters=0.");
        assertThatThrownBy(() -> new Conv2D(4, 3, 3, 3)).hasMessageContaining("The `kernel_size` argument must be a tuple of 2 integers");
        assertThatThrownBy(() -> new Conv2D(4, 3).padding("causal")).hasMessageContaining("Received: padding=causal");

        Conv2D big = new Conv2D(4, 5).name("conv_big");
        assertThatThrownBy(() -> big.apply(Input.shape(3, 3, 1)))
                .hasMessageContaining("Layer \"conv_big\"").hasMessageContaining("the output would have a non-positive dimension")
                .hasMessageContaining("inputs shape=(None, 3, 3, 1), kernel shape=(5, 5, 1, 4)");

        Conv2D rank3 = new Conv2D(4, 3).name("conv_rank3");
        assertThatThrownBy(() -> rank3.apply(Nd4j.rand(DataType.FLOAT, 2, 28, 28)))
                .hasMessage("Input 0 of layer \"conv_rank3\" is incompatible with the layer: expected ndim=4, found ndim=3. Full shape received: (None, 28, 28)");

        Conv2D built = new Conv2D(4, 3).name("conv_built");
        built.apply(Input.shape(8, 8, 3));
        assertThatThrownBy(() -> built.apply(Input.shape(8, 8, 1)))
                .hasMessage("Input 0 of layer \"conv_built\" is incompatible with the layer: expected axis -1 of input shape to have value 3, but received input with shape (None, 8, 8, 1)");

        assertThatThrownBy(() -> new Conv2D(4, 3).groups(3)).hasMessageContaining("The number of filters must be evenly divisible by the number of groups");
        assertThatThrownBy(() -> new Conv2D(4, 3).groups(2).apply(Input.shape(8, 8, 3)))
                .hasMessageContaining("The number of input channels must be evenly divisible by the number of groups");
        assertThatThrownBy(() -> new Conv2D(4, 3).strides(2).dilationRate(2).apply(Input.shape(8, 8, 3)))
                .hasMessageContaining("`strides > 1` not supported in conjunction with `dilation_rate > 1`");
    }
}
