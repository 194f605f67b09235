package io.jkeras.callbacks;

import io.jkeras.Keras;
import io.jkeras.layers.Dense;
import io.jkeras.models.Sequential;
import io.jkeras.optimizers.Adam;
import io.jkeras.optimizers.SGD;
import io.jkeras.training.FitOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The callbacks inside a real model.fit. */
class FitCallbacksTest {
    @TempDir
    Path dir;

    @BeforeEach
    void fresh() {
        Keras.clearSession();
        Keras.setRandomSeed(7);
    }

    /** Keras's EarlyStopping example: inputs up to 99 make SGD diverge, so the loss only grows after epoch 0. */
    private static Sequential divergingModel() {
        Sequential m = new Sequential(new Dense(10).inputShape(20));
        m.compile(new SGD(), "mse");
        return m;
    }

    private static INDArray arange5x20() {
        return Nd4j.arange(100).castTo(DataType.FLOAT).reshape(5, 20);
    }

    @Test
    void earlyStoppingEndsFitAndHistoryHasFewerEpochsAsInKerasExample() {
        Sequential m = divergingModel();
        TestModels.Captured printed = new TestModels.Captured();
        List<List<INDArray>> weightsAtEpochEnd = new ArrayList<>();
        LambdaCallback snapshot = LambdaCallback.builder().onEpochEnd((e, l) -> weightsAtEpochEnd.add(m.getWeights())).build();
        EarlyStopping es = new EarlyStopping().monitor("loss").patience(3).restoreBestWeights(true).verbose(1).out(printed.out);
        History h = m.fit(arange5x20(), Nd4j.zeros(DataType.FLOAT, 5, 10),
                FitOptions.epochs(10).batchSize(1).verbose(0).callbacks(snapshot, es));
        assertThat(h.history().get("loss")).hasSize(4);
        assertThat(h.epoch()).containsExactly(0, 1, 2, 3);
        assertThat(es.stoppedEpoch()).isEqualTo(3);
        assertThat(printed.text()).isEqualTo("Epoch 4: early stopping\nRestoring model weights from the end of the best epoch: 1.\n");
        List<INDArray> now = m.getWeights();
        for (int i = 0; i < now.size(); i++) assertThat(now.get(i)).isEqualTo(weightsAtEpochEnd.get(0).get(i));
    }

    @Test
    void terminateOnNaNStopsAFitWithAHugeLearningRate() {
        Sequential m = new Sequential(new Dense(10).inputShape(20));
        m.compile(new SGD(1e10), "mse");
        TestModels.Captured printed = new TestModels.Captured();
        List<Integer> batches = new ArrayList<>();
        LambdaCallback counter = LambdaCallback.builder().onTrainBatchEnd((b, l) -> batches.add(b)).build();
        History h = m.fit(arange5x20(), Nd4j.zeros(DataType.FLOAT, 5, 10),
                FitOptions.epochs(10).batchSize(1).verbose(0).callbacks(counter, new TerminateOnNaN().out(printed.out)));
        assertThat(batches.size()).isLessThan(50);
        assertThat(h.history().get("loss")).hasSize(1);
        double last = h.history().get("loss").get(0);
        assertThat(Double.isFinite(last)).isFalse();
        int stopped = batches.get(batches.size() - 1);
        assertThat(printed.text()).isEqualTo("Batch " + stopped + ": Invalid loss, terminating training\n");
    }

    @Test
    void schedulersPutTheLearningRateInHistory() {
        Sequential m = new Sequential(new Dense(2).inputShape(3));
        Adam adam = new Adam(0.01);
        m.compile(adam, "mse");
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 3);
        INDArray y = Nd4j.rand(DataType.FLOAT, 16, 2);
        LearningRateScheduler sched = new LearningRateScheduler((epoch, lr) -> 0.01 / (epoch + 1));
        History h = m.fit(x, y, FitOptions.epochs(3).batchSize(8).verbose(0).callbacks(sched));
        assertThat(h.history().get("learning_rate"))
                .containsExactly((double) (float) 0.01, (double) (float) 0.005, (double) (float) (0.01 / 3));
        ReduceLROnPlateau plateau = new ReduceLROnPlateau().monitor("loss").minDelta(1e9).patience(1).factor(0.5);
        h = m.fit(x, y, FitOptions.epochs(3).batchSize(8).verbose(0).callbacks(plateau));
        // min_delta 1e9: no epoch ever improves, so every epoch after the first halves the rate.
        List<Double> rates = h.history().get("learning_rate");
        assertThat(rates).hasSize(3);
        assertThat(adam.learningRate()).isLessThan(rates.get(2));
    }

    @Test
    void csvLoggerWritesOneRowPerEpochWithValidation() throws IOException {
        Sequential m = new Sequential(new Dense(2).inputShape(3));
        m.compile(new SGD(0.01), "mse");
        Path f = dir.resolve("log.csv");
        m.fit(Nd4j.rand(DataType.FLOAT, 20, 3), Nd4j.rand(DataType.FLOAT, 20, 2),
                FitOptions.epochs(2).batchSize(5).verbose(0).validationSplit(0.2).callbacks(new CSVLogger(f.toString())));
        List<String> lines = Files.readAllLines(f);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("epoch,loss,val_loss");
        assertThat(lines.get(1)).matches("0,[0-9.e-]+,[0-9.e-]+");
        assertThat(lines.get(2)).startsWith("1,");
    }

    /** Runs {@code body} with standard output captured; the fit's own ProgbarLogger prints there. */
    private static String stdout(Runnable body) {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setOut(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void fitPrintsTfKeras2ProgressLines() {
        Sequential m = new Sequential(new Dense(2).activation("softmax").inputShape(3));
        m.compile(new SGD(0.01), "categorical_crossentropy", "accuracy");
        INDArray x = Nd4j.rand(DataType.FLOAT, 40, 3);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 40, 2);
        y.getColumn(0).assign(1);
        String v2 = stdout(() -> m.fit(x, y, FitOptions.epochs(2).batchSize(10).verbose(2).validationSplit(0.25)));
        // %.4f, or %.4e at or under 1e-3 (an accuracy of 0 prints 0.0000e+00).
        String num = "(\\d\\.\\d{4}|\\d\\.\\d{4}e[-+]\\d\\d)";
        String line = "3/3 - \\d+s - loss: " + num + " - accuracy: " + num + " - val_loss: " + num + " - val_accuracy: " + num
                + " - \\d+[mu]?s/epoch - \\d+[mu]?s/step\n";
        assertThat(v2).matches("Epoch 1/2\n" + line + "Epoch 2/2\n" + line);
        // Not a terminal under the test runner: each shown update on its own line, the epoch's result last.
        String v1 = stdout(() -> m.fit(x, y, FitOptions.epochs(1).batchSize(10).verbose(1)));
        assertThat(v1).startsWith("\n1/4 [======>.......................] - ETA: ");
        assertThat(v1).containsPattern("\n4/4 \\[==============================\\] - \\d+s \\d+[mu]?s/step - loss: " + num
                + " - accuracy: " + num + "\n$");
    }
}
