package io.jkeras.losses;

import io.jkeras.testing.Float64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static io.jkeras.losses.LossTesting.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Keras 3's reductions and sample-weight shapes, with their gradients. */
@ExtendWith(Float64.class)
class ReductionTest {
    static final double[][] T = RegressionLossesTest.T, P = RegressionLossesTest.P;
    static final double[] PER_SAMPLE = meanLast(T, P, (a, b) -> (a - b) * (a - b));

    @Test
    void sumOverBatchSizeDividesByTheNumberOfLossesNotTheWeights() {
        double[] w = {1, 0, 0};
        assertClose(new MeanSquaredError().call(d(T), d(P), d(w)), PER_SAMPLE[0] / 3, 1e-12);
        assertClose(new MeanSquaredError().reduction("mean").call(d(T), d(P), d(w)), PER_SAMPLE[0] / 3, 1e-12);
        // "auto" (tf.keras 2 files) reads as sum_over_batch_size.
        assertThat(new MeanSquaredError().reduction("auto").reduction()).isEqualTo("sum_over_batch_size");
    }

    @Test
    void eachReductionAndItsGradient() {
        double[] w = {0.5, 2.0, 1.5};
        double weighted = 0, weights = 0;
        for (int i = 0; i < 3; i++) {
            weighted += PER_SAMPLE[i] * w[i];
            weights += w[i];
        }
        assertClose(new MeanSquaredError().reduction("sum").call(d(T), d(P), d(w)), weighted, 1e-12);
        assertClose(new MeanSquaredError().reduction("mean_with_sample_weight").call(d(T), d(P), d(w)), weighted / weights, 1e-12);
        assertClose(new MeanSquaredError().reduction("mean_with_sample_weight").call(d(T), d(P)), sumOverBatchSize(PER_SAMPLE, null), 1e-12); // no weights: as sum_over_batch_size
        LossResult none = new MeanSquaredError().reduction("none").compute(d(T), d(P), d(w));
        assertThat(none.values().shape()).containsExactly(3);
        assertClose(none.values().getDouble(1), PER_SAMPLE[1] * 2.0, 1e-12);
        assertClose(none.value(), weighted, 1e-12); // what "none" differentiates: the sum
        for (String r : new String[]{"sum", "mean_with_sample_weight", "none", "mean"}) {
            checkGradient(new MeanSquaredError().reduction(r), d(T), d(P), d(w));
        }
        checkGradient(new MeanSquaredError().reduction(null), d(T), d(P), null);
    }

    @Test
    void sampleWeightShapes() {
        double expected = sumOverBatchSize(PER_SAMPLE, new double[]{0.5, 2.0, 1.5});
        assertClose(new MeanSquaredError().call(d(T), d(P), d(new double[][]{{0.5}, {2.0}, {1.5}})), expected, 1e-12);
        assertClose(new MeanSquaredError().call(d(T), d(P), Nd4j.scalar(2.0)), 2 * sumOverBatchSize(PER_SAMPLE, null), 1e-12);
        assertClose(new MeanSquaredError().call(d(T), d(P), Nd4j.createFromArray(1f, 4f, 3f)), sumOverBatchSize(PER_SAMPLE, new double[]{1, 4, 3}), 1e-6);
        // Per-step losses (N, T) with weights (N,): every step of sample n weighs w[n].
        INDArray t3 = Nd4j.createFromArray(T).reshape(3, 2, 2), p3 = Nd4j.createFromArray(P).reshape(3, 2, 2);
        double s = 0;
        double[] w = {0.5, 2.0, 1.5};
        for (int n = 0; n < 3; n++) {
            for (int k = 0; k < 2; k++) {
                double a = T[n][2 * k] - P[n][2 * k], b = T[n][2 * k + 1] - P[n][2 * k + 1];
                s += w[n] * (a * a + b * b) / 2;
            }
        }
        assertClose(new MeanSquaredError().call(t3, p3, d(w)), s / 6, 1e-12);
        checkGradient(new MeanSquaredError(), t3, p3, d(w));
        // Per-step weights (N, T) also work.
        checkGradient(new MeanSquaredError(), t3, p3, d(new double[][]{{1, 2}, {3, 4}, {5, 6}}));
        assertThatThrownBy(() -> new MeanSquaredError().call(d(T), d(P), d(1, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sample_weight of shape (2,)").hasMessageContaining("per-sample losses of shape (3,)");
    }

    @Test
    void scalarPerSampleLossAsKerasForRankOneInputs() {
        // BCE on (N,) averages over the only axis: one scalar, which Keras then multiplies by every weight.
        INDArray t = d(1, 0, 1, 0), p = d(0.9, 0.2, 0.6, 0.3);
        double mean = new BinaryCrossentropy().call(t, p);
        assertClose(new BinaryCrossentropy().call(t, p, d(1, 2, 3, 6)), mean * 3, 1e-12);
        checkGradient(new BinaryCrossentropy(), t, p, d(1, 2, 3, 6));
    }

    @Test
    void emptyBatchAndInvalidNames() {
        LossResult r = new MeanSquaredError().compute(Nd4j.zeros(DataType.DOUBLE, 0, 3), Nd4j.zeros(DataType.DOUBLE, 0, 3));
        assertThat(r.value()).isZero();
        assertThat(r.gradient().shape()).containsExactly(0, 3);
        assertThatThrownBy(() -> new MeanSquaredError().reduction("average"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sum_over_batch_size").hasMessageContaining("average");
    }

    @Test
    void integerPredictionsComputeInFloatx() {
        LossResult r = new MeanSquaredError().compute(Nd4j.createFromArray(new int[][]{{1, 2}}), Nd4j.createFromArray(new int[][]{{2, 4}}));
        assertThat(r.gradient().dataType()).isEqualTo(DataType.DOUBLE); // Float64 sets floatx to float64
        assertClose(r.value(), 2.5, 1e-12);
        assertThat(new MeanSquaredError().compute(d(1.0), d(2.0)).toString()).contains("value=1.0");
    }
}
