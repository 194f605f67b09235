package io.jkeras.utils;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BiasTest {
    /** z + bias by a plain double loop, the independent reference. */
    private static double[][] reference(INDArray z, INDArray bias) {
        double[][] m = z.toDoubleMatrix();
        double[] b = bias.toDoubleVector();
        for (double[] row : m) for (int j = 0; j < row.length; j++) row[j] += b[j];
        return m;
    }

    @Test
    void addsTheBiasToEveryRowInPlaceForBothTypes() {
        for (long[] shape : new long[][]{{1, 1}, {3, 5}, {100, 10}, {6400, 64}}) {
            for (DataType t : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
                INDArray z = Nd4j.rand(t, shape).subi(0.5);
                INDArray bias = Nd4j.rand(t, shape[1]).subi(0.5);
                double[][] want = reference(z, bias);
                INDArray out = Bias.addInPlace(z, bias);
                assertThat(out).isSameAs(z);
                double[][] got = z.toDoubleMatrix();
                for (int r = 0; r < want.length; r++) {
                    assertThat(got[r]).containsExactly(want[r], org.assertj.core.data.Offset.offset(1e-6));
                }
            }
        }
    }

    @Test
    void takesRowShapedBiasesAndNonContiguousMatrices() {
        INDArray base = Nd4j.rand(DataType.FLOAT, 6, 8);
        INDArray view = base.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 6)); // strided columns: the fallback
        INDArray bias = Nd4j.createFromArray(new float[][]{{1, 2, 3, 4}});       // (1, n)
        double[][] want = reference(view, bias);
        double[][] untouched = base.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2)).toDoubleMatrix();
        Bias.addInPlace(view, bias);
        double[][] got = view.toDoubleMatrix();
        for (int r = 0; r < want.length; r++) assertThat(got[r]).containsExactly(want[r], org.assertj.core.data.Offset.offset(1e-6));
        assertThat(base.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2)).toDoubleMatrix()).isDeepEqualTo(untouched);
    }

    @Test
    void refusesABiasOfTheWrongLength() {
        assertThatThrownBy(() -> Bias.addInPlace(Nd4j.zeros(DataType.FLOAT, 2, 3), Nd4j.zeros(DataType.FLOAT, 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(rows, n) matrix and n biases");
    }
}
