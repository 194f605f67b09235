package io.jkeras.utils;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfusionMatrixTest {
    @Test
    void rowsAreTrueClassesColumnsPredicted() {
        INDArray cm = ConfusionMatrix.confusionMatrix(Nd4j.createFromArray(0, 1, 2, 2), Nd4j.createFromArray(0, 2, 2, 1), 3);
        assertThat(cm.dataType()).isEqualTo(DataType.LONG);
        assertThat(cm.toLongMatrix()).isDeepEqualTo(new long[][]{{1, 0, 0}, {0, 0, 1}, {0, 1, 1}});
    }

    @Test
    void countsLikeAPlainLoop() {
        Random r = new Random(4);
        int n = 500, k = 7;
        int[] t = new int[n], p = new int[n];
        long[][] expected = new long[k][k];
        for (int i = 0; i < n; i++) {
            t[i] = r.nextInt(k);
            p[i] = r.nextDouble() < 0.6 ? t[i] : r.nextInt(k);
            expected[t[i]][p[i]]++;
        }
        assertThat(ConfusionMatrix.confusionMatrix(Nd4j.createFromArray(t), Nd4j.createFromArray(p)).toLongMatrix()).isDeepEqualTo(expected);
        // predictions as probabilities (argmax) and a larger class count
        INDArray probs = Nd4j.zeros(DataType.FLOAT, n, k);
        for (int i = 0; i < n; i++) probs.putScalar(i, p[i], 0.9);
        INDArray wide = ConfusionMatrix.confusionMatrix(Nd4j.createFromArray(t).reshape(n, 1), probs, 9);
        assertThat(wide.shape()).containsExactly(9, 9);
        assertThat(wide.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, k), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, k))
                .toLongMatrix()).isDeepEqualTo(expected);
    }

    @Test
    void labelsOutOfRange() {
        assertThatThrownBy(() -> ConfusionMatrix.confusionMatrix(Nd4j.createFromArray(0, 3, 1), Nd4j.createFromArray(0, 1, 1), 3))
                .hasMessage("Received a label value of 3 in `y_true` which is outside the valid range of [0, 3) (row 1)");
    }

    /** ND4J's op miscounted 70 of 200 such calls on two threads; each of these must be exact (a Java count). */
    @Test
    void largeRandomLabelSetsAreCountedExactlyEveryTime() {
        java.util.Random r = new java.util.Random(7);
        int n = 10_000;
        for (int it = 0; it < 60; it++) {
            int[] t = new int[n], p = new int[n];
            long[][] ref = new long[10][10];
            for (int i = 0; i < n; i++) {
                t[i] = r.nextInt(10);
                p[i] = r.nextInt(10);
                ref[t[i]][p[i]]++;
            }
            assertThat(ConfusionMatrix.confusionMatrix(Nd4j.createFromArray(t), Nd4j.createFromArray(p), 10).toLongMatrix())
                    .isDeepEqualTo(ref);
        }
    }
}
