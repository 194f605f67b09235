package io.jkeras.saving;

import io.jkeras.Keras;
import io.jkeras.layers.Dense;
import io.jkeras.layers.InputLayer;
import io.jkeras.losses.MeanSquaredError;
import io.jkeras.models.Model;
import io.jkeras.models.Models;
import io.jkeras.models.Sequential;
import io.jkeras.optimizers.Adam;
import io.jkeras.optimizers.Optimizer;
import io.jkeras.optimizers.RMSprop;
import io.jkeras.training.FitOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A compiled model's training configuration and optimizer state travel with it, in Keras 3's order. */
class ModelFilesOptimizerTest {
    @TempDir
    Path dir;

    @AfterEach
    void nothingLeftOpen() throws IOException {
        assertThat(Hdf5File.openObjectsInProcess()).isZero();
    }

    static Sequential compiledMlp(Optimizer opt) {
        Sequential m = new Sequential(new InputLayer(4), new Dense(5).activation("relu"), new Dense(2));
        m.compile(opt, "mse", "mae");
        return m;
    }

    static void train(Model m, int epochs) {
        Keras.setRandomSeed(9);
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 4);
        m.fit(x, x.mmul(Nd4j.rand(DataType.FLOAT, 4, 2)), FitOptions.epochs(epochs).batchSize(8).verbose(0));
    }

    @Test
    void weightsFilesCarryTheOptimizerInKeras3Order() throws IOException {
        Sequential m = compiledMlp(new Adam(1e-2));
        train(m, 1);
        Path p = dir.resolve("ckpt.weights.h5");
        m.saveWeights(p.toString());
        try (Hdf5File f = Hdf5File.open(p); Hdf5Group vars = f.root().group("optimizer/vars")) {
            assertThat(vars.readString("name")).isEqualTo("adam");
            assertThat(vars.keys()).hasSize(2 + 2 * 4);
            INDArray it = vars.read("0");
            assertThat(it.dataType()).isEqualTo(DataType.LONG);
            assertThat(it.getLong(0)).isEqualTo(2);
        }
        Sequential fresh = compiledMlp(new Adam(1e-2));
        fresh.loadWeights(p.toString());
        assertThat(fresh.getWeights()).isEqualTo(m.getWeights());
        assertThat(fresh.optimizer().iterations()).isEqualTo(2);
        assertThat(fresh.optimizer().variables()).isEqualTo(m.optimizer().variables());
    }

    /** Both formats come back compiled, with the optimizer's state, and train on exactly as the original would. */
    @ParameterizedTest
    @ValueSource(strings = {"m.keras", "m.h5"})
    void compiledModelsComeBackCompiledAndTrainOnIdentically(String file) throws IOException {
        Sequential m = compiledMlp(new RMSprop(0.01).momentum(0.5));
        train(m, 2);
        Path p = dir.resolve(file);
        m.save(p.toString());
        Model back = Models.loadModel(p.toString());
        assertThat(back.isCompiled()).isTrue();
        assertThat(back.optimizer()).isInstanceOf(RMSprop.class);
        assertThat(back.optimizer().getConfig()).isEqualTo(m.optimizer().getConfig());
        assertThat(back.compiled().losses().get(0)).isInstanceOf(MeanSquaredError.class);
        assertThat(back.compiled().metrics().get(0)).hasSize(1);
        assertThat(back.optimizer().variables()).isEqualTo(m.optimizer().variables());
        train(m, 1);
        train(back, 1);
        assertThat(back.getWeights()).isEqualTo(m.getWeights());
    }

    @Test
    void legacyH5WritesTrainingConfigAndOptimizerWeightsAsKeras3Does() throws IOException {
        Sequential m = compiledMlp(new Adam(1e-3));
        train(m, 1);
        Path p = dir.resolve("m.h5");
        m.save(p.toString());
        try (Hdf5File f = Hdf5File.open(p); Hdf5Group opt = f.root().group("optimizer_weights")) {
            Map<String, Object> training = Json.read(f.root().readString("training_config"));
            assertThat(training).containsKeys("loss", "metrics", "optimizer_config");
            assertThat(((Map<?, ?>) training.get("optimizer_config")).get("class_name")).isEqualTo("Adam");
            List<String> names = opt.readStrings("weight_names");
            assertThat(names).hasSize(10).startsWith("adam/iteration", "adam/learning_rate");
            for (String n : names) assertThat(opt.isDataset(n)).as(n).isTrue();
            assertThat(opt.read("adam/iteration").getLong(0)).isEqualTo(2);
        }
    }

    @Test
    void realKerasFilesComeBackCompiledWithAdamsState() throws IOException {
        Path keras = KerasFiles.copy("graduate_admission_model.keras", dir);
        Model a = Models.loadModel(keras.toString());
        assertThat(a.optimizer()).isInstanceOf(Adam.class);
        assertThat(a.optimizer().iterations()).isEqualTo(1000);
        Path inner = dir.resolve("inner.weights.h5");
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(keras.toFile())) {
            java.nio.file.Files.copy(zip.getInputStream(zip.getEntry("model.weights.h5")), inner);
        }
        List<INDArray> mine = a.optimizer().variables();
        try (Hdf5File f = Hdf5File.open(inner)) {
            for (int i = 2; i < 14; i++) {
                assertThat(mine.get(i)).as("optimizer variable %d", i).isEqualTo(f.root().read("optimizer/vars/" + i));
            }
        }

        Path h5 = KerasFiles.copy("graduate_admission_model.h5", dir);
        Model b = Models.loadModel(h5.toString());
        assertThat(b.optimizer().iterations()).isEqualTo(1000);
        try (Hdf5File f = Hdf5File.open(h5)) {
            assertThat(b.optimizer().variables().get(2))
                    .isEqualTo(f.root().read("optimizer_weights/adam/sequential_dense_kernel_momentum"));
        }

        // Keras 2.3.1's RMSprop, sparse categorical crossentropy and accuracy: compiled, no optimizer state in that file.
        Model c = Models.loadModel(KerasFiles.copy("simple_sparse_xent_mlp_keras_2_model.h5", dir).toString());
        assertThat(c.optimizer()).isInstanceOf(RMSprop.class);
        assertThat(c.optimizer().learningRate()).isCloseTo(1e-4, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(c.compiled().metrics().get(0)).containsExactly("accuracy");
    }
}
