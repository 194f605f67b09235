package io.jkeras.losses;

import io.jkeras.testing.Float64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.function.DoubleBinaryOperator;

import static io.jkeras.losses.LossTesting.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * MSE, MAE, MAPE, MSLE, Poisson, Huber, LogCosh, KL divergence and cosine similarity: values from
 * Keras's documented examples, parity with plain-Java formulas (with sample weights), and float64
 * gradient checks away from kinks and clip bounds.
 */
@ExtendWith(Float64.class)
class RegressionLossesTest {
    // Hand-made cases; y_pred - y_true is never 0 and never near Huber's deltas (0.6 and 1.0).
    static final double[][] T = {{0.2, 1.5, -0.7, 3.0}, {1.0, -2.0, 0.5, 0.9}, {0.25, 0.3, 2.2, -1.1}};
    static final double[][] P = {{0.5, 1.1, -0.2, 2.1}, {1.7, -1.2, 0.1, 0.4}, {0.35, 0.95, 1.4, -1.6}};
    // Positive data for the logarithmic losses.
    static final double[][] TP = {{0.2, 1.5, 0.7, 3.0}, {1.0, 2.0, 0.5, 0.9}, {0.25, 0.3, 2.2, 1.1}};
    static final double[][] PP = {{0.5, 1.1, 0.2, 2.1}, {1.7, 1.2, 0.1, 0.4}, {0.35, 0.95, 1.4, 1.6}};
    static final double[] W = {0.5, 2.0, 1.5};

    /** Value parity (unweighted and weighted) and the gradient check for an element-wise, mean-over-last-axis loss. */
    private static void checkElementwise(Loss loss, double[][] t, double[][] p, DoubleBinaryOperator f) {
        double[] perSample = meanLast(t, p, f);
        assertClose(loss.call(d(t), d(p)), sumOverBatchSize(perSample, null), 1e-10);
        assertClose(loss.call(d(t), d(p), d(W)), sumOverBatchSize(perSample, W), 1e-10);
        // float32 input computes in float32 and agrees to float precision.
        assertClose(loss.call(f(t), f(p), d(W)), sumOverBatchSize(perSample, W), 1e-4 * Math.max(1, Math.abs(sumOverBatchSize(perSample, W))));
        checkGradient(loss, d(t), d(p), null);
        checkGradient(loss, d(t), d(p), d(W));
    }

    @Test
    void meanSquaredError() {
        INDArray t = d(new double[][]{{0, 1}, {0, 0}}), p = d(new double[][]{{1, 1}, {1, 0}});
        // Keras's documented example: 0.5, weighted [0.7, 0.3] 0.25, sum 1.0, none [0.5, 0.5].
        assertClose(new MeanSquaredError().call(t, p), 0.5, 1e-12);
        assertClose(new MeanSquaredError().call(t, p, d(0.7, 0.3)), 0.25, 1e-12);
        assertClose(new MeanSquaredError().reduction("sum").call(t, p), 1.0, 1e-12);
        assertThat(new MeanSquaredError().reduction(null).compute(t, p).values().toDoubleVector()).containsExactly(0.5, 0.5);
        checkElementwise(new MeanSquaredError(), T, P, (a, b) -> (a - b) * (a - b));
    }

    @Test
    void meanAbsoluteError() {
        assertClose(new MeanAbsoluteError().call(d(new double[][]{{0, 1}, {0, 0}}), d(new double[][]{{1, 1}, {1, 0}})), 0.5, 1e-12);
        checkElementwise(new MeanAbsoluteError(), T, P, (a, b) -> Math.abs(a - b));
    }

    @Test
    void meanAbsolutePercentageError() {
        assertClose(new MeanAbsolutePercentageError().call(d(new double[][]{{2, 1}, {2, 3}}), d(new double[][]{{1, 1}, {1, 0}})), 50.0, 1e-9);
        checkElementwise(new MeanAbsolutePercentageError(), T, P, (a, b) -> 100 * Math.abs((a - b) / Math.max(Math.abs(a), 1e-7)));
    }

