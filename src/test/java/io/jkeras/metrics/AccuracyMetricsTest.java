package io.jkeras.metrics;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The accuracies: Keras's docstring values, and a 47-sample epoch in uneven batches against a plain-Java
 * count (correct weight / total weight), with and without sample weights.
 */
class AccuracyMetricsTest {
    static void assertEpoch(Metric m, INDArray yTrue, INDArray yPred, double[] perSample, double[] w) {
        m.resetState();
        Batches.feed(m, yTrue, yPred, null);
        assertThat(m.result()).as(m.name() + " unweighted").isCloseTo(Batches.weightedMean(perSample, null), within(1e-6));
        m.resetState();
        Batches.feed(m, yTrue, yPred, Batches.arr(w));
        assertThat(m.result()).as(m.name() + " weighted").isCloseTo(Batches.weightedMean(perSample, w), within(1e-6));
    }

    @Test
    void binaryAccuracyDocstring() {
        var m = new BinaryAccuracy();
        INDArray t = Nd4j.createFromArray(new float[][]{{1}, {1}, {0}, {0}});
        INDArray p = Nd4j.createFromArray(new float[][]{{0.98f}, {1}, {0}, {0.6f}});
        m.updateState(t, p, null);
        assertThat(m.result()).isEqualTo(0.75);
        m.resetState();
        m.updateState(t, p, Nd4j.createFromArray(1f, 0f, 0f, 1f));
        assertThat(m.result()).isEqualTo(0.5);
    }

    @Test
    void binaryAccuracyOverAnEpoch() {
        Random r = new Random(2);
        float[][] t = Batches.binary(r, Batches.N, 3);
        float[][] p = Batches.uniform(r, Batches.N, 3);
        double[] per = new double[Batches.N];
        for (int i = 0; i < per.length; i++) {
            for (int j = 0; j < 3; j++) per[i] += ((p[i][j] > 0.3 ? 1f : 0f) == t[i][j]) ? 1 : 0;
            per[i] /= 3;
        }
        assertEpoch(new BinaryAccuracy().threshold(0.3), Batches.arr(t), Batches.arr(p), per, Batches.weights(r, Batches.N));
    }

    @Test
    void binaryAccuracyAlignsLabelsOfRankOneAndIntegerLabels() {
        var m = new BinaryAccuracy();
        // y_true (N,) int against y_pred (N, 1): Keras expands y_true to (N, 1); one value per sample
        m.updateState(Nd4j.createFromArray(1, 0, 1, 1, 0), Nd4j.createFromArray(new float[][]{{0.9f}, {0.2f}, {0.4f}, {0.7f}, {0.6f}}), null);
        m.updateState(Nd4j.createFromArray(1), Nd4j.createFromArray(new float[][]{{0.9f}}), null);
        assertThat(m.result()).isCloseTo(4.0 / 6, within(1e-7));
        assertThat(m.count()).isEqualTo(6);
        // a rank-1 pair: as in Keras, mean over the last axis gives one value for the whole batch
        m.resetState();
        m.updateState(Nd4j.createFromArray(1f, 0f, 1f, 1f), Nd4j.createFromArray(0.9f, 0.2f, 0.4f, 0.7f), null);
        assertThat(m.count()).isEqualTo(1);
        assertThat(m.result()).isEqualTo(0.75);
        assertThatThrownBy(() -> new BinaryAccuracy().threshold(1.0)).hasMessageContaining("(0, 1)");
    }

    @Test
    void partialLastBatchCountsBySize() {
        // 16 correct, then 4 wrong: the epoch is 16/20 = 0.8, not (1 + 0) / 2
        var m = new BinaryAccuracy();
        m.updateState(Nd4j.ones(16, 1), Nd4j.ones(16, 1), null);
        m.updateState(Nd4j.ones(4, 1), Nd4j.zeros(4, 1), null);
        assertThat(m.result()).isEqualTo(0.8);
    }

    @Test
    void accuracyDocstring() {
        var m = new Accuracy();
        INDArray t = Nd4j.createFromArray(new float[][]{{1}, {2}, {3}, {4}});
        INDArray p = Nd4j.createFromArray(new float[][]{{0}, {2}, {3}, {4}});
        m.updateState(t, p, null);
        assertThat(m.result()).isEqualTo(0.75);
        m.resetState();
        m.updateState(t, p, Nd4j.createFromArray(1f, 1f, 0f, 0f));
        assertThat(m.result()).isEqualTo(0.5);
    }

