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

class SeparableConv2DTest {
    @Test
    void harness() {
        LayerHarness.of(() -> new SeparableConv2D(16, 3)).inputs(Shape.of(8, 8, 8)).outputs(Shape.of(null, 6, 6, 16))
                .weights("depthwise_kernel (3, 3, 8, 1)", "pointwise_kernel (1, 1, 8, 16)", "bias (16,)").run();
        LayerHarness.of(() -> new SeparableConv2D(4, 3).depthMultiplier(2).strides(2).padding("same").activation("relu"))
                .inputs(Shape.of(7, 8, 3)).outputs(Shape.of(null, 4, 4, 4))
                .weights("depthwise_kernel (3, 3, 3, 2)", "pointwise_kernel (1, 1, 6, 4)", "bias (4,)").run();
        LayerHarness.of(() -> new SeparableConv2D(3, 3, 2).dilationRate(2).useBias(false)).inputs(Shape.of(7, 6, 2))
                .outputs(Shape.of(null, 3, 4, 3)).weights("depthwise_kernel (3, 2, 2, 1)", "pointwise_kernel (1, 1, 2, 3)").run();
        LayerHarness.of(() -> new SeparableConv2D(5, 2).dataFormat("channels_first")).inputs(Shape.of(2, 5, 4))
                .outputs(Shape.of(null, 5, 4, 3)).run();
        LayerHarness.of(() -> new SeparableConv2D(3, 3).depthwiseInitializer("he_normal").pointwiseInitializer("ones")
                .biasInitializer("ones").depthwiseRegularizer("l2").pointwiseRegularizer("l1").biasRegularizer("l2")
                .depthwiseConstraint("max_norm").pointwiseConstraint("non_neg").biasConstraint("unit_norm"))
                .inputs(Shape.of(4, 4, 2)).outputs(Shape.of(null, 2, 2, 3)).run();
    }

    /** Keras: SeparableConv2D(16, 3) on 8 channels has 3*3*8 + 8*16 + 16 = 216 parameters. */
    @Test
    void paramCountAsKeras() {
        SeparableConv2D s = new SeparableConv2D(16, 3);
        assertThat(s.apply(Input.shape(28, 28, 8)).shape().toString()).isEqualTo("(None, 26, 26, 16)");
        assertThat(s.countParams()).isEqualTo(216);
    }

    @Test
    @ExtendWith(Float64.class)
    void matchesDirectSeparableConvolutionInFloat64() {
        matchesDirectSeparableConvolution();
    }

    @Test
    void matchesDirectSeparableConvolution() {
        checkValues(() -> new SeparableConv2D(4, 3), 5, 6, 3, "valid", new int[]{1, 1}, new int[]{1, 1});
        checkValues(() -> new SeparableConv2D(3, 3).depthMultiplier(2).strides(2).padding("same"), 6, 7, 2, "same",
                new int[]{2, 2}, new int[]{1, 1});
        checkValues(() -> new SeparableConv2D(2, 3).dilationRate(2, 1).padding("same"), 6, 5, 3, "same", new int[]{1, 1}, new int[]{2, 1});
    }

