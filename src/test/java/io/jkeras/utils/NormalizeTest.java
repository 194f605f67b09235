package io.jkeras.utils;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NormalizeTest {
    private static final double[][] X = {{3, -4, 0}, {0, 0, 0}, {1, 2, -2}};

    /** x[i][j] / norm(row i) with the norm computed by loops (a zero norm counts as 1). */
    private static double[][] rows(double order) {
        double[][] out = new double[X.length][];
        for (int i = 0; i < X.length; i++) {
            double n;
            if (order == Double.POSITIVE_INFINITY) {
                n = 0;
                for (double v : X[i]) n = Math.max(n, Math.abs(v));
            } else {
                n = 0;
                for (double v : X[i]) n += Math.pow(Math.abs(v), order);
                n = Math.pow(n, 1 / order);
            }
            if (n == 0) n = 1;
            out[i] = new double[X[i].length];
            for (int j = 0; j < X[i].length; j++) out[i][j] = X[i][j] / n;
        }
        return out;
    }

    private static void close(INDArray got, double[][] expected) {
        double[][] g = got.toDoubleMatrix();
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) assertThat(g[i][j]).isCloseTo(expected[i][j], within(1e-12));
        }
    }

    @Test
    void rowsByTheirNorms() {
        INDArray x = Nd4j.createFromArray(X);
        close(Normalize.normalize(x), rows(2));
        close(Normalize.normalize(x, -1, 1), rows(1));
        close(Normalize.normalize(x, 1, 3), rows(3));
        close(Normalize.normalize(x, 1, Double.POSITIVE_INFINITY), rows(Double.POSITIVE_INFINITY));
        assertThat(Normalize.normalize(x).getRow(1).toDoubleVector()).containsExactly(0, 0, 0); // zero rows stay
        assertThat(x.getDouble(0, 0)).as("input untouched").isEqualTo(3.0);
    }

    @Test
    void columnsAndIntegers() {
        INDArray x = Nd4j.createFromArray(X);
        double[][] t = new double[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) t[i][j] = X[j][i];
        INDArray byColumns = Normalize.normalize(x, 0, 2);
        close(byColumns.transpose(), rows2(t));
        INDArray ints = Normalize.normalize(Nd4j.createFromArray(new int[]{3, 4}), 0, 2);
        assertThat(ints.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(ints.toDoubleVector()).containsExactly(new double[]{0.6, 0.8}, within(1e-6));
    }

    private static double[][] rows2(double[][] m) {
        double[][] out = new double[m.length][m[0].length];
        for (int i = 0; i < m.length; i++) {
            double n = 0;
            for (double v : m[i]) n += v * v;
            n = n == 0 ? 1 : Math.sqrt(n);
            for (int j = 0; j < m[i].length; j++) out[i][j] = m[i][j] / n;
        }
        return out;
    }
}
