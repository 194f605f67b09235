package io.jkeras.losses;

import io.jkeras.testing.Float64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.ndarray.INDArray;

import static io.jkeras.losses.LossTesting.*;

/** Hinge, SquaredHinge and CategoricalHinge: Keras's label conversion, values, and gradients off the kinks. */
@ExtendWith(Float64.class)
class HingeLossesTest {
    static final double[][] SIGNS = {{-1, 1, 1, -1}, {1, 1, -1, -1}, {-1, -1, 1, 1}};
    static final double[][] P = RegressionLossesTest.P; // y_true * y_pred never equals 1
    static final double[] W = RegressionLossesTest.W;

    private static double[][] binary(double[][] signs) {
        double[][] b = new double[signs.length][];
        for (int i = 0; i < signs.length; i++) {
            b[i] = signs[i].clone();
            for (int j = 0; j < b[i].length; j++) b[i][j] = (b[i][j] + 1) / 2;
        }
        return b;
    }

    @Test
    void hingeMatchesKerasAndConvertsBinaryLabels() {
        INDArray t = d(new double[][]{{0, 1}, {0, 0}}), p = d(new double[][]{{0.6, 0.4}, {0.4, 0.6}});
        assertClose(new Hinge().call(t, p), 1.3, 1e-12);
        double[] perSample = meanLast(SIGNS, P, (a, b) -> Math.max(1 - a * b, 0));
        double expected = sumOverBatchSize(perSample, W);
        assertClose(new Hinge().call(d(SIGNS), d(P), d(W)), expected, 1e-12);
        // 0/1 labels are converted to -1/1 when the whole batch is binary.
        assertClose(new Hinge().call(d(binary(SIGNS)), d(P), d(W)), expected, 1e-12);
        checkGradient(new Hinge(), d(SIGNS), d(P), d(W));
        checkGradient(new Hinge(), d(binary(SIGNS)), d(P), null);
    }

    @Test
    void nonBinaryLabelsAreNotConverted() {
        double[][] soft = {{0.5, 1, 0}, {1, 0, 1}};
        double[][] p = {{0.3, -0.2, 0.9}, {0.4, 0.7, -1.5}};
        double[] perSample = meanLast(soft, p, (a, b) -> Math.max(1 - a * b, 0));
        assertClose(new Hinge().call(d(soft), d(p)), sumOverBatchSize(perSample, null), 1e-12);
    }

    @Test
    void squaredHinge() {
        assertClose(new SquaredHinge().call(d(new double[][]{{0, 1}, {0, 0}}), d(new double[][]{{0.6, 0.4}, {0.4, 0.6}})), 1.86, 1e-12);
        double[] perSample = meanLast(SIGNS, P, (a, b) -> Math.pow(Math.max(1 - a * b, 0), 2));
        assertClose(new SquaredHinge().call(d(binary(SIGNS)), d(P), d(W)), sumOverBatchSize(perSample, W), 1e-12);
        checkGradient(new SquaredHinge(), d(SIGNS), d(P), d(W));
    }

    @Test
    void categoricalHinge() {
        assertClose(new CategoricalHinge().call(d(new double[][]{{0, 1}, {0, 0}}), d(new double[][]{{0.6, 0.4}, {0.4, 0.6}})), 1.4, 1e-12);
        double[][] t = oneHot(new int[]{1, 3, 0}, 4);
        double[] perSample = new double[3];
        for (int i = 0; i < 3; i++) {
            double pos = 0, neg = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < 4; j++) {
                pos += t[i][j] * P[i][j];
                neg = Math.max(neg, (1 - t[i][j]) * P[i][j]);
            }
            perSample[i] = Math.max(neg - pos + 1, 0);
        }
        assertClose(new CategoricalHinge().call(d(t), d(P), d(W)), sumOverBatchSize(perSample, W), 1e-12);
        checkGradient(new CategoricalHinge(), d(t), d(P), d(W));
    }
}
