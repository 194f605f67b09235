package io.jkeras.activations;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** softmax and log_softmax against sums of exponentials computed element by element in doubles. */
class SoftmaxValuesTest {
    private static final int A = 2, B = 3, C = 4;

    private static double value(int i, int j, int k) {
        return Math.sin(1.7 * i + 0.9 * j + 0.31 * k) * 3 + 0.2 * k;
    }

    private static INDArray input(DataType type) {
        double[] v = new double[A * B * C];
        for (int i = 0; i < A; i++) for (int j = 0; j < B; j++) for (int k = 0; k < C; k++) v[(i * B + j) * C + k] = value(i, j, k);
        return Nd4j.createFromArray(v).reshape(A, B, C).castTo(type);
    }

    /** log of softmax over the axes marked true, as independent loops. */
    private static double logSoftmax(int i, int j, int k, boolean[] axes) {
        double sum = 0;
        for (int a = 0; a < A; a++) for (int b = 0; b < B; b++) for (int c = 0; c < C; c++) {
            boolean same = (axes[0] || a == i) && (axes[1] || b == j) && (axes[2] || c == k);
            if (same) sum += Math.exp(value(a, b, c));
        }
        return value(i, j, k) - Math.log(sum);
    }

    private static void check(ActivationFunction f, boolean log, DataType type, double tol, boolean... axes) {
        INDArray y = f.forward(input(type));
        assertThat(y.dataType()).isEqualTo(type);
        for (int i = 0; i < A; i++) for (int j = 0; j < B; j++) for (int k = 0; k < C; k++) {
            double ls = logSoftmax(i, j, k, axes);
            double expected = log ? ls : Math.exp(ls);
            assertThat(y.getDouble(i, j, k)).as("%s at (%d, %d, %d)", f.name(), i, j, k).isCloseTo(expected, within(tol));
        }
    }

    @Test
    void softmaxAlongEachAxisAndJointly() {
        for (DataType t : new DataType[]{DataType.DOUBLE, DataType.FLOAT}) {
            double tol = t == DataType.DOUBLE ? 1e-14 : 1e-6;
            check(Activations.get("softmax"), false, t, tol, false, false, true);
            check(Activations.softmax(-1), false, t, tol, false, false, true);
            check(Activations.softmax(1), false, t, tol, false, true, false);
            check(Activations.softmax(0), false, t, tol, true, false, false);
            check(Activations.softmax(1, 2), false, t, tol, false, true, true);
        }
    }

    @Test
    void logSoftmaxAlongEachAxisAndJointly() {
        for (DataType t : new DataType[]{DataType.DOUBLE, DataType.FLOAT}) {
            double tol = t == DataType.DOUBLE ? 1e-13 : 2e-6;
            check(Activations.get("log_softmax"), true, t, tol, false, false, true);
            check(Activations.logSoftmax(1), true, t, tol, false, true, false);
            check(Activations.logSoftmax(0), true, t, tol, true, false, false);
            check(Activations.logSoftmax(0, 2), true, t, tol, true, false, true);
        }
    }

    @Test
    void extremeLogitsStayFinite() {
        INDArray x = Nd4j.createFromArray(-100f, 0f, 100f);
        double[] p = Activations.get("softmax").forward(x).toDoubleVector();
        assertThat(p[0]).isCloseTo(0, within(1e-30));
        assertThat(p[2]).isEqualTo(1.0);
        // log(softmax) would be -inf here; Keras computes x - logsumexp(x).
        assertThat(Activations.get("log_softmax").forward(x).toDoubleVector()).containsExactly(-200, -100, 0);
    }
}
