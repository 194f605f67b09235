package io.jkeras.saving;

import io.jkeras.Input;
import io.jkeras.layers.Dense;
import io.jkeras.layers.GRU;
import io.jkeras.layers.LSTM;
import io.jkeras.layers.Layer;
import io.jkeras.layers.RnnReference;
import io.jkeras.models.Model;
import io.jkeras.models.Models;
import io.jkeras.models.Sequential;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recurrent models written by real Keras (files in src/test/resources/keras-files, origins in its SOURCES.md):
 * Keras 1.2.2's LSTM (12 per-gate arrays, fused on loading) and Keras 2.1.3's LSTM predict what Keras recorded;
 * Keras 2.0.8's Functional LSTM and Keras 3.13's GRU, which have no recorded outputs, predict what the plain
 * formulas ({@link RnnReference}) give from the file's weights.
 *
 * <p>Errors reached (float32): predictions, max relative error (to max(|expected|, 1e-6)) 8.3e-6 for Keras 1 (its
 * outputs reach ±38 from sums of large terms, and Keras's own float32 result is 4.2e-6 from the float64 one) and
 * 3.3e-7 for Keras 2.1.3; LSTM activations, max absolute error 2.4e-7 for both (3.1e-7 of the largest value:
 * near-zero tanh outputs make a per-element relative error meaningless there, where Keras itself is 3e-5 off
 * the float64 values).
 */
class RecurrentParityTest {
    @TempDir
    Path dir;

    @AfterEach
    void nothingLeftOpen() throws IOException {
        assertThat(Hdf5File.openObjectsInProcess()).isZero();
    }

    private INDArray read(String file, String dataset) throws IOException {
        try (Hdf5File f = Hdf5File.open(KerasFiles.copy(file, dir))) {
            return f.root().read(dataset);
        }
    }

    @Test
    void keras1LstmPredictsWhatKerasPredicted() throws IOException {
        Model m = Models.loadModel(KerasFiles.copy("simple_lstm_tf_keras_1_model.h5", dir).toString());
        String io = "simple_lstm_tf_keras_1_inputs_and_outputs.h5";
        INDArray x = read(io, "inputs/lstm_input_1");
        INDArray expected = read(io, "predictions/dense_1");
        INDArray y = m.predict(x);
        assertThat(KerasFixturesLoadTest.maxRelativeError(y, expected)).isLessThan(1e-5);
        Layer lstm = m.getLayer("lstm_1");
        assertThat(scaledError(lstm.apply(x), read(io, "activations/lstm_1"))).isLessThan(1e-5);

        // Keras 1's 12 arrays (gates i, c, f, o) became Keras 2's fused kernel (gates i, f, c, o).
        INDArray kernel = lstm.getWeights().get(0);
        String g = "model_weights/lstm_1/lstm_1_";
        String file = "simple_lstm_tf_keras_1_model.h5";
        assertThat(kernel.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 50))).isEqualTo(read(file, g + "W_i:0"));
        assertThat(kernel.get(NDArrayIndex.all(), NDArrayIndex.interval(50, 100))).isEqualTo(read(file, g + "W_f:0"));
        assertThat(kernel.get(NDArrayIndex.all(), NDArrayIndex.interval(100, 150))).isEqualTo(read(file, g + "W_c:0"));
        assertThat(lstm.getWeights().get(2).get(NDArrayIndex.interval(150, 200))).isEqualTo(read(file, g + "b_o:0"));

        // Saved by jkeras (.keras and .h5) and read back, it predicts the same.
        for (String name : List.of("again.keras", "again.h5")) {
            Path p = dir.resolve(name);
            m.save(p.toString());
            assertThat(Models.loadModel(p.toString()).predict(x)).as(name).isEqualTo(y);
        }
    }

    @Test
    void keras2LstmPredictsWhatKerasPredicted() throws IOException {
        Model m = Models.loadModel(KerasFiles.copy("simple_flatten_lstm_tf_keras_2_model.h5", dir).toString());
        String io = "simple_flatten_lstm_tf_keras_2_inputs_and_outputs.h5";
        INDArray x = read(io, "inputs/lstm_1_input");
        assertThat(KerasFixturesLoadTest.maxRelativeError(m.predict(x), read(io, "predictions/dense_1"))).isLessThan(1e-5);
        assertThat(scaledError(m.getLayer("lstm_1").apply(x), read(io, "activations/lstm_1"))).isLessThan(1e-5);
    }

    @Test
    void keras2FunctionalLstmMatchesThePlainFormulas() throws IOException {
        String file = "lstm_functional_tf_keras_2.h5";
        Model m = Models.loadModel(KerasFiles.copy(file, dir).toString());
        LSTM lstm = (LSTM) m.getLayer("lstm");
        List<INDArray> w = lstm.getWeights();
        assertThat(w.get(0)).isEqualTo(read(file, "model_weights/lstm/lstm/kernel:0"));
        assertThat(w.get(1)).isEqualTo(read(file, "model_weights/lstm/lstm/recurrent_kernel:0"));
        assertThat(w.get(2)).isEqualTo(read(file, "model_weights/lstm/lstm/bias:0"));
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.FLOAT, 6, 10, 4).subi(0.5).muli(4);
        INDArray h = RnnReference.run(RnnReference.lstm(w.get(0), w.get(1), w.get(2), RnnReference.TANH,
                RnnReference.HARD_SIGMOID_KERAS2), x, null, null, 2, 8, false, false).lastOutput();
        List<INDArray> dense = m.getLayer("outputLayer_a").getWeights();
        INDArray z = h.mmul(dense.get(0).castTo(DataType.DOUBLE)).addiRowVector(dense.get(1).castTo(DataType.DOUBLE));
        INDArray e = Transforms.exp(z.subColumnVector(z.max(1).reshape(-1, 1)));
        INDArray expected = e.divColumnVector(e.sum(1).reshape(-1, 1));
        INDArray y = m.predict(x);
        assertThat(KerasFixturesLoadTest.maxRelativeError(y, expected)).isLessThan(1e-5);
        for (double v : y.sum(1).toDoubleVector()) assertThat(v).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void keras3GruArchiveMatchesThePlainFormulas() throws IOException {
        Path archive = KerasFiles.copy("best-gru-model.keras", dir);
        // The GRU and Dense of the archive, without its Embedding: Keras 3 keys weights by class, so they load alone.
        Sequential m = new Sequential().add(Input.shape(100, 16)).add(new GRU(8)).add(new Dense(1).activation("sigmoid"));
        m.loadWeights(archive.toString());
        try (Hdf5File f = Hdf5File.open(unzip(archive, "model.weights.h5"))) {
            List<INDArray> gru = m.layers().get(0).getWeights();
            for (int i = 0; i < 3; i++) assertThat(gru.get(i)).isEqualTo(f.root().read("layers/gru/cell/vars/" + i));
            assertThat(gru.get(2).shape()).containsExactly(2, 24);
        }
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.FLOAT, 5, 100, 16).subi(0.5).muli(0.2);
        assertThat(KerasFixturesLoadTest.maxRelativeError(m.predict(x), reference(m, x))).isLessThan(1e-5);
    }

    /** With an Embedding layer in jkeras, the whole archive: token ids through the model and through the formulas. */
    @Test
    void keras3GruArchiveLoadsWhole() throws IOException {
        Assumptions.assumeTrue(SavingRegistry.isKnown("Embedding"), "no Embedding layer in this build");
        Model m = Models.loadModel(KerasFiles.copy("best-gru-model.keras", dir).toString());
        INDArray ids = Nd4j.createFromArray(new float[][]{{1, 5, 7, 499}, {0, 0, 3, 2}}).castTo(DataType.FLOAT);
        INDArray padded = Nd4j.zeros(DataType.FLOAT, 2, 100);
        padded.get(NDArrayIndex.all(), NDArrayIndex.interval(96, 100)).assign(ids);
        INDArray table = m.layers().get(0).getWeights().get(0);
        INDArray embedded = Nd4j.zeros(DataType.FLOAT, 2, 100, 16);
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 100; t++) embedded.get(NDArrayIndex.point(b), NDArrayIndex.point(t)).assign(table.getRow(padded.getInt(b, t)));
        }
        Sequential tail = new Sequential().add(Input.shape(100, 16)).add(new GRU(8)).add(new Dense(1).activation("sigmoid"));
        tail.layers().get(0).setWeights(m.layers().get(1).getWeights());
        tail.layers().get(1).setWeights(m.layers().get(2).getWeights());
        assertThat(KerasFixturesLoadTest.maxRelativeError(m.predict(padded), reference(tail, embedded))).isLessThan(1e-5);
    }

    /** The largest absolute error as a fraction of the largest expected magnitude. */
    private static double scaledError(INDArray actual, INDArray expected) {
        INDArray e = expected.castTo(DataType.DOUBLE);
        return Transforms.abs(actual.castTo(DataType.DOUBLE).sub(e)).maxNumber().doubleValue() / Transforms.abs(e).maxNumber().doubleValue();
    }

    /** sigmoid(GRU(x)·W + b) from the plain formulas and the model's weights. */
    private static INDArray reference(Sequential m, INDArray x) {
        List<INDArray> gru = m.layers().get(0).getWeights();
        INDArray h = RnnReference.run(RnnReference.gru(gru.get(0), gru.get(1), gru.get(2), true, RnnReference.TANH,
                RnnReference.SIGMOID), x, null, null, 1, 8, false, false).lastOutput();
        List<INDArray> dense = m.layers().get(1).getWeights();
        INDArray z = h.mmul(dense.get(0).castTo(DataType.DOUBLE)).addiRowVector(dense.get(1).castTo(DataType.DOUBLE));
        return Transforms.sigmoid(z);
    }

    private Path unzip(Path archive, String entry) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().equals(entry)) {
                    Path out = dir.resolve(entry);
                    Files.copy((InputStream) zip, out);
                    return out;
                }
            }
        }
        throw new IOException(entry + " not in " + archive);
    }
}
