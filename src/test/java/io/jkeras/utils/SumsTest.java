package io.jkeras.utils;

import io.jkeras.Variable;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SumsTest {
    /** Column sums by a plain double loop, the independent reference. */
    private static double[] reference(INDArray x) {
        double[][] m = x.toDoubleMatrix();
        double[] s = new double[m[0].length];
        for (double[] row : m) for (int j = 0; j < row.length; j++) s[j] += row[j];
        return s;
    }

    @Test
    void columnSumsOverwriteAndAccumulateForSmallAndTallMatrices() {
        for (long[] shape : new long[][]{{3, 5}, {100, 256}, {6400, 64}}) {
            for (DataType t : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
                INDArray x = Nd4j.rand(t, shape).subi(0.5);
                double[] ref = reference(x);
                INDArray out = Nd4j.valueArrayOf(new long[]{shape[1]}, 7.0, t);
                Sums.columnSums(x, out, 0.0);
                assertThat(out.toDoubleVector()).containsExactly(ref, org.assertj.core.data.Offset.offset(1e-3 * Math.sqrt(shape[0])));
                Sums.columnSums(x, out, 1.0);
                for (int j = 0; j < ref.length; j++) ref[j] *= 2;
                assertThat(out.toDoubleVector()).containsExactly(ref, org.assertj.core.data.Offset.offset(2e-3 * Math.sqrt(shape[0])));
            }
        }
    }

    @Test
    void writesIntoRowViewsAndNonContiguousTargets() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 50, 4);
        double[] ref = reference(x);
        INDArray db = Nd4j.zeros(DataType.FLOAT, 2, 4);
        Sums.columnSums(x, db.getRow(1), 0.0);
        assertThat(db.getRow(0).toDoubleVector()).containsOnly(0.0);
        assertThat(db.getRow(1).toDoubleVector()).containsExactly(ref, org.assertj.core.data.Offset.offset(1e-4));
        INDArray cols = Nd4j.zeros(DataType.FLOAT, 4, 2);
        Sums.columnSums(x, cols.getColumn(0), 0.0); // strided: goes through a copy
        assertThat(cols.getColumn(0).toDoubleVector()).containsExactly(ref, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(cols.getColumn(1).toDoubleVector()).containsOnly(0.0);
        assertThatThrownBy(() -> Sums.columnSums(x, Nd4j.create(DataType.FLOAT, 3), 0.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("columnSums");
    }

    @Test
    void variableBiasGradientOverLeadingAxesMatchesTheReduction() {
        Variable v = new Variable("bias", "dense/bias", Nd4j.zeros(DataType.FLOAT, 8), true, null, null);
        INDArray g = Nd4j.rand(DataType.FLOAT, 5, 7, 8);
        v.zeroGrad();
        v.addGradSum(g, 0, 1);
        v.addGradSum(g, 0, 1);
        INDArray expected = g.sum(0, 1).muli(2);
        assertThat(v.grad().sub(expected).amaxNumber().doubleValue()).isLessThan(1e-4);
    }

    @Test
    void singleRestoresTheThreadCountAlsoAfterAnException() {
        var ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        int before = ops.ompGetMaxThreads();
        int[] inside = new int[1];
        Threads.single(() -> inside[0] = ops.ompGetMaxThreads());
        assertThat(inside[0]).isEqualTo(1);
        assertThat(ops.ompGetMaxThreads()).isEqualTo(before);
        assertThatThrownBy(() -> Threads.single(() -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(ops.ompGetMaxThreads()).isEqualTo(before);
    }
}
