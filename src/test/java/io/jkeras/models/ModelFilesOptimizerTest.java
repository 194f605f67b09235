package io.jkeras.models;

import io.jkeras.Keras;
import io.jkeras.Variable;
import io.jkeras.layers.Dense;
import io.jkeras.layers.InputLayer;
import io.jkeras.optimizers.Adam;
import io.jkeras.optimizers.Optimizer;
import io.jkeras.saving.Hdf5File;
import io.jkeras.saving.Hdf5Group;
import io.jkeras.saving.Json;
import io.jkeras.saving.KerasFiles;
import io.jkeras.training.Compiled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The optimizer's variables travel with the weights, in Keras 3's order. This test sits in the models
 * package to set {@code Model.compiled} by hand until {@code compile} lands on main.
 */
class ModelFilesOptimizerTest {
    @TempDir
    Path dir;

    static Sequential compiledMlp(Optimizer opt) {
        Sequential m = new Sequential(new InputLayer(4), new Dense(5).activation("relu"), new Dense(2));
        m.compiled = new Compiled(opt, List.of(), List.of(), List.of());
        return m;
    }

    /** One optimizer step with random gradients, so the slots and the counter are not at their start values. */
    static void step(Model m) {
        for (Variable v : m.trainableWeights()) v.addGrad(Nd4j.rand(v.value().dataType(), v.value().shape()));
        m.optimizer().apply(m.trainableWeights());
        for (Variable v : m.trainableWeights()) v.zeroGrad();
    }

    @Test
    void weightsFilesCarryTheOptimizerInKeras3Order() throws IOException {
        Keras.setRandomSeed(5);
        Sequential m = compiledMlp(new Adam(1e-2));
        step(m);
        step(m);
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

    @Test
    void legacyH5WritesTrainingConfigAndOptimizerWeightsAsKeras3Does() throws IOException {
        Sequential m = compiledMlp(new Adam(1e-3));
        step(m);
        Path p = dir.resolve("m.h5");
        m.save(p.toString());
        try (Hdf5File f = Hdf5File.open(p); Hdf5Group opt = f.root().group("optimizer_weights")) {
            Map<String, Object> training = Json.read(f.root().readString("training_config"));
            assertThat(training).containsKey("optimizer_config");
            assertThat(((Map<?, ?>) training.get("optimizer_config")).get("class_name")).isEqualTo("Adam");
            List<String> names = opt.readStrings("weight_names");
            assertThat(names).hasSize(10).startsWith("adam/iteration", "adam/learning_rate");
            for (String n : names) assertThat(opt.isDataset(n)).as(n).isTrue();
            assertThat(opt.read("adam/iteration").getLong(0)).isEqualTo(1);
        }
    }

    @Test
    void aRealKeras3ArchiveRestoresAdamsStateIntoACompiledModel() throws IOException {
        Path keras = KerasFiles.copy("graduate_admission_model.keras", dir);
        Model m = Models.loadModel(keras.toString());
        m.compiled = new Compiled(new Adam(), List.of(), List.of(), List.of());
        m.loadWeights(keras.toString());
        Optimizer opt = m.optimizer();
        assertThat(opt.iterations()).isEqualTo(1000);
        Path inner = dir.resolve("inner.weights.h5");
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(keras.toFile())) {
            java.nio.file.Files.copy(zip.getInputStream(zip.getEntry("model.weights.h5")), inner);
        }
        List<INDArray> mine = opt.variables();
        try (Hdf5File f = Hdf5File.open(inner)) {
            for (int i = 2; i < 14; i++) {
                assertThat(mine.get(i)).as("optimizer variable %d", i).isEqualTo(f.root().read("optimizer/vars/" + i));
            }
        }
    }
}
