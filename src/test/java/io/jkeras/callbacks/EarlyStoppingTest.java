package io.jkeras.callbacks;

import io.jkeras.Keras;
import io.jkeras.models.Sequential;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Map;

import static io.jkeras.callbacks.TestModels.logs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** EarlyStopping follows Keras 3's logic epoch by epoch, on a real model. */
class EarlyStoppingTest {
    private Sequential model;

    @BeforeEach
    void fresh() {
        Keras.clearSession();
        Keras.setRandomSeed(3);
        model = TestModels.dense();
    }

    /** Drives epochs with these monitored values until the callback stops training; returns the epochs run. */
    private int run(EarlyStopping es, String key, double... values) {
        es.setModel(model);
        es.setParams(Map.of("epochs", values.length, "steps", 1, "verbose", 0));
        model.setStopTraining(false);
        es.onTrainBegin(logs());
        int epoch = 0;
        for (; epoch < values.length && !model.stopTraining(); epoch++) {
            es.onEpochBegin(epoch, logs());
            es.onEpochEnd(epoch, logs(key, values[epoch]));
        }
        es.onTrainEnd(logs());
        return epoch;
    }

    @Test
    void stopsAfterPatienceEpochsWithoutImprovement() {
        EarlyStopping es = new EarlyStopping().patience(2);
        // best 0.5 at epoch 1; epochs 2 and 3 do not improve → stop at epoch 3.
        assertThat(run(es, "val_loss", 1.0, 0.5, 0.6, 0.55, 0.1)).isEqualTo(4);
        assertThat(es.stoppedEpoch()).isEqualTo(3);
        assertThat(es.bestEpoch()).isEqualTo(1);
        assertThat(es.best()).isEqualTo(0.5);
        assertThat(model.stopTraining()).isTrue();
    }

    @Test
    void patienceZeroStopsAtTheFirstEpochWithoutImprovementButNeverAtEpochZero() {
        EarlyStopping es = new EarlyStopping();
        assertThat(run(es, "val_loss", 1.0, 1.0, 0.5)).isEqualTo(2);
        assertThat(es.stoppedEpoch()).isEqualTo(1);
    }

    @Test
    void minDeltaDecidesWhatCountsAsAnImprovement() {
        EarlyStopping es = new EarlyStopping().monitor("loss").minDelta(-0.1).patience(1);
        // 0.95 is 0.05 better than 1.0: not enough with min_delta 0.1 (sign ignored).
        assertThat(run(es, "loss", 1.0, 0.95, 0.5)).isEqualTo(2);
        EarlyStopping es2 = new EarlyStopping().monitor("loss").minDelta(0.1).patience(1);
        assertThat(run(es2, "loss", 1.0, 0.85, 0.7, 0.65)).isEqualTo(4);
        assertThat(es2.stoppedEpoch()).isEqualTo(3);
    }

    @Test
    void accuracyIsMaximizedInAutoMode() {
        EarlyStopping es = new EarlyStopping().monitor("val_accuracy").patience(1);
        assertThat(run(es, "val_accuracy", 0.5, 0.7, 0.6, 0.9)).isEqualTo(3);
        assertThat(es.best()).isEqualTo(0.7);
        EarlyStopping max = new EarlyStopping().monitor("val_loss").mode("max").patience(0);
        assertThat(run(max, "val_loss", 1.0, 2.0, 1.5)).isEqualTo(3);
        EarlyStopping prefixed = new EarlyStopping().monitor("val_dense_1_sparse_categorical_accuracy");
        assertThat(run(prefixed, "val_dense_1_sparse_categorical_accuracy", 0.5, 0.6, 0.7)).isEqualTo(3);
    }

