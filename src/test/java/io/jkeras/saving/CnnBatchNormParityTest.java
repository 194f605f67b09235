package io.jkeras.saving;

import io.jkeras.layers.Layer;
import io.jkeras.models.Model;
import io.jkeras.models.Models;
import io.jkeras.utils.Npy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Path;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keras 2.1.3's {@code cnn_batch_norm.h5} (DL4J's model-import test resource: Conv2D 3x3 → BatchNormalization →
 * relu → Conv2D 3x3 → Flatten → Dense(1), channels_last, input (10, 10, 3)) predicts on its {@code input.npy}
 * what Keras predicted into {@code predictions.npy}.
 *
 * <p>Max relative error reached: 5.5e-7 (float32 on ND4J CPU; relative to max(|expected|, 1e-6)); the file loads
 * as it is, Keras 2.1.3's bare layer list included, with no change to the loader.
 */
class CnnBatchNormParityTest {
    @TempDir
    Path dir;

    @AfterEach
    void nothingLeftOpen() throws IOException {
        assertThat(Hdf5File.openObjectsInProcess()).isZero();
    }

    @Test
    void keras2CnnWithBatchNormPredictsWhatKerasPredicted() throws IOException {
        Model m = Models.loadModel(KerasFiles.copy("cnn_batch_norm.h5", dir).toString());
        assertThat(m.layers()).extracting(Layer::name).contains("conv2d_1", "batch_normalization_1", "activation_1",
                "conv2d_2", "flatten_1", "dense_1");
        INDArray x = Npy.read(KerasFiles.copy("cnn_batch_norm_input.npy", dir)).castTo(DataType.FLOAT);
        INDArray expected = Npy.read(KerasFiles.copy("cnn_batch_norm_predictions.npy", dir));
        INDArray y = m.predict(x);
        assertThat(y.shape()).containsExactly(5, 1);
        double err = KerasFixturesLoadTest.maxRelativeError(y, expected);
        assertThat(err).isLessThan(1e-5);

        // The weights are the file's, BatchNormalization's in Keras's order (gamma, beta, moving mean, variance).
        String bn = "model_weights/batch_normalization_1/batch_normalization_1/";
        try (Hdf5File f = Hdf5File.open(dir.resolve("cnn_batch_norm.h5"))) {
            assertThat(m.getLayer("batch_normalization_1").getWeights()).containsExactly(f.root().read(bn + "gamma:0"),
                    f.root().read(bn + "beta:0"), f.root().read(bn + "moving_mean:0"),
                    f.root().read(bn + "moving_variance:0"));
            assertThat(m.getLayer("conv2d_1").getWeights()).containsExactly(
                    f.root().read("model_weights/conv2d_1/conv2d_1/kernel:0"),
                    f.root().read("model_weights/conv2d_1/conv2d_1/bias:0"));
        }

        // The same file's weights into a model rebuilt from the loaded model's JSON.
        Model fresh = Models.modelFromJson(m.toJson());
        fresh.loadWeights(dir.resolve("cnn_batch_norm.h5").toString());
        assertThat(fresh.predict(x)).isEqualTo(y);
    }
}