    @Test
    void meanSquaredLogarithmicError() {
        assertClose(new MeanSquaredLogarithmicError().call(d(new double[][]{{0, 1}, {0, 0}}), d(new double[][]{{1, 1}, {1, 0}})), 0.240, 1e-3);
        checkElementwise(new MeanSquaredLogarithmicError(), TP, PP, (a, b) -> {
            double x = Math.log(Math.max(b, 1e-7) + 1) - Math.log(Math.max(a, 1e-7) + 1);
            return x * x;
        });
        // Negative predictions sit on Keras's maximum(y_pred, eps) floor: no gradient there.
        checkGradient(new MeanSquaredLogarithmicError(), d(TP), d(P), d(W));
    }

    @Test
    void poisson() {
        assertClose(new Poisson().call(d(new double[][]{{0, 1}, {0, 0}}), d(new double[][]{{1, 1}, {0, 0}})), 0.5, 1e-6);
        checkElementwise(new Poisson(), TP, PP, (a, b) -> b - a * Math.log(b + 1e-7));
    }

    @Test
    void huber() {
        assertClose(new Huber().call(d(new double[][]{{0, 1}, {0, 0}}), d(new double[][]{{0.6, 0.4}, {0.4, 0.6}})), 0.155, 1e-9);
        for (double delta : new double[]{1.0, 0.6}) {
            checkElementwise(new Huber().delta(delta), T, P, (a, b) -> {
                double e = Math.abs(b - a);
                return e <= delta ? 0.5 * e * e : delta * e - 0.5 * delta * delta;
            });
        }
    }

    @Test
    void logCosh() {
        assertClose(new LogCosh().call(d(new double[][]{{0, 1}, {0, 0}}), d(new double[][]{{1, 1}, {0, 0}})), 0.108, 1e-3);
        checkElementwise(new LogCosh(), T, P, (a, b) -> Math.log(Math.cosh(b - a)));
        // Large errors do not overflow: log(cosh(x)) ~ |x| - log 2.
        assertClose(new LogCosh().call(d(0.0), d(1000.0)), 1000 - Math.log(2), 1e-9);
    }

    @Test
    void klDivergence() {
        assertClose(new KLDivergence().call(d(new double[][]{{0, 1}, {0, 0}}), d(new double[][]{{0.6, 0.4}, {0.4, 0.6}})), 0.458, 1e-3);
        double[][] t = {{0.1, 0.6, 0.3}, {0.25, 0.25, 0.5}, {0.7, 0.2, 0.1}};
        double[][] p = {{0.2, 0.5, 0.3}, {0.1, 0.6, 0.3}, {0.4, 0.4, 0.2}};
        double[] perSample = new double[3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) perSample[i] += t[i][j] * Math.log(t[i][j] / p[i][j]);
        assertClose(new KLDivergence().call(d(t), d(p), d(W)), sumOverBatchSize(perSample, W), 1e-12);
        checkGradient(new KLDivergence(), d(t), d(p), d(W));
    }

    @Test
    void cosineSimilarity() {
        INDArray values = new CosineSimilarity().reduction("none").compute(
                d(new double[][]{{0, 1}, {1, 1}, {1, 1}}), d(new double[][]{{1, 0}, {1, 1}, {-1, -1}})).values();
        assertThat(values.toDoubleVector()).containsExactly(new double[]{0, -1, 1}, org.assertj.core.data.Offset.offset(1e-7));
        double[] perSample = new double[3];
        for (int i = 0; i < 3; i++) {
            double dot = 0, nt = 0, np = 0;
            for (int j = 0; j < 4; j++) {
                dot += T[i][j] * P[i][j];
                nt += T[i][j] * T[i][j];
                np += P[i][j] * P[i][j];
            }
            perSample[i] = -dot / (Math.sqrt(nt) * Math.sqrt(np));
        }
        assertClose(new CosineSimilarity().call(d(T), d(P), d(W)), sumOverBatchSize(perSample, W), 1e-12);
        checkGradient(new CosineSimilarity(), d(T), d(P), d(W));
        // axis 0: one similarity per column.
        checkGradient(new CosineSimilarity().axis(0), d(T), d(P), null);
        // Below Keras's norm floor the loss is -t^ . p / 1e-7, linear in p (too narrow a region for
        // central differences), so its gradient is the constant -t^ / 1e-7.
        INDArray g = new CosineSimilarity().reduction("sum").compute(d(new double[][]{{3, 4}}), d(new double[][]{{1e-9, -2e-9}})).gradient();
        assertThat(g.toDoubleMatrix()[0]).containsExactly(new double[]{-0.6e7, -0.8e7}, org.assertj.core.data.Offset.offset(1e-3));
    }
}
