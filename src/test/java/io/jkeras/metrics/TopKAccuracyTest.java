package io.jkeras.metrics;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Top-k accuracies: Keras's docstrings, ties at the k-th score, and an epoch against a plain-Java count. */
class TopKAccuracyTest {
    /** Keras's in_top_k: the target's score is at least the k-th largest score of its row. */
    static boolean inTopK(float[] row, int target, int k) {
        int above = 0;
        for (float v : row) if (v > row[target]) above++;
        return above < k;
    }

    @Test
    void docstrings() {
        INDArray p = Nd4j.createFromArray(new float[][]{{0.1f, 0.9f, 0.8f}, {0.05f, 0.95f, 0}});
        var dense = new TopKCategoricalAccuracy().k(1);
        dense.updateState(Nd4j.createFromArray(new float[][]{{0, 0, 1}, {0, 1, 0}}), p, null);
        assertThat(dense.result()).isEqualTo(0.5);
        dense.resetState();
        dense.updateState(Nd4j.createFromArray(new float[][]{{0, 0, 1}, {0, 1, 0}}), p, Nd4j.createFromArray(0.7f, 0.3f));
        assertThat(dense.result()).isCloseTo(0.3, within(1e-7));

        var sparse = new SparseTopKCategoricalAccuracy().k(1);
        sparse.updateState(Nd4j.createFromArray(2, 1), p, null);
        assertThat(sparse.result()).isEqualTo(0.5);
        sparse.resetState();
        sparse.updateState(Nd4j.createFromArray(2, 1), p, Nd4j.createFromArray(0.7f, 0.3f));
        assertThat(sparse.result()).isCloseTo(0.3, within(1e-7));
        assertThat(new TopKCategoricalAccuracy().k()).isEqualTo(5);
    }

    @Test
    void tiesWithTheKthScoreCountAsInside() {
        var m = new SparseTopKCategoricalAccuracy().k(2);
        // row 0: target 3 ties with the 2nd largest (0.5); row 1: target 0 is below three equal scores
        m.updateState(Nd4j.createFromArray(3, 0), Nd4j.createFromArray(new float[][]{{0.9f, 0.5f, 0.1f, 0.5f}, {0.1f, 0.3f, 0.3f, 0.3f}}), null);
        assertThat(m.result()).isEqualTo(0.5);
        var all = new SparseTopKCategoricalAccuracy(); // k = 5 >= 4 classes: always inside
        all.updateState(Nd4j.createFromArray(0, 1), Nd4j.createFromArray(new float[][]{{0, 1, 1, 1}, {1, 0, 1, 1}}), null);
        assertThat(all.result()).isEqualTo(1.0);
    }

    @Test
    void epochWithAndWithoutWeights() {
        Random r = new Random(5);
        int classes = 8;
        int[] ids = Batches.ids(r, Batches.N, classes);
        float[][] p = Batches.probabilities(r, Batches.N, classes);
        p[3] = new float[]{0.2f, 0.2f, 0.2f, 0.1f, 0.1f, 0.1f, 0.05f, 0.05f};
        ids[3] = 5; // ties: scores 0.1 at classes 3, 4, 5; three scores above it, so inside for k = 4
        double[] w = Batches.weights(r, Batches.N);
        for (int k : new int[]{1, 3, 4}) {
            double[] per = new double[Batches.N];
            for (int i = 0; i < per.length; i++) per[i] = inTopK(p[i], ids[i], k) ? 1 : 0;
            AccuracyMetricsTest.assertEpoch(new SparseTopKCategoricalAccuracy().k(k), Batches.arr(ids), Batches.arr(p), per, w);
            AccuracyMetricsTest.assertEpoch(new TopKCategoricalAccuracy().k(k), Batches.arr(Batches.oneHot(ids, classes)), Batches.arr(p), per, w);
        }
    }

    @Test
    void labelsOutsideTheClassesAreRejected() {
        assertThatThrownBy(() -> new SparseTopKCategoricalAccuracy().updateState(Nd4j.createFromArray(0, 7), Nd4j.ones(2, 3), null))
                .hasMessageContaining("label value of 7").hasMessageContaining("[0, 3)");
        assertThatThrownBy(() -> new TopKCategoricalAccuracy().k(0)).hasMessageContaining("k=0");
    }
}
