package io.jkeras.utils;

import io.jkeras.Keras;
import io.jkeras.layers.Dense;
import io.jkeras.layers.Dropout;
import io.jkeras.models.Sequential;
import io.jkeras.training.FitOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkspacesTest {
    @AfterEach
    void restore() {
        Workspaces.setEnabled(true);
    }

    @Test
    void temporariesLiveInTheStepAndPersistentArraysOutsideIt() {
        INDArray[] kept = new INDArray[2];
        try (Workspaces.Scope ignored = Workspaces.open("jkeras_test_ws")) {
            assertThat(Workspaces.active()).isTrue();
            kept[0] = Nd4j.ones(DataType.FLOAT, 3);
            kept[1] = Workspaces.persistent(() -> Nd4j.ones(DataType.FLOAT, 3));
            assertThat(kept[0].isAttached()).isTrue();
            assertThat(kept[1].isAttached()).isFalse();
            assertThat(Workspaces.detach(kept[0]).isAttached()).isFalse();
        }
        assertThat(Workspaces.active()).isFalse();
        assertThat(kept[1].sumNumber().doubleValue()).isEqualTo(3.0);
    }

    @Test
    void theTestSuiteCatchesAnArrayUsedAfterItsStep() {
        // The suite runs with -Djkeras.checkWorkspaces=true: an escaped temporary must fail loudly, not read garbage.
        assertThat(Boolean.getBoolean("jkeras.checkWorkspaces")).isTrue();
        INDArray[] escaped = new INDArray[1];
        try (Workspaces.Scope ignored = Workspaces.open("jkeras_test_ws")) {
            escaped[0] = Nd4j.ones(DataType.FLOAT, 3);
        }
        try (Workspaces.Scope ignored = Workspaces.open("jkeras_test_ws")) {
            Nd4j.ones(DataType.FLOAT, 3);
        }
        assertThatThrownBy(() -> escaped[0].add(1.0)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void aNestedOpenUsesTheOuterStep() {
        try (Workspaces.Scope outer = Workspaces.open("jkeras_test_ws")) {
            try (Workspaces.Scope inner = Workspaces.open("jkeras_other_ws")) {
                assertThat(Nd4j.getMemoryManager().getCurrentWorkspace().getId()).isEqualTo("jkeras_test_ws");
            }
            assertThat(Workspaces.active()).isTrue();
        }
    }

    @Test
    void trainingGivesTheSameNumbersWithAndWithoutWorkspaces() {
        assertThat(train(true)).isEqualTo(train(false));
    }

    private static Map<String, List<Double>> train(boolean workspaces) {
        Workspaces.setEnabled(workspaces);
        Keras.setRandomSeed(7);
        INDArray x = Nd4j.rand(DataType.FLOAT, 64, 5);
        INDArray y = x.sum(1).gt(2.5).castTo(DataType.FLOAT).reshape(64, 1);
        Sequential m = new Sequential(new Dense(8).activation("relu").inputShape(5), new Dropout(0.2),
                new Dense(1).activation("sigmoid"));
        m.compile("adam", "binary_crossentropy", "accuracy");
        Map<String, List<Double>> h = new java.util.LinkedHashMap<>(m.fit(x, y, FitOptions.epochs(3).batchSize(16).validationSplit(0.25).verbose(0)).history());
        INDArray p = m.predict(x);
        assertThat(p.isAttached()).isFalse();
        h.put("prediction_sum", List.of(p.sumNumber().doubleValue()));
        return h;
    }
}
