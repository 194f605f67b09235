package io.jkeras.layers;

import io.jkeras.Input;
import io.jkeras.Keras;
import io.jkeras.Shape;
import io.jkeras.saving.Config;
import io.jkeras.saving.Json;
import io.jkeras.saving.SavingRegistry;
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

class DepthwiseConv2DTest {
    @Test
    void harness() {
        LayerHarness.of(() -> new DepthwiseConv2D(3)).inputs(Shape.of(8, 8, 8))
                .outputs(Shape.of(null, 6, 6, 8)).weights("kernel (3, 3, 8, 1)", "bias (8,)").run();
        LayerHarness.of(() -> new DepthwiseConv2D(3).depthMultiplier(2).strides(2).padding("same").activation("relu"))
                .inputs(Shape.of(7, 8, 3)).outputs(Shape.of(null, 4, 4, 6)).weights("kernel (3, 3, 3, 2)", "bias (6,)").run();
        LayerHarness.of(() -> new DepthwiseConv2D(3, 2).dilationRate(2).useBias(false)).inputs(Shape.of(7, 6, 2))
                .outputs(Shape.of(null, 3, 4, 2)).weights("kernel (3, 2, 2, 1)").run();
        LayerHarness.of(() -> new DepthwiseConv2D(2).depthMultiplier(3).dataFormat("channels_first")).inputs(Shape.of(2, 5, 4))
                .outputs(Shape.of(null, 6, 4, 3)).weights("kernel (2, 2, 2, 3)", "bias (6,)").run();
        LayerHarness.of(() -> new DepthwiseConv2D(2).depthwiseInitializer("he_normal").biasInitializer("ones")
                .depthwiseRegularizer("l1").biasRegularizer("l2").depthwiseConstraint("max_norm").biasConstraint("non_neg"))
                .inputs(Shape.of(3, 3, 2)).outputs(Shape.of(null, 2, 2, 2)).run();
    }

    /** Keras: DepthwiseConv2D(3) on 8 channels has 3*3*8 + 8 = 80 parameters. */
    @Test
    void paramCountAsKeras() {
        DepthwiseConv2D d = new DepthwiseConv2D(3);
        assertThat(d.apply(Input.shape(28, 28, 8)).shape().toString()).isEqualTo("(None, 26, 26, 8)");
        assertThat(d.countParams()).isEqualTo(80);
        // Keras's own test case: depth_multiplier 5, kernel 2 on (5, 5, 4) → (4, 4, 20)
        assertThat(new DepthwiseConv2D(2).depthMultiplier(5).apply(Input.shape(5, 5, 4)).shape().toString()).isEqualTo("(None, 4, 4, 20)");
    }

    @Test
    @ExtendWith(Float64.class)
    void matchesDirectDepthwiseConvolutionInFloat64() {
        matchesDirectDepthwiseConvolution();
    }

    /** float32 with depth_multiplier 1 runs on oneDNN, the rest on ND4J's own kernels: all are checked. */
    @Test
    void matchesDirectDepthwiseConvolution() {
        checkValues(() -> new DepthwiseConv2D(3), 5, 6, 3, "valid", new int[]{1, 1}, new int[]{1, 1});
        checkValues(() -> new DepthwiseConv2D(3).depthMultiplier(2), 5, 6, 3, "valid", new int[]{1, 1}, new int[]{1, 1});
        checkValues(() -> new DepthwiseConv2D(3, 2).strides(2).padding("same"), 6, 7, 2, "same", new int[]{2, 2}, new int[]{1, 1});
        checkValues(() -> new DepthwiseConv2D(2).strides(2, 1).padding("same").depthMultiplier(3), 5, 4, 2, "same", new int[]{2, 1}, new int[]{1, 1});
        checkValues(() -> new DepthwiseConv2D(3).dilationRate(2), 7, 6, 2, "valid", new int[]{1, 1}, new int[]{2, 2});
        checkValues(() -> new DepthwiseConv2D(3).dilationRate(2, 1).padding("same").depthMultiplier(2), 6, 5, 2, "same",
                new int[]{1, 1}, new int[]{2, 1});
    }

