package io.jkeras.callbacks;

import io.jkeras.Keras;
import io.jkeras.layers.Dense;
import io.jkeras.layers.InputLayer;
import io.jkeras.models.Model;
import io.jkeras.models.Models;
import io.jkeras.models.Sequential;
import io.jkeras.optimizers.Adam;
import io.jkeras.saving.Hdf5File;
import io.jkeras.saving.Json;
import io.jkeras.training.FitOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An interrupted training resumes where it stopped and ends exactly where an uninterrupted one ends. */
class BackupAndRestoreTest {
    @TempDir
    Path dir;
    INDArray x;
    INDArray y;
    String json;
    List<INDArray> initial;

    @BeforeEach
    void data() {
        Keras.setRandomSeed(21);
        x = Nd4j.rand(DataType.FLOAT, 32, 4);
        y = x.mmul(Nd4j.rand(DataType.FLOAT, 4, 2)).add(0.5);
        Model m = new Sequential(new InputLayer(4), new Dense(6).activation("tanh"), new Dense(2));
        json = m.toJson();
        initial = m.getWeights();
    }

    @AfterEach
    void nothingLeftOpen() throws IOException {
        assertThat(Hdf5File.openObjectsInProcess()).isZero();
    }

    /** The same model with the same starting weights and a fresh Adam, as a restarted program would make it. */
    Model fresh() {
        Model m = Models.modelFromJson(json);
        m.setWeights(initial);
        m.compile(new Adam(0.05), "mse");
        return m;
    }

    /** Raises at the start of one epoch, as a crash would (Keras's own example does the same). */
    static Callback interruptAt(int epoch) {
        return new Callback() {
            @Override
            public void onEpochBegin(int e, Map<String, Double> logs) {
                if (e == epoch) throw new IllegalStateException("Interrupting!");
            }
        };
    }

    /** fit without shuffling, so that two runs see the same batches in the same order. */
    List<Integer> fit(Model m, int epochs, Callback... callbacks) {
        return m.fit(x, y, FitOptions.epochs(epochs).batchSize(8).shuffle(false).verbose(0).validationData(x, y)
                .callbacks(callbacks)).epoch();
    }

    @Test
    void anInterruptedFitResumesAtTheNextEpochAndEndsWithTheSameWeights() throws IOException {
        Model reference = fresh();
        assertThat(fit(reference, 6)).containsExactly(0, 1, 2, 3, 4, 5);

        Path backupDir = dir.resolve("backup");
        BackupAndRestore backup = new BackupAndRestore(backupDir.toString());
        Model first = fresh();
        assertThatThrownBy(() -> fit(first, 6, backup, interruptAt(4)))
                .hasMessageContaining("Interrupting");
        Map<String, Object> meta = Json.read(Files.readString(backupDir.resolve(BackupAndRestore.METADATA)));
        assertThat(meta).containsEntry("epoch", 4).containsEntry("batch", 0);
        try (Stream<Path> files = Files.list(backupDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(BackupAndRestore.METADATA,
                    (String) meta.get("weights"));
        }

        // A new process: new model object, new optimizer; only the backup directory survives.
        Model second = fresh();
        BackupAndRestore again = new BackupAndRestore(backupDir.toString());
        assertThat(fit(second, 6, again)).containsExactly(4, 5);
        assertThat(second.optimizer().iterations()).isEqualTo(reference.optimizer().iterations());
        assertThat(second.getWeights()).isEqualTo(reference.getWeights());
        assertThat(second.optimizer().variables()).isEqualTo(reference.optimizer().variables());
        // A successful fit removes the backup.
        assertThat(backupDir).doesNotExist();
        assertThat(again.resumeEpoch()).isZero();
    }

    @Test
    void batchFrequencyBacksUpMidEpochAndKeepingTheCheckpointIsPossible() throws IOException {
        Path backupDir = dir.resolve("b2");
        BackupAndRestore backup = new BackupAndRestore(backupDir.toString()).saveFreq(3).deleteCheckpoint(false);
        Model m = fresh();
        fit(m, 2, backup);
        Map<String, Object> meta = Json.read(Files.readString(backupDir.resolve(BackupAndRestore.METADATA)));
        // 8 batches in 2 epochs: saved after batches 3 and 6 (the second in epoch 1, at its batch index 1).
        assertThat(meta).containsEntry("epoch", 1).containsEntry("batch", 1);
        assertThat(backupDir.resolve((String) meta.get("weights"))).exists();
    }

    @Test
    void aDamagedBackupIsReportedNamingTheFile() throws IOException {
        Path backupDir = Files.createDirectories(dir.resolve("b3"));
        Files.writeString(backupDir.resolve(BackupAndRestore.METADATA), "{not json");
        Model m = fresh();
        assertThatThrownBy(() -> fit(m, 1, new BackupAndRestore(backupDir.toString())))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining(BackupAndRestore.METADATA);
        Files.writeString(backupDir.resolve(BackupAndRestore.METADATA), "{\"epoch\": 1, \"weights\": \"w.weights.h5\"}");
        Files.write(backupDir.resolve("w.weights.h5"), new byte[]{1, 2, 3});
        assertThatThrownBy(() -> fit(m, 1, new BackupAndRestore(backupDir.toString())))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("w.weights.h5");
    }
}
