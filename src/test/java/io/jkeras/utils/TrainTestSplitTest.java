package io.jkeras.utils;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainTestSplitTest {
    /** Rows 0..n-1 of x hold their own index (twice, so x is 2-D); y holds the class. */
    private static INDArray x(int n) {
        INDArray col = Nd4j.arange(n).castTo(DataType.DOUBLE).reshape(n, 1);
        return Nd4j.hstack(col, col);
    }

    private static INDArray y(int... counts) {
        int n = Arrays.stream(counts).sum();
        int[] y = new int[n];
        int k = 0;
        for (int c = 0; c < counts.length; c++) for (int j = 0; j < counts[c]; j++) y[k++] = c;
        return Nd4j.createFromArray(y);
    }

    private static int[] classCounts(INDArray labels, int k) {
        int[] out = new int[k];
        for (long v : labels.toLongVector()) out[(int) v]++;
        return out;
    }

    @Test
    void stratifiedSharesFollowSklearnsRule() {
        // 7/5/3 samples, test_size 0.3: n_test = ceil(4.5) = 5, n_train = 10. Train shares 4.67, 3.33, 2 -> floors 4, 3, 2,
        // the missing one to the largest remainder (class 0): 5, 3, 2. Test from the 2, 2, 1 left: exactly those.
        TrainTestSplit.Split s = TrainTestSplit.trainTestSplit(x(15), y(7, 5, 3), 0.3, 1L, true);
        assertThat(classCounts(s.yTrain(), 3)).containsExactly(5, 3, 2);
        assertThat(classCounts(s.yTest(), 3)).containsExactly(2, 2, 1);
        // 60/25/15 with test_size 0.2: exact shares 48/20/12 and 12/5/3.
        TrainTestSplit.Split t = TrainTestSplit.trainTestSplit(x(100), y(60, 25, 15), 0.2, 5L, true);
        assertThat(classCounts(t.yTrain(), 3)).containsExactly(48, 20, 12);
        assertThat(classCounts(t.yTest(), 3)).containsExactly(12, 5, 3);
        // one-hot labels stratify the same way
        TrainTestSplit.Split u = TrainTestSplit.trainTestSplit(x(100), Categorical.toCategorical(y(60, 25, 15)), 0.2, 5L, true);
        assertThat(classCounts(Nd4j.argMax(u.yTest(), 1), 3)).containsExactly(12, 5, 3);
    }

    @Test
    void partsAreDisjointCompleteAndPaired() {
        INDArray labels = y(30, 20);
        for (boolean stratify : new boolean[]{false, true}) {
            TrainTestSplit.Split s = TrainTestSplit.trainTestSplit(x(50), labels, 0.25, 3L, stratify);
            assertThat(s.xTest().rows()).isEqualTo(13); // ceil(12.5)
            assertThat(s.xTrain().rows()).isEqualTo(37);
            Set<Long> seen = new HashSet<>();
            for (INDArray[] part : new INDArray[][]{{s.xTrain(), s.yTrain()}, {s.xTest(), s.yTest()}}) {
                for (int i = 0; i < part[0].rows(); i++) {
                    long row = part[0].getLong(i, 0);
                    assertThat(seen.add(row)).isTrue();
                    assertThat(part[1].getLong(i)).as("y stays with its x").isEqualTo(labels.getLong(row));
                }
            }
            assertThat(seen).hasSize(50);
        }
    }

    @Test
    void seedsRepeat() {
        INDArray a = TrainTestSplit.trainTestSplit(x(40), y(20, 20), 0.5, 9L).xTest();
        assertThat(TrainTestSplit.trainTestSplit(x(40), y(20, 20), 0.5, 9L).xTest()).isEqualTo(a);
        assertThat(TrainTestSplit.trainTestSplit(x(40), y(20, 20), 0.5, 10L).xTest()).isNotEqualTo(a);
        assertThat(a.getColumn(0).toDoubleVector()).isNotEqualTo(Nd4j.arange(20).castTo(DataType.DOUBLE).toDoubleVector());
    }

    @Test
    void errors() {
        assertThatThrownBy(() -> TrainTestSplit.trainTestSplit(x(5), y(4, 1), 0.4, 1L, true))
                .hasMessage("The least populated class in y has only 1 member, which is too few. The minimum number of groups for any "
                        + "class cannot be less than 2.");
        assertThatThrownBy(() -> TrainTestSplit.trainTestSplit(x(10), y(5, 5), 1.5, 1L))
                .hasMessage("test_size=1.5 should be either positive and smaller than the number of samples 10 or a float in the (0, 1) range");
        assertThatThrownBy(() -> TrainTestSplit.trainTestSplit(x(10), y(2, 2, 2, 2, 2), 0.2, 1L, true))
                .hasMessage("The test_size = 2 should be greater or equal to the number of classes = 5");
    }
}
