package io.jkeras.callbacks;

import io.jkeras.Keras;
import io.jkeras.models.Sequential;
import io.jkeras.optimizers.Adam;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.jkeras.callbacks.TestModels.logs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ReduceLROnPlateau changes a real Adam's learning rate as Keras 3 does, with cooldown and min_lr. */
class ReduceLROnPlateauTest {
    private Adam adam;
    private Sequential model;

    @BeforeEach
    void fresh() {
        Keras.clearSession();
        adam = new Adam(0.001);
        model = TestModels.withOptimizer(adam);
    }

    /** The learning rate after each epoch's end, for these monitored values. */
    private List<Double> run(ReduceLROnPlateau cb, String key, double... values) {
        cb.setModel(model);
        cb.onTrainBegin(logs());
        List<Double> rates = new ArrayList<>();
        for (int epoch = 0; epoch < values.length; epoch++) {
            Map<String, Double> l = logs(key, values[epoch]);
            cb.onEpochEnd(epoch, l);
            // Keras 3 adds the rate in use at the epoch's end, before any reduction.
            assertThat(l).containsKey("learning_rate");
            rates.add(adam.learningRate());
        }
        return rates;
    }

    @Test
    void reducesAfterPatienceThenCoolsDownAndStopsAtMinLr() {
        TestModels.Captured printed = new TestModels.Captured();
        ReduceLROnPlateau cb = new ReduceLROnPlateau().factor(0.5).patience(2).cooldown(1).minLr(0.0003).verbose(1).out(printed.out);
        double f001 = (float) 0.001, f0005 = (float) 0.0005000000237487257, f0003 = (float) 0.0003;
        List<Double> rates = run(cb, "val_loss", 1, 1, 1, 1, 1, 1, 1, 1);
        // e0 best; e1 wait 1; e2 wait 2 → halve; e3 cooldown; e4 wait 2 → floor at min_lr; then nothing lower.
        assertThat(rates).containsExactly(f001, f001, f0005, f0005, f0003, f0003, f0003, f0003);
        assertThat(printed.text()).isEqualTo(
                "\nEpoch 3: ReduceLROnPlateau reducing learning rate to 0.0005000000237487257.\n"
                        + "\nEpoch 5: ReduceLROnPlateau reducing learning rate to 0.0003.\n");
    }

    @Test
    void improvementsSmallerThanMinDeltaDoNotCount() {
        ReduceLROnPlateau cb = new ReduceLROnPlateau().patience(2).minDelta(0.1);
        List<Double> rates = run(cb, "val_loss", 1.0, 0.95, 0.91);
        assertThat(rates.get(2)).isEqualTo((double) (float) ((double) (float) 0.001 * 0.1));
        ReduceLROnPlateau small = new ReduceLROnPlateau().patience(2);
        adam.learningRate(0.001);
        assertThat(run(small, "val_loss", 1.0, 0.95, 0.91).get(2)).isEqualTo((double) (float) 0.001);
    }

    @Test
    void accuracyNamesAreMaximized() {
        ReduceLROnPlateau cb = new ReduceLROnPlateau().monitor("val_acc").patience(1);
        List<Double> rates = run(cb, "val_acc", 0.5, 0.6, 0.55);
        assertThat(rates.get(1)).isEqualTo((double) (float) 0.001);
        assertThat(rates.get(2)).isLessThan(rates.get(1));
        ReduceLROnPlateau max = new ReduceLROnPlateau().monitor("val_loss").mode("max").patience(1);
        adam.learningRate(0.001);
        assertThat(run(max, "val_loss", 0.5, 0.6, 0.7).get(2)).isEqualTo((double) (float) 0.001);
    }

    @Test
    void aMissingMonitorChangesNothing() {
        ReduceLROnPlateau cb = new ReduceLROnPlateau().patience(0);
        assertThat(run(cb, "loss", 1, 2, 3)).containsOnly((double) (float) 0.001);
    }

    @Test
    void aFactorOfOneOrMoreIsRefused() {
        assertThatThrownBy(() -> new ReduceLROnPlateau().factor(1.0))
                .hasMessage("ReduceLROnPlateau does not support a factor >= 1.0. Received factor=1.0");
    }

    @Test
    void anUncompiledModelIsExplained() {
        ReduceLROnPlateau cb = new ReduceLROnPlateau();
        cb.setModel(TestModels.dense());
        assertThatThrownBy(() -> cb.onEpochEnd(0, logs("val_loss", 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("compile");
    }

    @Test
    void readOnlyLogsAreLeftAlone() {
        ReduceLROnPlateau cb = new ReduceLROnPlateau();
        cb.setModel(model);
        cb.onTrainBegin(Map.of());
        cb.onEpochEnd(0, Map.of("val_loss", 1.0));
        assertThat(cb.best()).isEqualTo(1.0);
    }
}
