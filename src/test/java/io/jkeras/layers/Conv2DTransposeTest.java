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

class Conv2DTransposeTest {
    @Test
    void harness() {
        LayerHarness.of(() -> new Conv2DTranspose(16, 3)).inputs(Shape.of(8, 8, 8))
                .outputs(Shape.of(null, 10, 10, 16)).weights("kernel (3, 3, 16, 8)", "bias (16,)").run();
        LayerHarness.of(() -> new Conv2DTranspose(4, 3).strides(2).padding("same").activation("relu")).inputs(Shape.of(5, 4, 3))
                .outputs(Shape.of(null, 10, 8, 4)).weights("kernel (3, 3, 4, 3)", "bias (4,)").run();
        LayerHarness.of(() -> new Conv2DTranspose(3, 3, 2).strides(2).outputPadding(1, 0).useBias(false)).inputs(Shape.of(4, 5, 2))
                .outputs(Shape.of(null, 10, 10, 3)).weights("kernel (3, 2, 3, 2)").run();
        LayerHarness.of(() -> new Conv2DTranspose(3, 2).dilationRate(2).dataFormat("channels_first")).inputs(Shape.of(2, 4, 5))
                .outputs(Shape.of(null, 3, 6, 7)).weights("kernel (2, 2, 3, 2)", "bias (3,)").run();
        // every initializer, regularizer and constraint survives the config round trip
        LayerHarness.of(() -> new Conv2DTranspose(2, 3).kernelInitializer("he_normal").biasInitializer("ones")
                .kernelRegularizer("l2").biasRegularizer("l1").kernelConstraint("max_norm").biasConstraint("non_neg"))
                .inputs(Shape.of(3, 3, 2)).outputs(Shape.of(null, 5, 5, 2)).run();
    }

