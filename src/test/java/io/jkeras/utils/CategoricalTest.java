package io.jkeras.utils;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CategoricalTest {
    /** The reference: row i has a 1 at column labels[i]. */
    private static float[][] oneHot(int[] labels, int classes) {
        float[][] m = new float[labels.length][classes];
        for (int i = 0; i < labels.length; i++) m[i][labels[i]] = 1;
        return m;
    }

    @Test
    void kerasDocstringExample() {
        // keras.utils.to_categorical([0, 1, 2, 3], num_classes=4) prints the 4x4 identity
        INDArray a = Categorical.toCategorical(new int[]{0, 1, 2, 3}, 4);
        assertThat(a.toFloatMatrix()).isDeepEqualTo(oneHot(new int[]{0, 1, 2, 3}, 4));
        assertThat(a.dataType()).isEqualTo(DataType.FLOAT);
    }

    @Test
    void inferredClassesAndShapes() {
        int[] y = {2, 0, 5, 5, 1};
        INDArray a = Categorical.toCategorical(y);
        assertThat(a.shape()).containsExactly(5, 6); // max + 1
        assertThat(a.toFloatMatrix()).isDeepEqualTo(oneHot(y, 6));
        // (N, 1) drops the trailing 1; numClasses 0 means "infer", as Keras's `if not num_classes`
        INDArray col = Nd4j.createFromArray(new long[][]{{2}, {0}, {5}, {5}, {1}});
        assertThat(Categorical.toCategorical(col, 0).toFloatMatrix()).isDeepEqualTo(oneHot(y, 6));
        // (N, T) gets a class axis
        INDArray seq = Nd4j.createFromArray(new int[][]{{0, 1, 2}, {2, 2, 0}});
        INDArray s = Categorical.toCategorical(seq, 3);
        assertThat(s.shape()).containsExactly(2, 3, 3);
        assertThat(s.getFloat(1, 0, 2)).isEqualTo(1f);
        assertThat(s.getFloat(1, 2, 0)).isEqualTo(1f);
        assertThat(s.sumNumber().intValue()).isEqualTo(6);
        // floats are truncated to ints, as np.array(x, dtype="int64")
        INDArray f = Categorical.toCategorical(Nd4j.createFromArray(1.9f, 0.2f), 3, DataType.DOUBLE);
        assertThat(f.dataType()).isEqualTo(DataType.DOUBLE);
        assertThat(f.toDoubleMatrix()).isDeepEqualTo(new double[][]{{0, 1, 0}, {1, 0, 0}});
        assertThat(Categorical.toCategorical(new int[0], 4).shape()).containsExactly(0, 4);
    }

    @Test
    void labelsOutOfRange() {
        assertThatThrownBy(() -> Categorical.toCategorical(new int[]{0, 3, 12, 1}, 10))
                .hasMessage("Received a label value of 12 which is outside the valid range of [0, 10) (row 2)");
        assertThatThrownBy(() -> Categorical.toCategorical(new int[]{0, -1}, 10))
                .hasMessage("Received a label value of -1 which is outside the valid range of [0, 10) (row 1)");
        assertThatThrownBy(() -> Categorical.toCategorical(Nd4j.createFromArray(new int[][]{{0, 1}, {1, 7}}), 3))
                .hasMessageContaining("value of 7").hasMessageEndingWith("(row 1)");
        assertThatThrownBy(() -> Categorical.toCategorical(new int[0])).hasMessageContaining("empty label array");
    }
}
