package io.jkeras.saving;

import io.jkeras.Keras;
import io.jkeras.layers.Dense;
import io.jkeras.layers.Flatten;
import io.jkeras.layers.InputLayer;
import io.jkeras.layers.Layer;
import io.jkeras.models.Model;
import io.jkeras.models.Models;
import io.jkeras.models.Sequential;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Real Keras files load, and predict what Keras predicted (within 1e-5 relative, float32). */
class KerasFixturesLoadTest {
    @TempDir
    Path dir;

    @AfterEach
    void nothingLeftOpen() throws IOException {
        assertThat(Hdf5File.openObjectsInProcess()).isZero();
    }

    /** max |a - b| / max(|b|, 1e-6), elementwise. */
    static double maxRelativeError(INDArray actual, INDArray expected) {
        INDArray e = expected.castTo(DataType.DOUBLE);
        INDArray diff = Transforms.abs(actual.castTo(DataType.DOUBLE).sub(e));
        INDArray scale = Transforms.max(Transforms.abs(e), 1e-6);
        return diff.div(scale).maxNumber().doubleValue();
    }

    @Test
    void keras2SparseXentMlpPredictsWhatKerasPredicted() throws IOException {
        Path modelFile = KerasFiles.copy("simple_sparse_xent_mlp_keras_2_model.h5", dir);
        Path io = KerasFiles.copy("simple_sparse_xent_mlp_keras_2_inputs_and_outputs.h5", dir);
        INDArray x;
        INDArray expected;
        try (Hdf5File f = Hdf5File.open(io)) {
            x = f.root().read("inputs/dense_1_input");
            expected = f.root().read("predictions/activation_1");
        }
        Model m = Models.loadModel(modelFile.toString());
        assertThat(m.layers()).extracting(Layer::name).containsExactly("dense_1", "activation_1");
        INDArray y = m.predict(x);
        assertThat(y.shape()).containsExactly(3, 3);
        assertThat(maxRelativeError(y, expected)).isLessThan(1e-5);

        // The same weights from Keras 2's save_weights file, into a model built from the same config.
        Model fresh = Models.modelFromJson(m.toJson());
        fresh.loadWeights(KerasFiles.copy("simple_sparse_xent_mlp_keras_2_weights.h5", dir).toString());
        assertThat(maxRelativeError(fresh.predict(x), expected)).isLessThan(1e-5);
    }

    /**
     * The repository's model.h5 and model.keras come from two different training runs (their kernels differ
     * by up to 1.2), so each is checked against its own datasets and an independent forward pass; then the
     * .keras weights loaded into the .h5 model must reproduce the .keras model's predictions exactly.
     */
    @Test
    void keras3GraduateAdmissionH5AndKerasHoldTheirFilesWeightsAndPredictFromThem() throws IOException {
        Path h5 = KerasFiles.copy("graduate_admission_model.h5", dir);
        Path keras = KerasFiles.copy("graduate_admission_model.keras", dir);
        Model a = Models.loadModel(h5.toString());
        Model b = Models.loadModel(keras.toString());
        List<String> layers = List.of("dense", "dense_1", "dense_2");
        try (Hdf5File f = Hdf5File.open(h5)) {
            for (String layer : layers) {
                String at = "model_weights/" + layer + "/sequential/" + layer + "/";
                assertThat(a.getLayer(layer).getWeights()).containsExactly(f.root().read(at + "kernel"), f.root().read(at + "bias"));
            }
        }
        Path inner = dir.resolve("inner.weights.h5");
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(keras.toFile())) {
            java.nio.file.Files.copy(zip.getInputStream(zip.getEntry("model.weights.h5")), inner);
        }
        try (Hdf5File f = Hdf5File.open(inner)) {
            for (String layer : layers) {
                assertThat(b.getLayer(layer).getWeights()).containsExactly(f.root().read("layers/" + layer + "/vars/0"),
                        f.root().read("layers/" + layer + "/vars/1"));
            }
        }
        Keras.setRandomSeed(7);
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 7);
        for (Model m : List.of(a, b)) {
            INDArray y = m.predict(x);
            assertThat(y.shape()).containsExactly(16, 1);
            assertThat(maxRelativeError(y, forward(m, x))).isLessThan(1e-5);
        }
        a.loadWeights(keras.toString());
        assertThat(a.predict(x)).isEqualTo(b.predict(x));
    }

    /** relu(relu(x W0 + b0) W1 + b1) W2 + b2, computed here from the layers' weights. */
    private static INDArray forward(Model m, INDArray x) {
        INDArray h = x;
        for (String layer : List.of("dense", "dense_1")) {
            List<INDArray> w = m.getLayer(layer).getWeights();
            h = Transforms.relu(h.mmul(w.get(0)).addRowVector(w.get(1)));
        }
        List<INDArray> w2 = m.getLayer("dense_2").getWeights();
        return h.mmul(w2.get(0)).addRowVector(w2.get(1));
    }

    @Test
    void keras3WeightsFileLoadsIntoAModelBuiltInJava() throws IOException {
        Path file = KerasFiles.copy("mnist_classification.weights.h5", dir);
        Sequential m = new Sequential(new InputLayer(28, 28), new Flatten(), new Dense(64).activation("relu"),
                new Dense(32).activation("relu"), new Dense(16).activation("relu"), new Dense(10).activation("softmax"));
        m.loadWeights(file.toString());
        try (Hdf5File f = Hdf5File.open(file)) {
            String[] keys = {"dense", "dense_1", "dense_2", "dense_3"};
            for (int i = 0; i < 4; i++) {
                Layer layer = m.layers().get(i + 1);
                assertThat(layer.getWeights()).containsExactly(f.root().read("layers/" + keys[i] + "/vars/0"),
                        f.root().read("layers/" + keys[i] + "/vars/1"));
            }
        }
        INDArray p = m.predict(Nd4j.rand(DataType.FLOAT, 2, 28, 28));
        assertThat(p.sum(1).getDouble(0)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void tfKeras2FunctionalMlpLoadsWithItsWeights() throws IOException {
        Path file = KerasFiles.copy("mlp_0.h5", dir);
        Model m = Models.loadModel(file.toString());
        assertThat(m.layers()).extracting(Layer::name).containsExactly("input_1", "dense", "activation", "dropout");
        List<INDArray> w;
        try (Hdf5File f = Hdf5File.open(file)) {
            w = List.of(f.root().read("model_weights/dense/dense/kernel:0"), f.root().read("model_weights/dense/dense/bias:0"));
        }
        assertThat(m.getLayer("dense").getWeights()).isEqualTo(w);
        INDArray x = Nd4j.rand(DataType.FLOAT, 5, 3);
        INDArray expected = Transforms.sigmoid(x.mmul(w.get(0)).addRowVector(w.get(1)));
        assertThat(maxRelativeError(m.predict(x), expected)).isLessThan(1e-5);
    }
}
