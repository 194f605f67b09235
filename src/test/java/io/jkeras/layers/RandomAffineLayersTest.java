package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.saving.Config;
import io.jkeras.saving.Json;
import io.jkeras.testing.Float64;
import io.jkeras.testing.GradientCheck;
import io.jkeras.testing.LayerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RandomRotation, RandomZoom and RandomTranslation. */
class RandomAffineLayersTest {
    private static double maxDiff(INDArray a, INDArray b) {
        return Transforms.abs(a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE))).maxNumber().doubleValue();
    }

    private static INDArray train(Layer l, INDArray x) {
        return l.call(List.of(x), true).get(0);
    }

    @Test
    void harness() {
        LayerHarness.of(() -> new RandomRotation(0.2)).inputs(Shape.of(5, 6, 2)).outputs(Shape.of(null, 5, 6, 2)).weights().run();
        LayerHarness.of(() -> new RandomZoom(0.2, 0.3).fillMode("constant")).inputs(Shape.of(5, 6, 1)).run();
        LayerHarness.of(() -> RandomZoom.ofRange(-0.3, 0.1).seed(4L)).inputs(Shape.of(5, 6, 1)).run();
        LayerHarness.of(() -> new RandomTranslation(0.1, 0.2).interpolation("nearest").fillMode("wrap")).inputs(Shape.of(5, 6, 3)).run();
    }

    @Test
    void aQuarterTurnIsNumpysRot90() {
        // factor (0.25, 0.25): always +90 degrees, counter-clockwise as displayed: out[i][j] = in[j][n-1-i].
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 5, 5, 1);
        INDArray y = train(new RandomRotation(0.25, 0.25).interpolation("nearest"), x);
        for (int b = 0; b < 2; b++) for (int i = 0; i < 5; i++) for (int j = 0; j < 5; j++) {
            assertThat(y.getFloat(b, i, j, 0)).isEqualTo(x.getFloat(b, j, 4 - i, 0));
        }
    }

    @Test
    void rotationZoomAndShiftFollowKerasMatrices() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 6, 8, 2);
        // Keras's rotation matrix for angle t on an H x W image, from keras/src/layers/preprocessing/random_rotation.py
        double t = 0.1 * 2 * Math.PI, c = Math.cos(t), s = Math.sin(t), w1 = 7, h1 = 5;
        double[] rot = {c, -s, (w1 - (c * w1 - s * h1)) / 2, s, c, (h1 - (s * w1 + c * h1)) / 2};
        assertThat(maxDiff(train(new RandomRotation(0.1, 0.1), x), ImageReference.affine(x, new double[][]{rot, rot, rot}, "bilinear", "reflect", 0)))
                .isLessThan(1e-5);
        // zoom 1.5 both ways about the centre (width_factor None reuses the height zoom)
        double z = 1.5;
        double[] zoom = {z, 0, w1 / 2 * (1 - z), 0, z, h1 / 2 * (1 - z)};
        assertThat(maxDiff(train(RandomZoom.ofRange(0.5, 0.5).fillMode("constant").fillValue(-1), x),
                ImageReference.affine(x, new double[][]{zoom, zoom, zoom}, "bilinear", "constant", -1))).isLessThan(1e-5);
        // 0.5 * 6 = 3 rows down and -0.25 * 8 = 2 columns left, zeros where the image moved away
        INDArray shifted = train(new RandomTranslation(new double[]{0.5, 0.5}, new double[]{-0.25, -0.25}).fillMode("constant"), x);
        for (int b = 0; b < 3; b++) for (int i = 0; i < 6; i++) for (int j = 0; j < 8; j++) {
            double expected = i - 3 >= 0 && j + 2 < 8 ? x.getDouble(b, i - 3, j + 2, 1) : 0;
            assertThat(shifted.getDouble(b, i, j, 1)).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-6));
        }
    }

    @Test
    void randomPerImageIdentityInInferenceAndSeeded() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 7, 7, 1).repeat(0, 6);
        INDArray y = train(new RandomRotation(0.5), x);
        assertThat(maxDiff(y.get(NDArrayIndex.point(0)), y.get(NDArrayIndex.point(1)))).as("each image its own angle").isGreaterThan(1e-3);
        for (Layer l : new Layer[]{new RandomRotation(0.5), new RandomZoom(0.5), new RandomTranslation(0.5, 0.5)}) {
            assertThat(l.apply(x)).isEqualTo(x);
        }
        assertThat(train(new RandomZoom(0.3).seed(8L), x)).isEqualTo(train(new RandomZoom(0.3).seed(8L), x));
        assertThat(train(new RandomTranslation(0.3, 0.3).seed(8L), x)).isNotEqualTo(train(new RandomTranslation(0.3, 0.3).seed(9L), x));
    }

    @Test
    @ExtendWith(Float64.class)
    void gradientsAreTheTransposedResampling() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 5, 6, 2);
        GradientCheck.create().training(true).check(new RandomRotation(0.3), x);
        GradientCheck.create().training(true).check(new RandomRotation(0.3).interpolation("nearest").fillMode("constant").fillValue(2), x);
        GradientCheck.create().training(true).check(new RandomZoom(0.4, 0.2).fillMode("wrap"), x);
        GradientCheck.create().training(true).check(new RandomTranslation(0.3, 0.3).fillMode("nearest").dataFormat("channels_first"),
                Nd4j.rand(DataType.DOUBLE, 2, 2, 5, 6));
    }

    @Test
    void kerasConfigsAndErrors() {
        assertThat(new RandomRotation(0.1).getConfig()).containsEntry("factor", List.of(-0.1, 0.1)).containsEntry("fill_mode", "reflect")
                .containsEntry("interpolation", "bilinear").containsEntry("fill_value", 0.0).containsEntry("seed", null)
                .containsEntry("value_range", List.of(0, 255)).containsEntry("data_format", "channels_last");
        assertThat(new RandomZoom(0.2).getConfig()).containsEntry("height_factor", 0.2).containsEntry("width_factor", null);
        assertThat(new RandomTranslation(new double[]{-0.1, 0.2}, new double[]{0.3, 0.1}).getConfig())
                .containsEntry("height_factor", List.of(-0.1, 0.2)).containsEntry("width_factor", List.of(0.3, 0.1));
        // A Keras 3 config: pairs as lists
        RandomZoom z = RandomZoom.fromConfig(Config.of(Json.read("{\"name\": \"rz\", \"height_factor\": [-0.2, 0.1], \"width_factor\": 0.3, "
                + "\"fill_mode\": \"nearest\", \"interpolation\": \"nearest\", \"seed\": 7, \"fill_value\": 0.0, \"data_format\": \"channels_last\"}")));
        assertThat(z.fillMode()).isEqualTo("nearest");
        assertThat(z.getConfig()).containsEntry("height_factor", List.of(-0.2, 0.1)).containsEntry("seed", 7L);
        assertThatThrownBy(() -> new RandomRotation(1.5))
                .hasMessage("The `factor` argument should be a number (or a list of two numbers) in the range [-1.0, 1.0]. Received: input_number=1.5");
        assertThatThrownBy(() -> new RandomZoom(0.1).fillMode("mirror"))
                .hasMessage("Unknown `fill_mode` mirror. Expected of one ('reflect', 'wrap', 'constant', 'nearest').");
        assertThatThrownBy(() -> new RandomTranslation(0.1, 0.1).interpolation("bicubic"))
                .hasMessage("Unknown `interpolation` bicubic. Expected of one ('nearest', 'bilinear').");
    }
}