    @Test
    void regularizersAddToTheLoss() {
        Conv2DTranspose t = new Conv2DTranspose(2, 3).kernelRegularizer("l2");
        t.apply(Input.shape(3, 3, 2));
        double expected = 0.01 * t.kernel.value().castTo(DataType.DOUBLE).norm2Number().doubleValue() * t.kernel.value().castTo(DataType.DOUBLE).norm2Number().doubleValue();
        assertThat(t.regularizationLoss()).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-6));
    }

    /** Keras: Conv2DTranspose(16, 3) on 8 channels has 3*3*16*8 + 16 = 1,168 parameters. */
    @Test
    void paramCountAsKeras() {
        Conv2DTranspose t = new Conv2DTranspose(16, 3);
        assertThat(t.apply(Input.shape(8, 8, 8)).shape().toString()).isEqualTo("(None, 10, 10, 16)");
        assertThat(t.countParams()).isEqualTo(1_168);
        // the docstring example of Keras: (4, 10, 8, 128) through Conv2DTranspose(32, 2, 2) → (4, 20, 16, 32)
        assertThat(new Conv2DTranspose(32, 2).strides(2).apply(Input.shape(10, 8, 128)).shape().toString())
                .isEqualTo("(None, 20, 16, 32)");
    }

    /** Keras's deconv_output_length, case by case, against sizes worked out by hand from its formula. */
    @Test
    void outputSizesAsKeras() {
        // valid: (n-1)*s + max(k, s); with output_padding: (n-1)*s + k + op
        assertThat(size(new Conv2DTranspose(1, 3), 5)).isEqualTo(7);
        assertThat(size(new Conv2DTranspose(1, 2).strides(3), 5)).isEqualTo(15);
        assertThat(size(new Conv2DTranspose(1, 3).strides(2).outputPadding(1), 5)).isEqualTo(12);
        assertThat(size(new Conv2DTranspose(1, 3).strides(2).outputPadding(0), 5)).isEqualTo(11);
        assertThat(size(new Conv2DTranspose(1, 3).dilationRate(2), 5)).isEqualTo(9);
        // same: n*s; with output_padding: (n-1)*s + k%2 + op
        assertThat(size(new Conv2DTranspose(1, 3).strides(2).padding("same"), 5)).isEqualTo(10);
        assertThat(size(new Conv2DTranspose(1, 4).strides(2).padding("same").outputPadding(1), 5)).isEqualTo(9);
        assertThat(size(new Conv2DTranspose(1, 3).strides(3).padding("same").outputPadding(2), 5)).isEqualTo(15);
    }

    private static int size(Conv2DTranspose t, int n) {
        return t.apply(Input.shape(n, n, 1)).shape().get(1);
    }

    @Test
    @ExtendWith(Float64.class)
    void matchesDirectTransposedConvolutionInFloat64() {
        matchesDirectTransposedConvolution();
    }

    /** float32 runs on oneDNN, float64 on ND4J's own kernels: both are checked. */
    @Test
    void matchesDirectTransposedConvolution() {
        checkValues(() -> new Conv2DTranspose(3, 3), 4, 5, 2, "valid", new int[]{1, 1}, new int[]{1, 1}, null);
        checkValues(() -> new Conv2DTranspose(3, 3).strides(2), 4, 5, 2, "valid", new int[]{2, 2}, new int[]{1, 1}, null);
        checkValues(() -> new Conv2DTranspose(3, 2).strides(3, 2), 3, 4, 2, "valid", new int[]{3, 2}, new int[]{1, 1}, null);
        checkValues(() -> new Conv2DTranspose(2, 3).strides(2).outputPadding(1), 3, 4, 3, "valid", new int[]{2, 2}, new int[]{1, 1}, new int[]{1, 1});
        checkValues(() -> new Conv2DTranspose(2, 3).strides(2).padding("same"), 4, 3, 2, "same", new int[]{2, 2}, new int[]{1, 1}, null);
        checkValues(() -> new Conv2DTranspose(2, 4, 3).padding("same"), 4, 5, 2, "same", new int[]{1, 1}, new int[]{1, 1}, null);
        checkValues(() -> new Conv2DTranspose(2, 4).strides(2).padding("same").outputPadding(1, 0), 3, 4, 2, "same",
                new int[]{2, 2}, new int[]{1, 1}, new int[]{1, 0});
        checkValues(() -> new Conv2DTranspose(2, 1).strides(3).padding("same"), 3, 3, 2, "same", new int[]{3, 3}, new int[]{1, 1}, null);
        checkValues(() -> new Conv2DTranspose(2, 3).dilationRate(2, 1), 4, 4, 2, "valid", new int[]{1, 1}, new int[]{2, 1}, null);
        checkValues(() -> new Conv2DTranspose(2, 3).dilationRate(2).padding("same"), 4, 5, 2, "same", new int[]{1, 1}, new int[]{2, 2}, null);
    }

    private static void checkValues(Supplier<Conv2DTranspose> make, int h, int w, int c, String padding, int[] s, int[] d, int[] op) {
        INDArray x = Nd4j.rand(Keras.dataType(Keras.floatx()), 2, h, w, c).subi(0.5);
        double eps = x.dataType() == DataType.DOUBLE ? 1e-10 : 1e-5;
        Conv2DTranspose layer = make.get();
        layer.apply(x);
        layer.bias.value().assign(Nd4j.rand(x.dataType(), layer.filters()).subi(0.5)); // a non-zero bias is checked too
        INDArray expected = ConvTransposeReference.convTranspose(x.castTo(DataType.DOUBLE), layer.kernel.value().castTo(DataType.DOUBLE),
                layer.bias.value().castTo(DataType.DOUBLE), s, d, padding, op).castTo(x.dataType());
        INDArray got = layer.apply(x);
        assertThat(got.shape()).as("shape %s", layer.getConfig()).isEqualTo(expected.shape());
        assertThat(got.equalsWithEps(expected, eps)).as("%s", layer.getConfig()).isTrue();

        // channels_first: the same numbers with the channel axis moved, and the same (kh, kw, out, in) kernel
        Conv2DTranspose first = make.get().dataFormat("channels_first");
        INDArray xf = x.permute(0, 3, 1, 2).dup();
        first.apply(xf);
        first.setWeights(layer.getWeights());
        assertThat(first.apply(xf).equalsWithEps(expected.permute(0, 3, 1, 2), eps)).as("channels_first").isTrue();
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 4, 2).subi(0.5);
        GradientCheck.create().check(new Conv2DTranspose(3, 3).activation("tanh"), x);
        GradientCheck.create().check(new Conv2DTranspose(3, 3).strides(2).padding("same"), x);
        GradientCheck.create().check(new Conv2DTranspose(2, 3).padding("same"), x); // ND4J's explicit padding 1
        GradientCheck.create().check(new Conv2DTranspose(2, 3).strides(2).outputPadding(1), x);
        GradientCheck.create().check(new Conv2DTranspose(2, 2).strides(3), x);
        GradientCheck.create().check(new Conv2DTranspose(3, 3, 2).dilationRate(2, 1).useBias(false), x);
        GradientCheck.create().check(new Conv2DTranspose(2, 4).strides(2).padding("same").outputPadding(1).dataFormat("channels_first"),
                Nd4j.rand(DataType.DOUBLE, 2, 2, 3, 3).subi(0.5));
    }

    /** The float32 backward (oneDNN's deconv2d_bp) agrees with float64's: the gradient check only sees float64. */
    @Test
    void float32GradientsAgreeWithFloat64() {
        ConvTesting.float32MatchesFloat64(() -> new Conv2DTranspose(3, 3).strides(2).padding("same"), 2, 4, 5, 3);
        ConvTesting.float32MatchesFloat64(() -> new Conv2DTranspose(3, 5).padding("same"), 2, 4, 5, 3);
        ConvTesting.float32MatchesFloat64(() -> new Conv2DTranspose(3, 3).dilationRate(2).outputPadding(0), 2, 4, 5, 3);
        ConvTesting.float32MatchesFloat64(() -> new Conv2DTranspose(3, 2).strides(3), 2, 4, 5, 3);
    }

    @Test
    void configUsesKerasKeys() {
        Conv2DTranspose c = new Conv2DTranspose(8, 3).strides(2).padding("same").activation("relu");
        assertThat(c.getConfig()).containsEntry("filters", 8).containsEntry("kernel_size", List.of(3, 3))
                .containsEntry("strides", List.of(2, 2)).containsEntry("padding", "same")
                .containsEntry("data_format", "channels_last").containsEntry("dilation_rate", List.of(1, 1))
                .containsEntry("activation", "relu").containsEntry("use_bias", true)
                .doesNotContainKey("output_padding").doesNotContainKey("groups");
        assertThat(new Conv2DTranspose(8, 3).strides(2).outputPadding(1).getConfig()).containsEntry("output_padding", List.of(1, 1));
    }

    /** A config as tf.keras 2 writes it (groups and output_padding keys) reads back. */
    @Test
    void readsATfKerasConfig() {
        String json = "{\"name\": \"up\", \"trainable\": true, \"dtype\": \"float32\", \"filters\": 4, \"kernel_size\": [3, 3], "
                + "\"strides\": [2, 2], \"padding\": \"same\", \"data_format\": \"channels_last\", \"dilation_rate\": [1, 1], "
                + "\"groups\": 1, \"activation\": \"relu\", \"use_bias\": true, \"kernel_initializer\": {\"class_name\": "
                + "\"GlorotUniform\", \"config\": {\"seed\": null}}, \"bias_initializer\": {\"class_name\": \"Zeros\", \"config\": {}}, "
                + "\"kernel_regularizer\": null, \"bias_regularizer\": null, \"activity_regularizer\": null, "
                + "\"kernel_constraint\": null, \"bias_constraint\": null, \"output_padding\": [1, 1]}";
        Layer l = SavingRegistry.fromConfig("Conv2DTranspose", Config.of(Json.read(json)));
        assertThat(l).isInstanceOf(Conv2DTranspose.class);
        assertThat(l.name()).isEqualTo("up");
        assertThat(l.apply(Input.shape(5, 5, 2)).shape()).isEqualTo(Shape.of(null, 10, 10, 4)); // (5-1)*2 + 3%2 + 1
    }

    @Test
    void errorsAreKerasMessages() {
        assertThatThrownBy(() -> new Conv2DTranspose(0, 3))
                .hasMessage("Invalid value for argument `filters`. Expected a strictly positive value. Received filters=0.");
        assertThatThrownBy(() -> new Conv2DTranspose(4, 3, 3, 3)).hasMessageContaining("The `kernel_size` argument must be a tuple of 2 integers");
        assertThatThrownBy(() -> new Conv2DTranspose(4, 3).padding("causal")).hasMessageContaining("Received: padding=causal");
        assertThatThrownBy(() -> new Conv2DTranspose(4, 3).strides(2).outputPadding(2).apply(Input.shape(8, 8, 3)))
                .hasMessage("`output_padding` must be < `strides`. output_padding=(2, 2), strides=(2, 2)");
        assertThatThrownBy(() -> new Conv2DTranspose(4, 3).strides(2).dilationRate(2).apply(Input.shape(8, 8, 3)))
                .hasMessageContaining("`strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: strides=(2, 2) and dilation_rate=(2, 2)");

        Conv2DTranspose rank3 = new Conv2DTranspose(4, 3).name("up_rank3");
        assertThatThrownBy(() -> rank3.apply(Nd4j.rand(DataType.FLOAT, 2, 28, 28)))
                .hasMessage("Input 0 of layer \"up_rank3\" is incompatible with the layer: expected ndim=4, found ndim=3. Full shape received: (None, 28, 28)");
        Conv2DTranspose built = new Conv2DTranspose(4, 3).name("up_built");
        built.apply(Input.shape(8, 8, 3));
        assertThatThrownBy(() -> built.apply(Nd4j.rand(DataType.FLOAT, 2, 8, 8, 1)))
                .hasMessage("Input 0 of layer \"up_built\" is incompatible with the layer: expected axis -1 of input shape to have value 3, but received input with shape (None, 8, 8, 1)");
        assertThatThrownBy(() -> new Conv2DTranspose(4, 2).padding("same").outputPadding(0).apply(Input.shape(1, 1, 3)))
                .hasMessageContaining("computed output size would be negative or zero").hasMessageContaining("inputs shape=(None, 1, 1, 3)");
    }
}
