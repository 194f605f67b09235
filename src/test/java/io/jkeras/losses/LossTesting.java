package io.jkeras.losses;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;
import java.util.function.DoubleBinaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Test helpers for the losses: array builders, an independent plain-Java reduction (Keras 3's
 * sum_over_batch_size over per-sample losses), and a float64 central-difference check of
 * {@link LossResult#gradient()}.
 */
final class LossTesting {
    private LossTesting() {
    }

    /** A float64 matrix. */
    static INDArray d(double[][] a) {
        return Nd4j.createFromArray(a);
    }

    /** A float64 vector. */
    static INDArray d(double... a) {
        return Nd4j.createFromArray(a);
    }

    /** A float32 matrix. */
    static INDArray f(double[][] a) {
        return Nd4j.createFromArray(a).castTo(DataType.FLOAT);
    }

    /** Uniform values in [lo, hi). */
    static double[][] uniform(Random r, int rows, int cols, double lo, double hi) {
        double[][] a = new double[rows][cols];
        for (double[] row : a) for (int j = 0; j < cols; j++) row[j] = lo + (hi - lo) * r.nextDouble();
        return a;
    }

    /** Rows that are probability distributions with every entry well inside (0, 1). */
    static double[][] distributions(Random r, int rows, int cols) {
        double[][] a = uniform(r, rows, cols, 0.2, 1.0);
        for (double[] row : a) {
            double s = 0;
            for (double v : row) s += v;
            for (int j = 0; j < cols; j++) row[j] /= s;
        }
        return a;
    }

    /** One-hot rows for the given class ids. */
    static double[][] oneHot(int[] ids, int classes) {
        double[][] a = new double[ids.length][classes];
        for (int i = 0; i < ids.length; i++) a[i][ids[i]] = 1;
        return a;
    }

    /** Per-sample losses as Keras's mean over the last axis of an element-wise term f(t, p). */
    static double[] meanLast(double[][] t, double[][] p, DoubleBinaryOperator f) {
        double[] out = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            double s = 0;
            for (int j = 0; j < t[i].length; j++) s += f.applyAsDouble(t[i][j], p[i][j]);
            out[i] = s / t[i].length;
        }
        return out;
    }

    /** Keras 3's sum_over_batch_size: sum(l * w) / number of per-sample losses (w null = 1). */
    static double sumOverBatchSize(double[] perSample, double[] w) {
        double s = 0;
        for (int i = 0; i < perSample.length; i++) s += perSample[i] * (w == null ? 1 : w[i]);
        return s / perSample.length;
    }

    static void assertClose(double actual, double expected, double tol) {
        assertThat(actual).isCloseTo(expected, within(tol));
    }

    /** Central differences of {@code loss.call} w.r.t. every element of a float64 yPred, against the analytic gradient. */
    static void checkGradient(Loss loss, INDArray yTrue, INDArray yPred, INDArray sampleWeight) {
        assertThat(yPred.dataType()).isEqualTo(DataType.DOUBLE);
        INDArray x = yPred.dup();
        INDArray analytic = loss.compute(yTrue, x, sampleWeight).gradient();
        assertThat(analytic.shape()).isEqualTo(x.shape());
        assertThat(analytic.dataType()).isEqualTo(DataType.DOUBLE);
        INDArray flat = x.reshape(x.length());
        INDArray grad = analytic.reshape(analytic.length());
        double eps = 1e-6;
        for (long i = 0; i < flat.length(); i++) {
            double orig = flat.getDouble(i);
            flat.putScalar(i, orig + eps);
            double plus = loss.call(yTrue, x, sampleWeight);
            flat.putScalar(i, orig - eps);
            double minus = loss.call(yTrue, x, sampleWeight);
            flat.putScalar(i, orig);
            double numeric = (plus - minus) / (2 * eps);
            double a = grad.getDouble(i);
            double abs = Math.abs(a - numeric);
            double rel = abs / Math.max(Math.abs(a) + Math.abs(numeric), 1e-12);
            if (abs > 1e-8 && rel > 1e-5) {
                throw new AssertionError(String.format("%s: gradient at flat index %d: analytic %.10g, numeric %.10g (rel %.2g)",
                        loss.name(), i, a, numeric, rel));
            }
        }
    }
}
