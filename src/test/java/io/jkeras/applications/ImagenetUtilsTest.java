package io.jkeras.applications;

import io.jkeras.utils.FileUtils;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** preprocessInput's three modes against Keras's formulas, element by element; decodePredictions and the class index. */
class ImagenetUtilsTest {
    @Test
    void caffeModeIsBgrMinusTheImagenetMean() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 4, 5, 3).muli(255);
        INDArray before = x.dup();
        INDArray y = VGG16.preprocessInput(x);
        assertThat(x).isEqualTo(before); // the input is left alone
        assertThat(y.shape()).containsExactly(2, 4, 5, 3);
        double[] mean = {103.939, 116.779, 123.68};
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 5; j++) {
                    for (int c = 0; c < 3; c++) {
                        assertThat(y.getDouble(b, i, j, c)).isCloseTo(x.getDouble(b, i, j, 2 - c) - mean[c], within(1e-3));
                    }
                }
            }
        }
        assertThat(ResNet50.preprocessInput(x)).isEqualTo(y);
        // A single (h, w, 3) image and integer pixels work too, as in Keras.
        INDArray one = ImagenetUtils.preprocessInput(Nd4j.createFromArray(new int[]{10, 20, 30}).reshape(1, 1, 3), "caffe");
        assertThat(one.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(one.getDouble(0, 0, 0)).isCloseTo(30 - 103.939, within(1e-4));
        assertThat(one.getDouble(0, 0, 2)).isCloseTo(10 - 123.68, within(1e-4));
    }

    @Test
    void tfAndTorchModes() {
        INDArray x = Nd4j.createFromArray(new float[]{0, 127.5f, 255, 51}).reshape(1, 1, 1, 4);
        assertThat(ImagenetUtils.preprocessInput(x, "tf").ravel().toDoubleVector()).containsExactly(new double[]{-1, 0, 1, 51 / 127.5 - 1}, within(1e-6));
        INDArray rgb = Nd4j.createFromArray(new float[]{255, 0, 127.5f}).reshape(1, 1, 3);
        assertThat(ImagenetUtils.preprocessInput(rgb, "torch").ravel().toDoubleVector()).containsExactly(
                new double[]{(1 - 0.485) / 0.229, (0 - 0.456) / 0.224, (0.5 - 0.406) / 0.225}, within(1e-5));
        assertThatThrownBy(() -> ImagenetUtils.preprocessInput(x, "keras"))
                .hasMessage("Expected mode to be one of `caffe`, `tf` or `torch`. Received: mode=keras");
    }

    @Test
    void decodePredictionsUsesKerasClassIndex() throws Exception {
        INDArray preds = Nd4j.zeros(DataType.FLOAT, 2, 1000);
        preds.putScalar(0, 281, 0.6).putScalar(0, 282, 0.3).putScalar(0, 285, 0.1);
        preds.putScalar(1, 999, 0.9).putScalar(1, 0, 0.05);
        List<List<DecodedPrediction>> d = VGG16.decodePredictions(preds, 3);
        assertThat(d.get(0)).containsExactly(new DecodedPrediction("n02123045", "tabby", 0.6f),
                new DecodedPrediction("n02123159", "tiger_cat", 0.3f), new DecodedPrediction("n02124075", "Egyptian_cat", 0.1f));
        assertThat(d.get(1).get(0)).isEqualTo(new DecodedPrediction("n15075141", "toilet_tissue", 0.9f));
        assertThat(d.get(1).get(1).label()).isEqualTo("tench");
        assertThatThrownBy(() -> VGG16.decodePredictions(Nd4j.zeros(2, 10), 5)).hasMessageStartingWith("`decode_predictions` expects "
                + "a batch of predictions (i.e. a 2D array of shape (samples, 1000)). Received array with shape: (2, 10)");
        assertThat(ImagenetUtils.classIndex()).hasSize(1000);
        // The shipped file is byte for byte Keras's: its md5 is the file_hash Keras checks after downloading it.
        assertThat(FileUtils.hashFile(Path.of("models", "imagenet_class_index.json"), "md5")).isEqualTo("c2c37ea517e94d9795004a39431a14cb");
        assertThat(Files.readString(Path.of("models", "imagenet_class_index.json"))).startsWith("{\"0\": [\"n01440764\", \"tench\"], \"1\": [\"n01443537\", \"goldfish\"]");
    }
}
