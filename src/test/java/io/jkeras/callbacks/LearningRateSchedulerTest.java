package io.jkeras.callbacks;

import io.jkeras.Keras;
import io.jkeras.models.Sequential;
import io.jkeras.optimizers.SGD;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.jkeras.callbacks.TestModels.logs;
import static org.assertj.core.api.Assertions.assertThat;

/** LearningRateScheduler sets the rate at each epoch's start and reports it at its end, as Keras 3. */
class LearningRateSchedulerTest {
    private SGD sgd;
    private Sequential model;

    @BeforeEach
    void fresh() {
        Keras.clearSession();
        sgd = new SGD(0.01);
        model = TestModels.withOptimizer(sgd);
    }

    @Test
    void kerasDocExampleReaches000607AfterFifteenEpochs() {
        LearningRateScheduler cb = new LearningRateScheduler((epoch, lr) -> epoch < 10 ? lr : lr * Math.exp(-0.1));
        cb.setModel(model);
        List<Double> logged = new ArrayList<>();
        for (int epoch = 0; epoch < 15; epoch++) {
            cb.onEpochBegin(epoch, logs());
            Map<String, Double> l = logs("loss", 1.0);
            cb.onEpochEnd(epoch, l);
            logged.add(l.get("learning_rate"));
        }
        assertThat(Math.round(sgd.learningRate() * 1e5) / 1e5).isEqualTo(0.00607);
        assertThat(logged.get(0)).isEqualTo((double) (float) 0.01);
        assertThat(logged.get(14)).isEqualTo(sgd.learningRate());
    }

    @Test
    void theScheduleSeesTheEpochAndTheCurrentRate() {
        List<String> calls = new ArrayList<>();
        LearningRateScheduler cb = new LearningRateScheduler((epoch, lr) -> {
            calls.add(epoch + ":" + lr);
            return 0.5 / (epoch + 1);
        });
        cb.setModel(model);
        cb.onEpochBegin(0, logs());
        cb.onEpochBegin(1, logs());
        assertThat(calls).containsExactly("0:" + (double) (float) 0.01, "1:0.5");
        assertThat(sgd.learningRate()).isEqualTo(0.25);
    }

    @Test
    void verbosePrintsKerasMessage() {
        TestModels.Captured printed = new TestModels.Captured();
        LearningRateScheduler cb = new LearningRateScheduler((epoch, lr) -> 1e-5, 1).out(printed.out);
        cb.setModel(model);
        cb.onEpochBegin(2, logs());
        assertThat(printed.text()).isEqualTo("\nEpoch 3: LearningRateScheduler setting learning rate to 1e-05.\n");
    }
}
