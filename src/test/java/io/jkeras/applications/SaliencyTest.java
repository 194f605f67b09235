package io.jkeras.applications;

import io.jkeras.Input;
import io.jkeras.KerasTensor;
import io.jkeras.Keras;
import io.jkeras.Shape;
import io.jkeras.layers.Conv2D;
import io.jkeras.layers.Dense;
import io.jkeras.layers.Flatten;
import io.jkeras.layers.GlobalAveragePooling2D;
import io.jkeras.models.Model;
import io.jkeras.utils.ImageUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Vanilla saliency against central differences of the class score (float64), and Grad-CAM against the closed form
 * it has on a convolution followed by global average pooling and a Dense layer (Zhou et al.'s CAM): there
 * d logit_c / d A_ijk = W[k, c] / (h w), so the channel weights are W[:, c] / (h w).
 */
class SaliencyTest {
    @TempDir
    Path dir;

    /** A tiny CNN ending in {@code activation} (float64 while the test sets floatx); the Dense layer is named "top". */
    static Model tinyCnn(String activation) {
        KerasTensor in = Input.shape(Shape.of(6, 5, 2), "image");
        KerasTensor h = new Conv2D(3, 3, 3).activation("tanh").padding("same").name("conv").apply(in);
        h = new Flatten().apply(h);
        return new Model(in, new Dense(4).activation(activation).name("top").apply(h));
    }

    /** Central differences of output {@code c} of {@code m} with respect to every pixel of {@code x}. */
    static INDArray centralDifferences(Model m, INDArray x, int c) {
        double eps = 1e-6;
        INDArray flat = x.dup('c').reshape(x.length());
        INDArray g = Nd4j.zeros(DataType.DOUBLE, x.length());
        for (long i = 0; i < flat.length(); i++) {
            double v = flat.getDouble(i);
            flat.putScalar(i, v + eps);
            double up = m.predict(flat.reshape('c', x.shape())).getDouble(0, c);
            flat.putScalar(i, v - eps);
            double down = m.predict(flat.reshape('c', x.shape())).getDouble(0, c);
            flat.putScalar(i, v);
            g.putScalar(i, (up - down) / (2 * eps));
        }
        return g.reshape('c', x.shape());
    }

    @Test
    void vanillaSaliencyIsTheGradientOfTheClassScore() {
        Keras.setRandomSeed(7);
        Keras.setFloatx("float64");
        Model softmax;
        Model linear;
        try {
            softmax = tinyCnn("softmax");
            linear = tinyCnn("linear");
        } finally {
            Keras.setFloatx("float32");
        }
        linear.setWeights(softmax.getWeights()); // the same network, without its softmax: its outputs are the logits
        INDArray x = Nd4j.rand(DataType.DOUBLE, 1, 6, 5, 2).subi(0.5);
        for (int c = 0; c < 4; c++) {
            INDArray ours = Saliency.vanilla(softmax, x, c);
            INDArray fd = centralDifferences(linear, x, c);
            assertThat(ours.shape()).containsExactly(1, 6, 5, 2);
            assertThat(ours.sub(fd).amaxNumber().doubleValue()).as("class %d, pre-softmax", c).isLessThan(1e-7);
            assertThat(fd.amaxNumber().doubleValue()).isGreaterThan(1e-3);
        }
        // The probability itself, when asked.
        INDArray post = Saliency.vanilla(softmax, x.reshape(6, 5, 2), 2, false);
        assertThat(post.shape()).containsExactly(6, 5, 2);
        assertThat(post.sub(centralDifferences(softmax, x, 2).reshape(6, 5, 2)).amaxNumber().doubleValue()).isLessThan(1e-7);
        // Nothing is left in the weights' gradient buffers.
        assertThat(softmax.weights()).allSatisfy(v -> assertThat(v.grad() == null || v.grad().amaxNumber().doubleValue() == 0).isTrue());

        INDArray map = Saliency.map(Saliency.vanilla(softmax, x, 1));
        assertThat(map.shape()).containsExactly(6, 5);
        assertThat(map.maxNumber().doubleValue()).isCloseTo(1.0, within(1e-6));
        assertThat(map.minNumber().doubleValue()).isCloseTo(0.0, within(1e-6));
        assertThatThrownBy(() -> Saliency.vanilla(softmax, x, 4)).hasMessageContaining("outside the valid range of [0, 4)");
    }

    @Test
    void gradCamEqualsTheClosedFormOnAGapModel() throws Exception {
        Keras.setRandomSeed(11);
        KerasTensor in = Input.shape(8, 8, 3);
        KerasTensor a = new Conv2D(4, 3, 3).activation("relu").padding("same").name("conv").apply(in);
        Model m = new Model(in, new Dense(3).activation("softmax").name("top").apply(new GlobalAveragePooling2D().apply(a)));
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 8, 8, 3);
        INDArray acts = new Model(in, a).predict(x);        // (1, 8, 8, 4)
        INDArray kernel = m.getLayer("top").weights().get(0).value(); // (4, 3)
        for (int c = 0; c < 3; c++) {
            INDArray cam = GradCam.heatmap(m, x, c, "conv");
            assertThat(cam.shape()).containsExactly(8, 8);
            double[][] expected = new double[8][8];
            double max = 0;
            for (int i = 0; i < 8; i++) {
                for (int j = 0; j < 8; j++) {
                    double s = 0;
                    for (int k = 0; k < 4; k++) s += kernel.getDouble(k, c) / 64.0 * acts.getDouble(0, i, j, k);
                    expected[i][j] = Math.max(0, s);
                    max = Math.max(max, expected[i][j]);
                }
            }
            for (int i = 0; i < 8; i++) {
                for (int j = 0; j < 8; j++) {
                    assertThat(cam.getDouble(i, j)).as("class %d at (%d, %d)", c, i, j).isCloseTo(max > 0 ? expected[i][j] / max : 0, within(1e-5));
                }
            }
        }
        assertThatThrownBy(() -> GradCam.heatmap(m, x, 0, "top")).hasMessageContaining("needs a convolutional layer");

        // Saved as a heat map over the image: a PNG of the image's size.
        INDArray image = x.reshape(8, 8, 3).mul(255);
        Path png = dir.resolve("cam.png");
        GradCam.save(png.toString(), m, x, image, 1, "conv");
        assertThat(ImageUtils.imgToArray(ImageUtils.loadImg(png.toString())).shape()).containsExactly(8, 8, 3);
        Path sal = dir.resolve("saliency.png");
        Saliency.save(sal.toString(), m, x, image, 1);
        assertThat(ImageUtils.loadImg(sal.toString()).getWidth()).isEqualTo(8);
    }

    @Test
    void jetColormapIsMatplotlibs() {
        INDArray rgb = Heatmaps.jet(Nd4j.createFromArray(new double[][]{{0.0, 0.5, 1.0}}));
        // matplotlib: jet(0) = (0, 0, 0.5), jet(128/255) ≈ (0.49, 1, 0.48), jet(1) = (0.5, 0, 0)
        assertThat(rgb.getDouble(0, 0, 2)).isCloseTo(0.5, within(1e-6));
        assertThat(rgb.getDouble(0, 0, 0)).isCloseTo(0.0, within(1e-6));
        assertThat(rgb.getDouble(0, 1, 1)).isCloseTo(1.0, within(1e-6));
        assertThat(rgb.getDouble(0, 2, 0)).isCloseTo(0.5, within(1e-6));
        assertThat(rgb.getDouble(0, 2, 2)).isCloseTo(0.0, within(1e-6));
    }
}
