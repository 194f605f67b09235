package io.jkeras.saving;

import io.jkeras.Keras;
import io.jkeras.layers.Dense;
import io.jkeras.layers.Embedding;
import io.jkeras.layers.GlobalAveragePooling1D;
import io.jkeras.layers.Layer;
import io.jkeras.layers.Masking;
import io.jkeras.layers.TimeDistributed;
import io.jkeras.models.Model;
import io.jkeras.models.Models;
import io.jkeras.models.Sequential;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Models with Embedding, Masking and TimeDistributed survive every file format, masks and all. */
class SequenceModelFilesTest {
    @TempDir
    Path dir;

    @AfterEach
    void nothingLeftOpen() throws IOException {
        assertThat(Hdf5File.openObjectsInProcess()).isZero();
    }

    private static Sequential tagger() {
        return new Sequential(new Embedding(10, 4).maskZero(true).inputShape(5), new Masking(),
                new TimeDistributed(new Dense(3).activation("tanh")), new GlobalAveragePooling1D(), new Dense(2));
    }

    private static final INDArray IDS = Nd4j.createFromArray(new int[][]{{3, 9, 1, 0, 0}, {2, 0, 0, 0, 0}, {5, 5, 6, 7, 8}});

    @ParameterizedTest
    @ValueSource(strings = {"m.keras", "m.h5"})
    void roundTrip(String file) throws IOException {
        Keras.setRandomSeed(5);
        Sequential m = tagger();
        Path p = dir.resolve(file);
        m.save(p.toString());
        Model back = Models.loadModel(p.toString());
        assertThat(back.layers()).extracting(Layer::className)
                .containsExactly("Embedding", "Masking", "TimeDistributed", "GlobalAveragePooling1D", "Dense");
        assertThat(back.getWeights()).isEqualTo(m.getWeights());
        assertThat(back.predict(IDS)).isEqualTo(m.predict(IDS));
        assertThat(((Embedding) back.layers().get(0)).maskZero()).isTrue();
    }

    @Test
    void keras3KeepsTheWrappedLayerUnderItsAttributeName() throws IOException {
        Sequential m = tagger();
        Path p = dir.resolve("w.weights.h5");
        m.saveWeights(p.toString());
        try (Hdf5File f = Hdf5File.open(p)) {
            assertThat(f.root().shape("layers/embedding/vars/0")).containsExactly(10, 4);
            assertThat(f.root().shape("layers/time_distributed/layer/vars/0")).containsExactly(4, 3);
            assertThat(f.root().shape("layers/time_distributed/layer/vars/1")).containsExactly(3);
            try (Hdf5Group own = f.root().group("layers/time_distributed/vars")) {
                assertThat(own.keys()).isEmpty();
            }
        }
        Sequential fresh = tagger();
        fresh.loadWeights(p.toString());
        assertThat(fresh.predict(IDS)).isEqualTo(m.predict(IDS));
    }
}
