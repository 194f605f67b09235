package io.jkeras.callbacks;

import io.jkeras.Keras;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.jkeras.callbacks.TestModels.logs;
import static org.assertj.core.api.Assertions.assertThat;

/** CSVLogger writes the file Keras 3's CSVLogger writes. */
class CSVLoggerTest {
    @TempDir
    Path dir;

    @BeforeEach
    void fresh() {
        Keras.clearSession();
    }

    private static void epochs(CSVLogger cb, int from, double... losses) {
        cb.setModel(TestModels.dense());
        cb.onTrainBegin(logs());
        for (int i = 0; i < losses.length; i++) {
            cb.onEpochEnd(from + i, logs("val_loss", losses[i] / 2, "loss", losses[i], "accuracy", 0.5 + i / 10.0));
        }
        cb.onTrainEnd(logs());
    }

    @Test
    void headerIsEpochThenSortedKeysAndRowsEndInCrLf() throws IOException {
        Path f = dir.resolve("training.log");
        epochs(new CSVLogger(f.toString()), 0, 0.9, 0.30000000000000004);
        assertThat(Files.readString(f, StandardCharsets.UTF_8)).isEqualTo(
                "epoch,accuracy,loss,val_loss\r\n"
                        + "0,0.5,0.9,0.45\r\n"
                        + "1,0.6,0.30000000000000004,0.15000000000000002\r\n");
    }

    @Test
    void eachRowIsOnDiskBeforeTrainingEnds() throws IOException {
        Path f = dir.resolve("live.csv");
        CSVLogger cb = new CSVLogger(f.toString());
        cb.setModel(TestModels.dense());
        cb.onTrainBegin(logs());
        cb.onEpochEnd(0, logs("loss", 1.0));
        assertThat(Files.readString(f)).isEqualTo("epoch,loss\r\n0,1.0\r\n");
        cb.onTrainEnd(logs());
    }

    @Test
    void appendAddsRowsWithoutASecondHeader() throws IOException {
        Path f = dir.resolve("a.csv");
        epochs(new CSVLogger(f.toString(), ";", true), 0, 1.0);
        epochs(new CSVLogger(f.toString(), ";", true), 1, 2.0);
        assertThat(Files.readString(f)).isEqualTo(
                "epoch;accuracy;loss;val_loss\r\n0;0.5;1.0;0.5\r\n1;0.5;2.0;1.0\r\n");
    }

    @Test
    void overwriteStartsAfresh() throws IOException {
        Path f = dir.resolve("o.csv");
        Files.writeString(f, "old content\n");
        epochs(new CSVLogger(f.toString()), 0, 1.0);
        assertThat(Files.readString(f)).startsWith("epoch,accuracy");
    }

    @Test
    void keysFromTheFirstEpochFixTheColumnsAndMissingOnesReadNA() throws IOException {
        Path f = dir.resolve("na.csv");
        CSVLogger cb = new CSVLogger(f.toString());
        cb.setModel(TestModels.dense());
        cb.onTrainBegin(logs());
        cb.onEpochEnd(0, logs("loss", 1.0, "val_loss", Double.NaN));
        cb.onEpochEnd(1, logs("loss", 1e-5, "learning_rate", 0.1));
        cb.onTrainEnd(logs());
        assertThat(Files.readString(f)).isEqualTo("epoch,loss,val_loss\r\n0,1.0,nan\r\n1,1e-05,NA\r\n");
    }
}