    @Test
    void anUnknownDirectionIsRefusedWithKerasAdvice() {
        EarlyStopping es = new EarlyStopping().monitor("val_foo");
        assertThatThrownBy(() -> run(es, "val_foo", 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("monitor=val_foo")
                .hasMessageContaining("mode(\"max\")");
        assertThat(run(new EarlyStopping().monitor("val_foo").mode("min"), "val_foo", 1.0, 2.0)).isEqualTo(2);
    }

    @Test
    void baselineMustBeBeatenToRestartTheWait() {
        EarlyStopping es = new EarlyStopping().baseline(0.5).patience(2);
        // 0.8 improves but not past the baseline, so the wait is not reset: epoch 2 runs out the patience.
        assertThat(run(es, "val_loss", 0.9, 0.8, 0.85, 0.6)).isEqualTo(3);
        assertThat(es.stoppedEpoch()).isEqualTo(2);
        // Without a baseline the same values leave patience to spare.
        assertThat(run(new EarlyStopping().patience(2), "val_loss", 0.9, 0.8, 0.85, 0.6)).isEqualTo(4);
        EarlyStopping beaten = new EarlyStopping().baseline(0.5).patience(2);
        assertThat(run(beaten, "val_loss", 0.9, 0.4, 0.3, 0.2)).isEqualTo(4);
        assertThat(beaten.stoppedEpoch()).isZero();
    }

    @Test
    void startFromEpochSkipsWarmUpEpochs() {
        EarlyStopping es = new EarlyStopping().startFromEpoch(3);
        // Epochs 0-2 worsen but are not monitored; epoch 3 is the first best, 4 does not improve.
        assertThat(run(es, "val_loss", 0.1, 0.2, 0.3, 0.4, 0.5, 0.6)).isEqualTo(5);
        assertThat(es.bestEpoch()).isEqualTo(3);
        assertThat(es.stoppedEpoch()).isEqualTo(4);
    }

    @Test
    void restoreBestWeightsPutsBackTheBestEpochsWeights() {
        TestModels.Captured printed = new TestModels.Captured();
        EarlyStopping es = new EarlyStopping().patience(1).restoreBestWeights(true).verbose(1).out(printed.out);
        es.setModel(model);
        es.onTrainBegin(logs());
        double[] losses = {1.0, 0.4, 0.6, 0.7};
        List<INDArray> atBest = null;
        int epoch = 0;
        for (; epoch < losses.length && !model.stopTraining(); epoch++) {
            // "Training" changes the weights every epoch.
            model.setWeights(model.getWeights().stream().map(w -> w.addi(1.0)).toList());
            if (epoch == 1) atBest = model.getWeights();
            es.onEpochEnd(epoch, logs("val_loss", losses[epoch]));
        }
        assertThat(epoch).isEqualTo(3);
        assertThat(model.getWeights().get(0)).isNotEqualTo(atBest.get(0));
        es.onTrainEnd(logs());
        List<INDArray> now = model.getWeights();
        for (int i = 0; i < now.size(); i++) assertThat(now.get(i)).isEqualTo(atBest.get(i));
        assertThat(printed.text()).isEqualTo("Epoch 3: early stopping\n"
                + "Restoring model weights from the end of the best epoch: 2.\n");
    }

    @Test
    void restoresAlsoWhenAllEpochsRanAsKeras3() {
        EarlyStopping es = new EarlyStopping().monitor("loss").patience(5).restoreBestWeights(true);
        es.setModel(model);
        es.onTrainBegin(logs());
        List<INDArray> atBest = null;
        double[] losses = {0.9, 0.3, 0.5};
        for (int epoch = 0; epoch < 3; epoch++) {
            model.setWeights(model.getWeights().stream().map(w -> w.muli(2.0).addi(1.0)).toList());
            if (epoch == 1) atBest = model.getWeights();
            es.onEpochEnd(epoch, logs("loss", losses[epoch]));
        }
        assertThat(model.stopTraining()).isFalse();
        es.onTrainEnd(logs());
        assertThat(model.getWeights().get(0)).isEqualTo(atBest.get(0));
    }

    @Test
    void aMissingMonitorNeverStopsTraining() {
        EarlyStopping es = new EarlyStopping();
        assertThat(run(es, "loss", 1.0, 2.0, 3.0)).isEqualTo(3);
        assertThat(es.best()).isNull();
    }

    @Test
    void anInstanceCanServeSeveralFits() {
        EarlyStopping es = new EarlyStopping().patience(1);
        assertThat(run(es, "val_loss", 1.0, 2.0, 3.0)).isEqualTo(2);
        assertThat(run(es, "val_loss", 5.0, 4.0, 3.0)).isEqualTo(3);
        assertThat(es.stoppedEpoch()).isZero();
        assertThat(es.best()).isEqualTo(3.0);
    }
}