    private static void checkValues(Supplier<SeparableConv2D> make, int h, int w, int c, String padding, int[] s, int[] d) {
        INDArray x = Nd4j.rand(Keras.dataType(Keras.floatx()), 2, h, w, c).subi(0.5);
        double eps = x.dataType() == DataType.DOUBLE ? 1e-10 : 1e-5;
        SeparableConv2D layer = make.get();
        layer.apply(x);
        layer.bias.value().assign(Nd4j.rand(x.dataType(), layer.bias.value().shape()).subi(0.5));
        INDArray expected = DepthwiseReference.separable(x.castTo(DataType.DOUBLE), layer.depthwiseKernel.value().castTo(DataType.DOUBLE),
                layer.pointwiseKernel.value().castTo(DataType.DOUBLE), layer.bias.value().castTo(DataType.DOUBLE), s, d, padding)
                .castTo(x.dataType());
        INDArray got = layer.apply(x);
        assertThat(got.shape()).as("shape %s", layer.getConfig()).isEqualTo(expected.shape());
        assertThat(got.equalsWithEps(expected, eps)).as("%s", layer.getConfig()).isTrue();

        SeparableConv2D first = make.get().dataFormat("channels_first");
        INDArray xf = x.permute(0, 3, 1, 2).dup();
        first.apply(xf);
        first.setWeights(layer.getWeights());
        assertThat(first.apply(xf).equalsWithEps(expected.permute(0, 3, 1, 2), eps)).as("channels_first").isTrue();
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 5, 5, 2).subi(0.5);
        GradientCheck.create().check(new SeparableConv2D(3, 3).activation("tanh"), x);
        GradientCheck.create().check(new SeparableConv2D(3, 2).depthMultiplier(2).strides(2).padding("same"), x);
        GradientCheck.create().check(new SeparableConv2D(2, 3, 2).dilationRate(2, 1).useBias(false), x);
        GradientCheck.create().check(new SeparableConv2D(2, 3).dataFormat("channels_first").padding("same"),
                Nd4j.rand(DataType.DOUBLE, 2, 2, 4, 5).subi(0.5));
    }

    @Test
    void float32GradientsAgreeWithFloat64() {
        ConvTesting.float32MatchesFloat64(() -> new SeparableConv2D(5, 3).padding("same"), 2, 6, 5, 4);
        ConvTesting.float32MatchesFloat64(() -> new SeparableConv2D(5, 3).dilationRate(2).depthMultiplier(2), 2, 6, 5, 4);
    }

    @Test
    void configUsesKerasKeys() {
        SeparableConv2D s = new SeparableConv2D(8, 3).depthMultiplier(2).padding("same").pointwiseRegularizer("l2");
        assertThat(s.getConfig()).containsEntry("depth_multiplier", 2).containsEntry("filters", 8)
                .containsEntry("kernel_size", List.of(3, 3)).containsEntry("padding", "same")
                .containsKeys("depthwise_initializer", "pointwise_initializer", "bias_initializer", "depthwise_regularizer",
                        "pointwise_regularizer", "bias_regularizer", "depthwise_constraint", "pointwise_constraint", "bias_constraint")
                .doesNotContainKey("kernel_initializer");
        assertThat(s.getConfig().get("pointwise_regularizer")).isNotNull();
        assertThat(List.copyOf(s.getConfig().keySet()).subList(3, 6)).containsExactly("depth_multiplier", "filters", "kernel_size");
    }

    /** A config as Keras 3 writes it reads back. */
    @Test
    void readsAKeras3Config() {
        String json = "{\"name\": \"sep\", \"trainable\": true, \"dtype\": \"float32\", \"depth_multiplier\": 1, \"filters\": 6, "
                + "\"kernel_size\": [3, 3], \"strides\": [1, 1], \"padding\": \"valid\", \"data_format\": \"channels_last\", "
                + "\"dilation_rate\": [1, 1], \"activation\": \"linear\", \"use_bias\": true, "
                + "\"depthwise_initializer\": {\"class_name\": \"GlorotUniform\", \"config\": {\"seed\": null}}, "
                + "\"pointwise_initializer\": {\"class_name\": \"GlorotUniform\", \"config\": {\"seed\": null}}, "
                + "\"bias_initializer\": {\"class_name\": \"Zeros\", \"config\": {}}, \"depthwise_regularizer\": null, "
                + "\"pointwise_regularizer\": null, \"bias_regularizer\": null, \"activity_regularizer\": null, "
                + "\"depthwise_constraint\": null, \"pointwise_constraint\": null, \"bias_constraint\": null}";
        Layer l = SavingRegistry.fromConfig("SeparableConv2D", Config.of(Json.read(json)));
        assertThat(l).isInstanceOf(SeparableConv2D.class);
        assertThat(l.apply(Input.shape(8, 8, 3)).shape()).isEqualTo(Shape.of(null, 6, 6, 6));
        assertThat(l.countParams()).isEqualTo(3 * 3 * 3 + 3 * 6 + 6);
    }

    @Test
    void errorsAreKerasMessages() {
        assertThatThrownBy(() -> new SeparableConv2D(0, 3))
                .hasMessage("Invalid value for argument `filters`. Expected a strictly positive value. Received filters=0.");
        assertThatThrownBy(() -> new SeparableConv2D(4, 3).depthMultiplier(-1))
                .hasMessage("Invalid value for argument `depth_multiplier`. Expected a strictly positive value. Received depth_multiplier=-1.");
        SeparableConv2D big = new SeparableConv2D(4, 5).name("sep_big");
        assertThatThrownBy(() -> big.apply(Input.shape(4, 8, 2)))
                .hasMessageContaining("Layer \"sep_big\"").hasMessageContaining("computed output size would be negative or zero")
                .hasMessageContaining("inputs shape=(None, 4, 8, 2), kernel shape=(5, 5, 2, 1)");
        SeparableConv2D built = new SeparableConv2D(4, 3).name("sep_built");
        built.apply(Input.shape(8, 8, 3));
        assertThatThrownBy(() -> built.apply(Nd4j.rand(DataType.FLOAT, 1, 8, 8, 2)))
                .hasMessage("Input 0 of layer \"sep_built\" is incompatible with the layer: expected axis -1 of input shape to have value 3, but received input with shape (None, 8, 8, 2)");
        SeparableConv2D rank5 = new SeparableConv2D(4, 3).name("sep_rank5");
        assertThatThrownBy(() -> rank5.apply(Input.shape(8, 8, 8, 3)))
                .hasMessage("Input 0 of layer \"sep_rank5\" is incompatible with the layer: expected ndim=4, found ndim=5. Full shape received: (None, 8, 8, 8, 3)");
    }
}
