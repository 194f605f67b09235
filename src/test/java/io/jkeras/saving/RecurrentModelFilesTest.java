package io.jkeras.saving;

import io.jkeras.Input;
import io.jkeras.Keras;
import io.jkeras.KerasTensor;
import io.jkeras.layers.Dense;
import io.jkeras.layers.GRU;
import io.jkeras.layers.LSTM;
import io.jkeras.layers.SimpleRNN;
import io.jkeras.models.Model;
import io.jkeras.models.Models;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Functional model with recurrent layers of every kind, initial states and returned states (an encoder whose
 * last states start a decoder) survives {@code toJson}/{@code modelFromJson}, {@code .keras} and {@code .h5}; the
 * files have Keras 3's layout (weights under {@code layers/lstm/cell/vars}, initial states as the keyword argument
 * {@code initial_state}).
 */
class RecurrentModelFilesTest {
    @TempDir
    Path dir;

    @AfterEach
    void nothingLeftOpen() throws IOException {
        assertThat(Hdf5File.openObjectsInProcess()).isZero();
    }

    private static Model encoderDecoder() {
        KerasTensor enc = Input.shape(6, 3);
        KerasTensor dec = Input.shape(4, 2);
        List<KerasTensor> e = new LSTM(5).returnState(true).goBackwards(true).applyAll(List.of(enc));
        KerasTensor d = new LSTM(5).returnSequences(true).applyWithInitialState(dec, e.get(1), e.get(2)).get(0);
        List<KerasTensor> g = new GRU(4).returnSequences(true).returnState(true).resetAfter(false).applyAll(List.of(d));
        KerasTensor s = new SimpleRNN(3).applyWithInitialState(g.get(0), new Dense(3).apply(g.get(1))).get(0);
        return new Model(List.of(enc, dec), List.of(new Dense(2).activation("softmax").apply(s)));
    }

    @Test
    void jsonAndFilesRoundTrip() throws IOException {
        Keras.setRandomSeed(3);
        Model m = encoderDecoder();
        List<INDArray> x = List.of(Nd4j.rand(DataType.FLOAT, 2, 6, 3), Nd4j.rand(DataType.FLOAT, 2, 4, 2));
        INDArray y = m.predict(x, 2).get(0);

        String json = m.toJson();
        assertThat(json).contains("\"initial_state\"");
        Model fromJson = Models.modelFromJson(json);
        assertThat(fromJson.toJson()).isEqualTo(json);
        fromJson.setWeights(m.getWeights());
        assertThat(fromJson.predict(x, 2).get(0)).isEqualTo(y);

        for (String name : List.of("m.keras", "m.h5")) {
            Path p = dir.resolve(name);
            m.save(p.toString());
            Model back = Models.loadModel(p.toString());
            assertThat(back.predict(x, 2).get(0)).as(name).isEqualTo(y);
            assertThat(back.toJson()).isEqualTo(json);
        }
        Path w = dir.resolve("w.weights.h5");
        m.saveWeights(w.toString());
        Model fresh = Models.modelFromJson(json);
        fresh.loadWeights(w.toString());
        assertThat(fresh.predict(x, 2).get(0)).isEqualTo(y);
    }

    @Test
    void kerasArchiveHasKeras3Layout() throws IOException {
        Model m = encoderDecoder();
        Path p = dir.resolve("m.keras");
        m.save(p.toString());
        Path weights = dir.resolve("model.weights.h5");
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(p))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().equals("model.weights.h5")) Files.copy((InputStream) zip, weights);
            }
        }
        try (Hdf5File f = Hdf5File.open(weights)) {
            Hdf5Group root = f.root();
            assertThat(root.isDataset("layers/lstm/cell/vars/0")).isTrue();
            assertThat(root.shape("layers/lstm_1/cell/vars/1")).containsExactly(5, 20);
            assertThat(root.shape("layers/gru/cell/vars/2")).containsExactly(12);
            assertThat(root.shape("layers/simple_rnn/cell/vars/1")).containsExactly(3, 3);
            try (Hdf5Group own = root.group("layers/lstm/vars")) {
                assertThat(own.keys()).isEmpty(); // the layer's own variables: none (they are its cell's)
            }
            try (Hdf5Group vars = root.group("layers/gru/cell/vars")) {
                assertThat(vars.readString("name")).isEqualTo("gru_cell");
            }
            try (Hdf5Group vars = root.group("layers/simple_rnn/cell/vars")) {
                assertThat(vars.readString("name")).isEqualTo("simple_rnn_cell");
            }
        }
    }
}