    private static void checkValues(Supplier<DepthwiseConv2D> make, int h, int w, int c, String padding, int[] s, int[] d) {
        INDArray x = Nd4j.rand(Keras.dataType(Keras.floatx()), 2, h, w, c).subi(0.5);
        double eps = x.dataType() == DataType.DOUBLE ? 1e-10 : 1e-5;
        DepthwiseConv2D layer = make.get();
        layer.apply(x);
        layer.bias.value().assign(Nd4j.rand(x.dataType(), layer.bias.value().shape()).subi(0.5));
        INDArray expected = DepthwiseReference.depthwise(x.castTo(DataType.DOUBLE), layer.depthwiseKernel.value().castTo(DataType.DOUBLE),
                layer.bias.value().castTo(DataType.DOUBLE), s, d, padding).castTo(x.dataType());
        INDArray got = layer.apply(x);
        assertThat(got.shape()).as("shape %s", layer.getConfig()).isEqualTo(expected.shape());
        assertThat(got.equalsWithEps(expected, eps)).as("%s", layer.getConfig()).isTrue();

        DepthwiseConv2D first = make.get().dataFormat("channels_first");
        INDArray xf = x.permute(0, 3, 1, 2).dup();
        first.apply(xf);
        first.setWeights(layer.getWeights());
        assertThat(first.apply(xf).equalsWithEps(expected.permute(0, 3, 1, 2), eps)).as("channels_first").isTrue();
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 5, 5, 2).subi(0.5);
        GradientCheck.create().check(new DepthwiseConv2D(3).activation("tanh"), x);
        GradientCheck.create().check(new DepthwiseConv2D(2).depthMultiplier(2).strides(2).padding("same"), x);
        GradientCheck.create().check(new DepthwiseConv2D(3, 2).dilationRate(2, 1).useBias(false), x);
        GradientCheck.create().check(new DepthwiseConv2D(3).depthMultiplier(3).dataFormat("channels_first").padding("same"),
                Nd4j.rand(DataType.DOUBLE, 2, 2, 4, 5).subi(0.5));
    }

    /** The float32 backward (oneDNN's for depth_multiplier 1) agrees with float64's. */
    @Test
    void float32GradientsAgreeWithFloat64() {
        ConvTesting.float32MatchesFloat64(() -> new DepthwiseConv2D(3).padding("same"), 2, 6, 5, 4);
        ConvTesting.float32MatchesFloat64(() -> new DepthwiseConv2D(3).strides(2), 2, 6, 5, 4);
        ConvTesting.float32MatchesFloat64(() -> new DepthwiseConv2D(3).dilationRate(2).depthMultiplier(2), 2, 6, 5, 4);
    }

    @Test
    void configUsesKerasKeys() {
        DepthwiseConv2D d = new DepthwiseConv2D(3).depthMultiplier(2).strides(2).padding("same").activation("relu");
        assertThat(d.getConfig()).containsEntry("depth_multiplier", 2).containsEntry("kernel_size", List.of(3, 3))
                .containsEntry("strides", List.of(2, 2)).containsEntry("padding", "same")
                .containsEntry("data_format", "channels_last").containsEntry("dilation_rate", List.of(1, 1))
                .containsEntry("activation", "relu").containsEntry("use_bias", true)
                .containsKeys("depthwise_initializer", "depthwise_regularizer", "depthwise_constraint", "bias_initializer")
                .doesNotContainKeys("filters", "kernel_initializer", "pointwise_initializer");
    }

    /** A config as Keras 3 writes it reads back. */
    @Test
    void readsAKeras3Config() {
        String json = "{\"name\": \"dw\", \"trainable\": true, \"dtype\": {\"module\": \"keras\", \"class_name\": \"DTypePolicy\", "
                + "\"config\": {\"name\": \"float32\"}, \"registered_name\": null}, \"depth_multiplier\": 2, \"kernel_size\": [3, 3], "
                + "\"strides\": [1, 1], \"padding\": \"same\", \"data_format\": \"channels_last\", \"dilation_rate\": [1, 1], "
                + "\"activation\": \"relu6\", \"use_bias\": false, \"depthwise_initializer\": {\"module\": \"keras.initializers\", "
                + "\"class_name\": \"HeNormal\", \"config\": {\"seed\": null}, \"registered_name\": null}, \"bias_initializer\": "
                + "{\"module\": \"keras.initializers\", \"class_name\": \"Zeros\", \"config\": {}, \"registered_name\": null}, "
                + "\"depthwise_regularizer\": null, \"bias_regularizer\": null, \"activity_regularizer\": null, "
                + "\"depthwise_constraint\": null, \"bias_constraint\": null}";
        Layer l = SavingRegistry.fromConfig("DepthwiseConv2D", Config.of(Json.read(json)));
        assertThat(l).isInstanceOf(DepthwiseConv2D.class);
        assertThat(l.apply(Input.shape(8, 8, 3)).shape()).isEqualTo(Shape.of(null, 8, 8, 6));
        assertThat(l.weights()).hasSize(1);
        assertThat(l.getConfig()).containsEntry("activation", "relu6").containsEntry("use_bias", false);
    }

    @Test
    void errorsAreKerasMessages() {
        assertThatThrownBy(() -> new DepthwiseConv2D(3).depthMultiplier(0))
                .hasMessage("Invalid value for argument `depth_multiplier`. Expected a strictly positive value. Received depth_multiplier=0.");
        assertThatThrownBy(() -> new DepthwiseConv2D(1, 0)).hasMessageContaining("The `kernel_size` argument must be a tuple of 2 integers. Received kernel_size=(1, 0)");
        assertThatThrownBy(() -> new DepthwiseConv2D(2).strides(2).dilationRate(2, 1).apply(Input.shape(8, 8, 3)))
                .hasMessageContaining("`strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: strides=(2, 2) and dilation_rate=(2, 1)");

        DepthwiseConv2D big = new DepthwiseConv2D(5).name("dw_big");
        assertThatThrownBy(() -> big.apply(Input.shape(3, 3, 2)))
                .hasMessageContaining("Layer \"dw_big\"").hasMessageContaining("computed output size would be negative or zero")
                .hasMessageContaining("inputs shape=(None, 3, 3, 2), kernel shape=(5, 5, 2, 1)");
        DepthwiseConv2D rank3 = new DepthwiseConv2D(3).name("dw_rank3");
        assertThatThrownBy(() -> rank3.apply(Nd4j.rand(DataType.FLOAT, 2, 28, 28)))
                .hasMessage("Input 0 of layer \"dw_rank3\" is incompatible with the layer: expected ndim=4, found ndim=3. Full shape received: (None, 28, 28)");
        DepthwiseConv2D built = new DepthwiseConv2D(3).name("dw_built");
        built.apply(Input.shape(8, 8, 3));
        assertThatThrownBy(() -> built.apply(Input.shape(8, 8, 4)))
                .hasMessage("Input 0 of layer \"dw_built\" is incompatible with the layer: expected axis -1 of input shape to have value 3, but received input with shape (None, 8, 8, 4)");
    }
}