    @Test
    void categoricalAccuracyDocstringAndEpoch() {
        var m = new CategoricalAccuracy();
        INDArray t = Nd4j.createFromArray(new float[][]{{0, 0, 1}, {0, 1, 0}});
        INDArray p = Nd4j.createFromArray(new float[][]{{0.1f, 0.9f, 0.8f}, {0.05f, 0.95f, 0}});
        m.updateState(t, p, null);
        assertThat(m.result()).isEqualTo(0.5);
        m.resetState();
        m.updateState(t, p, Nd4j.createFromArray(0.7f, 0.3f));
        assertThat(m.result()).isCloseTo(0.3, within(1e-7));

        Random r = new Random(3);
        int[] ids = Batches.ids(r, Batches.N, 4);
        float[][] probs = Batches.probabilities(r, Batches.N, 4);
        probs[5] = new float[]{0.4f, 0.1f, 0.4f, 0.1f}; // a tie: the first maximum wins
        ids[5] = 2;
        double[] per = new double[Batches.N];
        for (int i = 0; i < per.length; i++) per[i] = argmax(probs[i]) == ids[i] ? 1 : 0;
        assertThat(per[5]).isZero();
        assertEpoch(new CategoricalAccuracy(), Batches.arr(Batches.oneHot(ids, 4)), Batches.arr(probs), per, Batches.weights(r, Batches.N));
        assertThatThrownBy(() -> new CategoricalAccuracy().updateState(Batches.arr(ids), Batches.arr(probs), null))
                .hasMessageContaining("SparseCategoricalAccuracy");
    }

    @Test
    void sparseCategoricalAccuracyDocstringAndEpoch() {
        var m = new SparseCategoricalAccuracy();
        INDArray p = Nd4j.createFromArray(new float[][]{{0.1f, 0.6f, 0.3f}, {0.05f, 0.95f, 0}});
        m.updateState(Nd4j.createFromArray(new float[][]{{2}, {1}}), p, null);
        assertThat(m.result()).isEqualTo(0.5);
        m.resetState();
        m.updateState(Nd4j.createFromArray(new float[][]{{2}, {1}}), p, Nd4j.createFromArray(0.7f, 0.3f));
        assertThat(m.result()).isCloseTo(0.3, within(1e-7));

        Random r = new Random(4);
        int[] ids = Batches.ids(r, Batches.N, 5);
        float[][] probs = Batches.probabilities(r, Batches.N, 5);
        double[] per = new double[Batches.N];
        for (int i = 0; i < per.length; i++) per[i] = argmax(probs[i]) == ids[i] ? 1 : 0;
        double[] w = Batches.weights(r, Batches.N);
        // labels as int (N,), as float (N, 1), and as long: all the same
        assertEpoch(new SparseCategoricalAccuracy(), Batches.arr(ids), Batches.arr(probs), per, w);
        float[][] column = new float[Batches.N][1];
        for (int i = 0; i < ids.length; i++) column[i][0] = ids[i];
        assertEpoch(new SparseCategoricalAccuracy(), Batches.arr(column), Batches.arr(probs), per, w);
        assertEpoch(new SparseCategoricalAccuracy(), Batches.arr(ids).castTo(org.nd4j.linalg.api.buffer.DataType.LONG), Batches.arr(probs), per, w);
    }

    @Test
    void sparseCategoricalAccuracyComparesFloatLabelsAsFloats() {
        var m = new SparseCategoricalAccuracy();
        m.updateState(Nd4j.createFromArray(1.5f, 1f), Nd4j.createFromArray(new float[][]{{0, 1}, {0, 1}}), null);
        assertThat(m.result()).isEqualTo(0.5);
        assertThatThrownBy(() -> m.updateState(Nd4j.ones(2, 3), Nd4j.ones(2, 3), null)).hasMessageContaining("one-hot");
    }

    static int argmax(float[] row) {
        int best = 0;
        for (int j = 1; j < row.length; j++) if (row[j] > row[best]) best = j;
        return best;
    }
}
