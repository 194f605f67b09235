package io.jkeras.saving;

import io.jkeras.layers.Layer;
import io.jkeras.models.Model;
import io.jkeras.models.Models;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keras 2.3.1's {@code conv1d_k3_s1_d1_cl_valid_model.h5} (DL4J's model-import test resource: one Conv1D, 4
 * filters, kernel 3, stride 1, dilation 1, channels_last, valid padding, sigmoid, input (16, 3)) predicts on
 * the recorded {@code inputs/conv0_input} (2, 16, 3) what Keras recorded in {@code predictions/conv0} (2, 14, 4).
 *
 * <p>Max relative error reached: 1.6e-7 (float32 on ND4J CPU; relative to max(|expected|, 1e-6)). The file's
 * {@code outputs/conv0} and {@code activations/conv0} hold the same values as {@code predictions/conv0}.
 */
class Conv1DParityTest {
    @TempDir
    Path dir;

    @AfterEach
    void nothingLeftOpen() throws IOException {
        assertThat(Hdf5File.openObjectsInProcess()).isZero();
    }

    @Test
    void keras2Conv1DPredictsWhatKerasPredicted() throws IOException {
        Model m = Models.loadModel(KerasFiles.copy("conv1d_k3_s1_d1_cl_valid_model.h5", dir).toString());
        assertThat(m.layers()).extracting(Layer::name).contains("conv0");
        INDArray x;
        INDArray expected;
        INDArray outputs;
        try (Hdf5File f = Hdf5File.open(KerasFiles.copy("conv1d_k3_s1_d1_cl_valid_inputs_and_outputs.h5", dir))) {
            x = f.root().read("inputs/conv0_input");
            expected = f.root().read("predictions/conv0");
            outputs = f.root().read("outputs/conv0");
        }
        assertThat(outputs).isEqualTo(expected);
        INDArray y = m.predict(x);
        assertThat(y.shape()).containsExactly(2, 14, 4);
        double err = KerasFixturesLoadTest.maxRelativeError(y, expected);
        assertThat(err).isLessThan(1e-5);

        try (Hdf5File f = Hdf5File.open(dir.resolve("conv1d_k3_s1_d1_cl_valid_model.h5"))) {
            assertThat(m.getLayer("conv0").getWeights()).containsExactly(
                    f.root().read("model_weights/conv0/conv0/kernel:0"), f.root().read("model_weights/conv0/conv0/bias:0"));
        }
        Model fresh = Models.modelFromJson(m.toJson());
        fresh.loadWeights(dir.resolve("conv1d_k3_s1_d1_cl_valid_model.h5").toString());
        assertThat(fresh.predict(x)).isEqualTo(y);
    }
}
