package io.jkeras.callbacks;

import io.jkeras.Keras;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.jkeras.callbacks.TestModels.logs;
import static org.assertj.core.api.Assertions.assertThat;

/** ProgbarLogger prints what tf.keras 2 prints during fit, evaluate and predict, hook by hook. */
class ProgbarLoggerTest {
    private final TestModels.Captured printed = new TestModels.Captured();
    private long nanos;

    @BeforeEach
    void fresh() {
        Keras.clearSession();
    }

    private ProgbarLogger logger(Integer epochs, Integer steps, int verbose) {
        ProgbarLogger cb = new ProgbarLogger(printed.out, () -> nanos).dynamicDisplay(false);
        cb.setModel(TestModels.dense());
        // HashMap: "steps" may be null for a source of unknown length, which Map.of refuses.
        Map<String, Object> params = new HashMap<>();
        params.put("epochs", epochs);
        params.put("steps", steps);
        params.put("verbose", verbose);
        cb.setParams(params);
        return cb;
    }

    private void at(double seconds) {
        nanos = Math.round(seconds * 1e9);
    }

    /** One epoch of three 1-second batches, then a silent validation pass. */
    private void epoch(ProgbarLogger cb, int epoch) {
        at(10 * epoch);
        cb.onEpochBegin(epoch, logs());
        double[][] running = {{0.9, 0.5}, {0.7, 0.6}, {0.5, 0.7}};
        for (int b = 0; b < 3; b++) {
            cb.onTrainBatchBegin(b, logs());
            at(10 * epoch + b + 1);
            cb.onTrainBatchEnd(b, logs("loss", running[b][0], "accuracy", running[b][1]));
        }
        cb.onTestBegin(logs());
        cb.onTestBatchEnd(0, logs("loss", 0.4, "accuracy", 0.75));
        cb.onTestEnd(logs("loss", 0.4, "accuracy", 0.75));
        cb.onEpochEnd(epoch, logs("loss", 0.5, "accuracy", 0.7, "val_loss", 0.4, "val_accuracy", 0.75));
    }

    @Test
    void verbose1ShowsEpochHeadersAndTheBarEndingWithValidationResults() {
        ProgbarLogger cb = logger(2, 3, 1);
        cb.onTrainBegin(logs());
        epoch(cb, 0);
        epoch(cb, 1);
        cb.onTrainEnd(logs());
        String oneEpoch = "\n1/3 [=========>....................] - ETA: 2s - loss: 0.9000 - accuracy: 0.5000"
                + "\n2/3 [===================>..........] - ETA: 1s - loss: 0.7000 - accuracy: 0.6000"
                + "\n3/3 [==============================] - ETA: 0s - loss: 0.5000 - accuracy: 0.7000"
                + "\n3/3 [==============================] - 3s 1s/step - loss: 0.5000 - accuracy: 0.7000"
                + " - val_loss: 0.4000 - val_accuracy: 0.7500\n";
        assertThat(printed.text()).isEqualTo("Epoch 1/2\n" + oneEpoch + "Epoch 2/2\n" + oneEpoch);
    }

    @Test
    void verbose2PrintsOneLinePerEpoch() {
        ProgbarLogger cb = logger(2, 3, 2);
        cb.onTrainBegin(logs());
        epoch(cb, 0);
        epoch(cb, 1);
        String line = "3/3 - 3s - loss: 0.5000 - accuracy: 0.7000 - val_loss: 0.4000 - val_accuracy: 0.7500 - 3s/epoch - 1s/step\n";
        assertThat(printed.text()).isEqualTo("Epoch 1/2\n" + line + "Epoch 2/2\n" + line);
    }

    @Test
    void aSingleEpochHasNoHeaderAndVerbose0IsSilent() {
        ProgbarLogger one = logger(1, 3, 2);
        one.onTrainBegin(logs());
        epoch(one, 0);
        assertThat(printed.text()).startsWith("3/3 - 3s");
        TestModels.Captured quiet = new TestModels.Captured();
        ProgbarLogger silent = new ProgbarLogger(quiet.out, () -> nanos);
        silent.setParams(Map.of("epochs", 3, "steps", 3, "verbose", 0));
        silent.onTrainBegin(logs());
        epoch(silent, 0);
        assertThat(quiet.text()).isEmpty();
    }

    @Test
    void unknownStepsAreCountedDuringTheFirstEpoch() {
        ProgbarLogger cb = logger(2, null, 1);
        cb.onTrainBegin(logs());
        epoch(cb, 0);
        String text = printed.text();
        assertThat(text).contains("\n      1/Unknown - 1s 1s/step - loss: 0.9000 - accuracy: 0.5000");
        assertThat(text).endsWith("\n3/3 [==============================] - 3s 1s/step - loss: 0.5000 - accuracy: 0.7000"
                + " - val_loss: 0.4000 - val_accuracy: 0.7500\n");
        epoch(cb, 1);
        assertThat(printed.text().substring(text.length())).startsWith("Epoch 2/2\n\n1/3 [");
    }

    @Test
    void evaluateOutsideFitShowsItsOwnBar() {
        ProgbarLogger cb = logger(1, 2, 1);
        at(0);
        cb.onTestBegin(logs());
        at(0.5);
        cb.onTestBatchEnd(0, logs("loss", 0.3));
        at(1);
        cb.onTestBatchEnd(1, logs("loss", 0.2));
        cb.onTestEnd(logs("loss", 0.2));
        assertThat(printed.text()).isEqualTo("\n1/2 [==============>...............] - ETA: 0s - loss: 0.3000"
                + "\n2/2 [==============================] - ETA: 0s - loss: 0.2000"
                + "\n2/2 [==============================] - 1s 500ms/step - loss: 0.2000\n");
    }

    @Test
    void predictShowsABarWithoutValues() {
        ProgbarLogger cb = logger(1, 1, 1);
        at(0);
        cb.onPredictBegin(logs());
        at(0.004);
        cb.onPredictBatchEnd(0, logs("outputs", 1.0));
        cb.onPredictEnd(logs());
        assertThat(printed.text()).isEqualTo("\n1/1 [==============================] - ETA: 0s"
                + "\n1/1 [==============================] - 0s 4ms/step\n");
    }
}
