package io.jkeras.callbacks;

import io.jkeras.Keras;
import io.jkeras.layers.Dense;
import io.jkeras.layers.InputLayer;
import io.jkeras.models.Model;
import io.jkeras.models.Models;
import io.jkeras.models.Sequential;
import io.jkeras.optimizers.Adam;
import io.jkeras.training.FitOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ModelCheckpoint: Keras's file names, messages and best-only decisions. */
class ModelCheckpointTest {
    @TempDir
    Path dir;

    static Sequential model() {
        Sequential m = new Sequential(new InputLayer(3), new Dense(2));
        m.compile(new Adam(0.01), "mse");
        return m;
    }

    /** Drives the hooks with given logs, as fit would, recording the weights at each epoch end. */
    static List<List<INDArray>> drive(Model m, ModelCheckpoint cb, double[] valLoss) {
        cb.setModel(m);
        cb.onTrainBegin(Map.of());
        List<List<INDArray>> weights = new ArrayList<>();
        for (int e = 0; e < valLoss.length; e++) {
            cb.onEpochBegin(e, Map.of());
            // Stand-in for training: the weights change every epoch.
            m.setWeights(m.getWeights().stream().map(w -> w.add(1.0)).toList());
            Map<String, Double> logs = new LinkedHashMap<>();
            logs.put("loss", valLoss[e] + 0.1);
            logs.put("val_loss", valLoss[e]);
            logs.put("val_accuracy", 1 - valLoss[e]);
            cb.onEpochEnd(e, logs);
            weights.add(m.getWeights());
        }
        return weights;
    }

    /** Captures what a callback prints. */
    static final class Printed {
        final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        final java.io.PrintStream stream = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);

        List<String> lines() {
            return bytes.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        }
    }

    static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void saveBestOnlyWithKerasNamesAndMessages() throws IOException {
        Sequential m = model();
        Printed printed = new Printed();
        ModelCheckpoint cb = new ModelCheckpoint(dir.resolve("weights.{epoch:02d}-{val_loss:.2f}.h5").toString())
                .saveBestOnly(true).saveWeightsOnly(true).verbose(1).out(printed.stream);
        List<List<INDArray>> w = drive(m, cb, new double[]{0.5, 0.4, 0.45, 0.123456});
        assertThat(files(dir)).containsExactly("weights.01-0.50.h5", "weights.02-0.40.h5", "weights.04-0.12.h5");
        assertThat(printed.lines()).containsExactly(
                "Epoch 1: val_loss improved from inf to 0.50000, saving model to " + dir.resolve("weights.01-0.50.h5"),
                "Epoch 2: val_loss improved from 0.50000 to 0.40000, saving model to " + dir.resolve("weights.02-0.40.h5"),
                "Epoch 3: val_loss did not improve from 0.40000",
                "Epoch 4: val_loss improved from 0.40000 to 0.12346, saving model to " + dir.resolve("weights.04-0.12.h5"));
        Sequential back = model();
        back.loadWeights(dir.resolve("weights.02-0.40.h5").toString());
        assertThat(back.getWeights()).isEqualTo(w.get(1));
    }

    @Test
    void maxModeOnAccuracyOverwritesOneWholeModelFile() throws IOException {
        Sequential m = model();
        Printed printed = new Printed();
        Path best = dir.resolve("best.keras");
        ModelCheckpoint cb = new ModelCheckpoint(best.toString()).monitor("val_accuracy").saveBestOnly(true)
                .verbose(1).out(printed.stream);
        List<List<INDArray>> w = drive(m, cb, new double[]{0.5, 0.3, 0.6});
        assertThat(printed.lines().get(0)).startsWith("Epoch 1: val_accuracy improved from -inf to 0.50000");
        assertThat(printed.lines().get(2)).isEqualTo("Epoch 3: val_accuracy did not improve from 0.70000");
        assertThat(Models.loadModel(best.toString()).getWeights()).isEqualTo(w.get(1));
        assertThat(files(dir)).containsExactly("best.keras");
    }

    @Test
    void everyEpochWithoutSaveBestOnlyAndBatchFrequency() throws IOException {
        Keras.setRandomSeed(2);
        Sequential m = model();
        Printed printed = new Printed();
        drive(m, new ModelCheckpoint(dir.resolve("e{epoch}.weights.h5").toString()).saveWeightsOnly(true).verbose(1)
                .out(printed.stream), new double[]{0.3, 0.2});
        assertThat(files(dir)).containsExactly("e1.weights.h5", "e2.weights.h5");
        assertThat(printed.lines()).containsExactly("Epoch 1: saving model to " + dir.resolve("e1.weights.h5"),
                "Epoch 2: saving model to " + dir.resolve("e2.weights.h5"));

        Path sub = dir.resolve("batches");
        INDArray x = Nd4j.rand(DataType.FLOAT, 12, 3);
        INDArray y = Nd4j.rand(DataType.FLOAT, 12, 2);
        model().fit(x, y, FitOptions.epochs(2).batchSize(4).verbose(0).callbacks(
                new ModelCheckpoint(sub.resolve("b-{epoch}-{batch}.keras").toString()).saveFreq(2)));
        // 3 batches per epoch, a save every 2 batches: after epoch 1's 2nd batch, epoch 2's 1st and 3rd.
        assertThat(files(sub)).containsExactly("b-1-2.keras", "b-2-1.keras", "b-2-3.keras");
    }

    @Test
    void badPathsAndUnknownDirectionsAreExplained() {
        Sequential m = model();
        ModelCheckpoint weightsOnly = new ModelCheckpoint(dir.resolve("w.keras").toString()).saveWeightsOnly(true);
        weightsOnly.setModel(m);
        assertThatThrownBy(() -> weightsOnly.onTrainBegin(Map.of())).hasMessageContaining(".weights.h5");
        ModelCheckpoint odd = new ModelCheckpoint(dir.resolve("m.keras").toString()).monitor("val_wobble").saveBestOnly(true);
        assertThatThrownBy(() -> drive(m, odd, new double[]{0.1})).hasMessageContaining("mode(\"max\")");
        ModelCheckpoint missing = new ModelCheckpoint(dir.resolve("m-{val_acc:.2f}.keras").toString());
        assertThatThrownBy(() -> drive(m, missing, new double[]{0.1})).hasMessageContaining("'val_acc'");
    }
}
