package io.jkeras.callbacks;

import io.jkeras.Keras;
import io.jkeras.models.Sequential;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.jkeras.callbacks.TestModels.logs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TerminateOnNaN stops at the first batch whose loss is NaN or infinite. */
class TerminateOnNaNTest {
    private Sequential model;

    @BeforeEach
    void fresh() {
        Keras.clearSession();
        model = TestModels.dense();
    }

    @Test
    void aNaNLossStopsTrainingWithKerasMessage() {
        TestModels.Captured printed = new TestModels.Captured();
        TerminateOnNaN cb = new TerminateOnNaN().out(printed.out);
        cb.setModel(model);
        cb.onTrainBatchEnd(0, logs("loss", 0.7));
        cb.onTrainBatchEnd(1, logs("accuracy", Double.NaN));
        assertThat(model.stopTraining()).isFalse();
        cb.onTrainBatchEnd(3, logs("loss", Double.NaN));
        assertThat(model.stopTraining()).isTrue();
        assertThat(printed.text()).isEqualTo("Batch 3: Invalid loss, terminating training\n");
    }

    @Test
    void anInfiniteLossStopsTrainingToo() {
        TerminateOnNaN cb = new TerminateOnNaN().out(new TestModels.Captured().out);
        cb.setModel(model);
        cb.onTrainBatchEnd(0, logs("loss", Double.NEGATIVE_INFINITY));
        assertThat(model.stopTraining()).isTrue();
    }

    @Test
    void raiseErrorThrowsAtOnce() {
        TerminateOnNaN cb = new TerminateOnNaN().raiseError(true);
        cb.setModel(model);
        assertThatThrownBy(() -> cb.onTrainBatchEnd(5, logs("loss", Double.POSITIVE_INFINITY)))
                .hasMessage("NaN or Inf loss encountered at batch 5. Loss value: inf. Terminating training immediately.");
        assertThat(model.stopTraining()).isFalse();
    }
}
