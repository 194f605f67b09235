package io.jkeras.saving;

import io.jkeras.Input;
import io.jkeras.KerasTensor;
import io.jkeras.Shape;
import io.jkeras.layers.Activation;
import io.jkeras.layers.Dense;
import io.jkeras.layers.Dropout;
import io.jkeras.layers.Flatten;
import io.jkeras.layers.InputLayer;
import io.jkeras.models.Model;
import io.jkeras.models.Sequential;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An independent check of the files jkeras writes: h5py (Debian's /usr/bin/python3) lists a jkeras file's
 * groups, attributes, datasets, shapes and dtypes, and they must be those of a real Keras file of the same
 * architecture; h5py reads back the very values jkeras wrote. Skipped, saying why, if that Python lacks h5py.
 */
class H5StructureAgainstKerasTest {
    static final String PYTHON = "/usr/bin/python3";
    @TempDir
    static Path dir;
    static Path script;

    @BeforeAll
    static void needsH5py() throws Exception {
        boolean ok = Files.isExecutable(Path.of(PYTHON)) && run(List.of(PYTHON, "-c", "import h5py")).exitCode == 0;
        Assumptions.assumeTrue(ok, "Skipped: the independent h5py check needs " + PYTHON + " with h5py (Debian: apt-get install python3-h5py)");
        script = dir.resolve("h5_structure.py");
        try (InputStream in = H5StructureAgainstKerasTest.class.getResourceAsStream("/python/h5_structure.py")) {
            Files.copy(in, script);
        }
    }

    record Result(int exitCode, List<String> lines) {
    }

    static Result run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
        return new Result(p.exitValue(), out.lines().toList());
    }

    static List<String> structure(Path file) throws Exception {
        Result r = run(List.of(PYTHON, script.toString(), file.toString()));
        assertThat(r.exitCode).as("h5py on %s: %s", file, r.lines).isZero();
        return r.lines;
    }

    static List<String> without(List<String> lines, String prefix) {
        List<String> out = new ArrayList<>(lines);
        out.removeIf(l -> l.contains(prefix));
        return out;
    }

    @Test
    void aSequentialH5HasTheStructureOfKeras2s() throws Exception {
        Sequential m = new Sequential(new Dense(3).inputShape(4).name("dense_1"), new Activation("softmax").name("activation_1"));
        Path mine = dir.resolve("seq.h5");
        m.save(mine.toString());
        List<String> keras = structure(KerasFiles.copy("simple_sparse_xent_mlp_keras_2_model.h5", dir));
        // The Keras model was compiled; this one is not, so it has no training_config.
        assertThat(structure(mine)).isEqualTo(without(keras, "training_config"));

        // h5py reads back exactly the values jkeras wrote.
        INDArray kernel = m.getLayer("dense_1").getWeights().get(0);
        Result values = run(List.of(PYTHON, script.toString(), mine.toString(), "model_weights/dense_1/dense_1/kernel:0"));
        assertThat(values.lines).hasSize(12);
        for (int i = 0; i < 12; i++) {
            assertThat(Float.parseFloat(values.lines.get(i))).isEqualTo(kernel.getFloat(i / 3, i % 3));
        }
    }

    @Test
    void aFunctionalH5HasTheStructureOfTfKeras2s() throws Exception {
        KerasTensor x = Input.create(Shape.of(null, 3), "input_1", "float32");
        KerasTensor h = new Dense(6).name("dense").apply(x);
        h = new Activation("sigmoid").name("activation").apply(h);
        Model m = new Model(x, new Dropout(0.2).name("dropout").apply(h));
        Path mine = dir.resolve("fn.h5");
        m.save(mine.toString());
        assertThat(structure(mine)).isEqualTo(structure(KerasFiles.copy("mlp_0.h5", dir)));
    }

    @Test
    void aWeightsH5HasTheStructureOfKeras3s() throws Exception {
        Sequential m = new Sequential(new InputLayer(28, 28), new Flatten().name("flatten"), new Dense(64).name("dense"),
                new Dense(32).name("dense_1"), new Dense(16).name("dense_2"), new Dense(10).name("dense_3"));
        Path mine = dir.resolve("mnist.weights.h5");
        m.saveWeights(mine.toString());
        // The Keras model was compiled with Adam, whose variables sit under /optimizer.
        assertThat(structure(mine)).isEqualTo(without(structure(KerasFiles.copy("mnist_classification.weights.h5", dir)), "/optimizer"));
    }
}
