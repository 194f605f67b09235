package io.jkeras.saving;

import io.jkeras.Input;
import io.jkeras.Keras;
import io.jkeras.KerasTensor;
import io.jkeras.Shape;
import io.jkeras.layers.Conv2D;
import io.jkeras.layers.Dense;
import io.jkeras.layers.Flatten;
import io.jkeras.layers.InputLayer;
import io.jkeras.layers.MaxPooling2D;
import io.jkeras.models.Model;
import io.jkeras.models.Models;
import io.jkeras.models.Sequential;
import io.jkeras.optimizers.Adam;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Proof by an independent reader: Deeplearning4j 1.0.0-M2.1's {@code KerasModelImport}, which parses Keras files
 * with its own code (only ND4J and HDF5 are shared), imports {@code .h5} files that jkeras wrote and predicts what
 * jkeras predicts, within 1e-5.
 *
 * <p>DL4J M2.1 reads only Keras 1 and 2 files: it refuses any file whose {@code keras_version} is 3, which is what
 * Keras 3 (and so jkeras's {@code model.save("m.h5")}) records, and it knows neither Keras 3's config dialect
 * (module, registered_name, dtype policies, batch_shape, {"args", "kwargs"} calls). That is a DL4J limitation,
 * checked below; the files it reads are written by {@link ModelFiles#saveKeras2}, the same layout with a Keras 2
 * config. The weights, their names and the groups are the very ones {@code model.save} writes.
 */
class Dl4jImportTest {
    @TempDir
    Path dir;

    @AfterEach
    void nothingLeftOpen() throws IOException, InterruptedException {
        // DL4J's reader leaves some HDF5 objects to JavaCPP's deallocator thread (an import that fails never closes
        // its file), whose H5File destructor then calls into HDF5 while another test may be using it: HDF5 is not
        // thread-safe, and one suite run crashed in H5Fclose that way. Let that thread run them now, while this
        // thread holds jkeras's HDF5 lock and nothing else in the JVM touches HDF5.
        Hdf5.LOCK.lock();
        try {
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(100);
            }
        } finally {
            Hdf5.LOCK.unlock();
        }
        assertThat(Hdf5File.openObjectsInProcess()).isZero();
    }

    /** max |a - b|, printed with {@code what} (the figure the tests bound by 1e-5). */
    private static double maxAbsDiff(String what, INDArray a, INDArray b) {
        double d = a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        System.out.printf("DL4J parity, %s: max |difference| %.2e%n", what, d);
        return d;
    }

    @Test
    void aCompiledSequentialMlpImportsAndPredictsTheSame() throws Exception {
        Keras.setRandomSeed(1);
        Sequential m = new Sequential(new InputLayer(4), new Dense(16).activation("relu"), new Dense(8).activation("tanh"),
                new Dense(3).activation("softmax"));
        m.compile(new Adam(1e-3), "categorical_crossentropy", "accuracy");
        Path p = dir.resolve("mlp.h5");
        ModelFiles.saveKeras2(m, p);
        // DL4J checks the training configuration too (loss and optimizer), with enforceTrainingConfig.
        MultiLayerNetwork net = KerasModelImport.importKerasSequentialModelAndWeights(p.toString(), true);
        INDArray x = Nd4j.rand(DataType.FLOAT, 7, 4);
        assertThat(maxAbsDiff("MLP", net.output(x), m.predict(x))).isLessThan(1e-5);
        // jkeras reads its Keras 2 dialect back as well.
        assertThat(maxAbsDiff("MLP read back by jkeras", Models.loadModel(p.toString()).predict(x), m.predict(x))).isZero();
    }

    @Test
    void aSequentialCnnImportsAndPredictsTheSame() throws Exception {
        Keras.setRandomSeed(2);
        Sequential m = new Sequential(new InputLayer(12, 10, 3), new Conv2D(4, 3).activation("relu"),
                new MaxPooling2D(2), new Conv2D(6, 3).padding("same").activation("relu"), new Flatten(),
                new Dense(5).activation("softmax"));
        Path p = dir.resolve("cnn.h5");
        ModelFiles.saveKeras2(m, p);
        MultiLayerNetwork net = KerasModelImport.importKerasSequentialModelAndWeights(p.toString(), false);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 12, 10, 3);
        // DL4J M2.1 keeps Keras's channels-last layout for an imported network: the same NHWC input.
        INDArray dl4j = net.output(x);
        assertThat(maxAbsDiff("CNN", dl4j, m.predict(x))).isLessThan(1e-5);
    }

    @Test
    void aFunctionalMlpImportsAsAComputationGraph() throws Exception {
        Keras.setRandomSeed(3);
        KerasTensor in = Input.create(Shape.of(null, 6), "features", "float32");
        KerasTensor h = new Dense(10).activation("relu").name("hidden").apply(in);
        Model m = new Model(in, new Dense(2).activation("sigmoid").name("out").apply(h));
        Path p = dir.resolve("functional.h5");
        ModelFiles.saveKeras2(m, p);
        ComputationGraph graph = KerasModelImport.importKerasModelAndWeights(p.toString(), false);
        INDArray x = Nd4j.rand(DataType.FLOAT, 5, 6);
        assertThat(maxAbsDiff("Functional MLP", graph.outputSingle(x), m.predict(x))).isLessThan(1e-5);
    }

    /** The DL4J limitation: what Keras 3 writes (and jkeras's model.save, which follows it) is refused by version. */
    @Test
    void dl4jRefusesKeras3Files() throws Exception {
        Sequential m = new Sequential(new InputLayer(4), new Dense(3));
        Path p = dir.resolve("keras3.h5");
        m.save(p.toString());
        assertThatThrownBy(() -> KerasModelImport.importKerasSequentialModelAndWeights(p.toString(), false))
                .isInstanceOf(UnsupportedKerasConfigurationException.class).hasMessageContaining("either 1 or 2 (3 provided)");
        Path real = KerasFiles.copy("graduate_admission_model.h5", dir); // written by Keras 3.13.2 itself
        assertThatThrownBy(() -> KerasModelImport.importKerasSequentialModelAndWeights(real.toString(), false))
                .isInstanceOf(UnsupportedKerasConfigurationException.class).hasMessageContaining("(3 provided)");
    }
}
