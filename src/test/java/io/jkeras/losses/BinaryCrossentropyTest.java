package io.jkeras.losses;

import io.jkeras.testing.Float64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static io.jkeras.losses.LossTesting.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/** BinaryCrossentropy and BinaryFocalCrossentropy: Keras's documented numbers, plain-Java parity, gradients. */
@ExtendWith(Float64.class)
class BinaryCrossentropyTest {
    static final double[][] T = {{0, 1, 1}, {1, 0, 0}, {0.3, 0.9, 0}};
    static final double[][] PROBS = {{0.2, 0.7, 0.95}, {0.6, 0.1, 0.45}, {0.35, 0.8, 0.05}};
    static final double[][] LOGITS = {{-1.2, 0.8, 3.1}, {0.4, -2.5, 0.05}, {-0.6, 1.7, -4.0}};
    static final double[] W = {0.5, 2.0, 1.5};
    static final double EPS = 1e-7;

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** Keras's element-wise bce on a probability (clipped) after label smoothing s. */
    static double bce(double t, double p, double s) {
        t = t * (1 - s) + 0.5 * s;
        p = Math.min(Math.max(p, EPS), 1 - EPS);
        return -(t * Math.log(p) + (1 - t) * Math.log(1 - p));
    }

    /** Keras's focal term; p is a probability. */
    static double focal(double t, double p, double s, double gamma, Double alpha) {
        double ts = t * (1 - s) + 0.5 * s;
        double pt = ts * p + (1 - ts) * (1 - p);
        double f = Math.pow(1 - pt, gamma) * bce(t, p, s);
        return alpha == null ? f : f * (ts * alpha + (1 - ts) * (1 - alpha));
    }

    @Test
    void kerasDocumentedExamples() {
        INDArray t1 = d(0, 1, 0, 0), x1 = d(-18.6, 0.51, 2.94, -12.8);
        assertClose(new BinaryCrossentropy().fromLogits(true).call(t1, x1), 0.8654, 1e-4);
        INDArray t = d(new double[][]{{0, 1}, {0, 0}}), x = d(new double[][]{{-18.6, 0.51}, {2.94, -12.8}});
        BinaryCrossentropy bce = new BinaryCrossentropy().fromLogits(true);
        assertClose(bce.call(t, x), 0.8654, 1e-4);
        assertClose(bce.call(t, x, d(0.8, 0.2)), 0.243, 1e-3);
        assertClose(new BinaryCrossentropy().fromLogits(true).reduction("sum").call(t, x), 1.730, 1e-3);
        assertThat(new BinaryCrossentropy().fromLogits(true).reduction(null).compute(t, x).values().toDoubleVector())
                .containsExactly(new double[]{0.235, 1.496}, offset(1e-3));
        assertThat(new BinaryCrossentropy().reduction("none").compute(t, d(new double[][]{{0.6, 0.4}, {0.4, 0.6}})).values().toDoubleVector())
                .containsExactly(new double[]{0.916, 0.714}, offset(1e-3));
    }

    @Test
    void focalDocumentedExamples() {
        INDArray t1 = d(0, 1, 0, 0), x1 = d(-18.6, 0.51, 2.94, -12.8);
        assertClose(new BinaryFocalCrossentropy().gamma(2).fromLogits(true).call(t1, x1), 0.691, 1e-3);
        assertClose(new BinaryFocalCrossentropy().applyClassBalancing(true).gamma(2).fromLogits(true).call(t1, x1), 0.51, 1e-2);
        INDArray t = d(new double[][]{{0, 1}, {0, 0}}), x = d(new double[][]{{-18.6, 0.51}, {2.94, -12.8}});
        assertClose(new BinaryFocalCrossentropy().gamma(3).fromLogits(true).call(t, x), 0.647, 1e-3);
        assertClose(new BinaryFocalCrossentropy().applyClassBalancing(true).gamma(3).fromLogits(true).call(t, x), 0.482, 1e-3);
        assertClose(new BinaryFocalCrossentropy().gamma(3).fromLogits(true).call(t, x, d(0.8, 0.2)), 0.133, 1e-3);
        assertClose(new BinaryFocalCrossentropy().applyClassBalancing(true).gamma(3).fromLogits(true).call(t, x, d(0.8, 0.2)), 0.097, 1e-3);
        assertClose(new BinaryFocalCrossentropy().gamma(4).fromLogits(true).reduction("sum").call(t, x), 1.222, 1e-3);
        assertClose(new BinaryFocalCrossentropy().applyClassBalancing(true).gamma(4).fromLogits(true).reduction("sum").call(t, x), 0.914, 1e-3);
        assertThat(new BinaryFocalCrossentropy().gamma(5).fromLogits(true).reduction(null).compute(t, x).values().toDoubleVector())
                .containsExactly(new double[]{0.0017, 1.1561}, offset(1e-4));
        assertThat(new BinaryFocalCrossentropy().applyClassBalancing(true).gamma(5).fromLogits(true).reduction(null).compute(t, x).values().toDoubleVector())
                .containsExactly(new double[]{0.0004, 0.8670}, offset(1e-4));
        assertThat(new BinaryFocalCrossentropy().gamma(2).reduction(null).compute(t, d(new double[][]{{0.6, 0.4}, {0.4, 0.6}})).values().toDoubleVector())
                .containsExactly(new double[]{0.330, 0.206}, offset(1e-3));
    }

    @Test
    void binaryCrossentropyMatchesFormula() {
        for (double s : new double[]{0, 0.2}) {
            double[] probs = meanLast(T, PROBS, (a, b) -> bce(a, b, s));
            assertClose(new BinaryCrossentropy().labelSmoothing(s).call(d(T), d(PROBS), d(W)), sumOverBatchSize(probs, W), 1e-12);
            double[] logits = meanLast(T, LOGITS, (a, b) -> bce(a, sigmoid(b), s));
            assertClose(new BinaryCrossentropy().labelSmoothing(s).fromLogits(true).call(d(T), d(LOGITS), d(W)), sumOverBatchSize(logits, W), 1e-12);
            checkGradient(new BinaryCrossentropy().labelSmoothing(s), d(T), d(PROBS), d(W));
            checkGradient(new BinaryCrossentropy().labelSmoothing(s).fromLogits(true), d(T), d(LOGITS), d(W));
        }
        // axis 0 averages over the batch axis: one loss per column.
        checkGradient(new BinaryCrossentropy().axis(0), d(T), d(PROBS), d(0.5, 1, 2));
        // (N, 1) predictions against (N,) labels: Keras expands the labels.
        assertClose(new BinaryCrossentropy().call(d(1, 0), d(new double[][]{{0.8}, {0.3}})), (bce(1, 0.8, 0) + bce(0, 0.3, 0)) / 2, 1e-12);
    }

    @Test
    void logitsAreStableWhereProbabilitiesClip() {
        // Logit 40 with label 0: softplus(40) = 40, where sigmoid + clip would cap the loss at -log(1e-7) = 16.1.
        assertClose(new BinaryCrossentropy().fromLogits(true).call(d(0.0), d(40.0)), 40.0, 1e-9);
        assertClose(new BinaryCrossentropy().fromLogits(true).call(d(1.0), d(-800.0)), 800.0, 1e-9);
        // On probabilities the clip is active at 0 and 1: a bounded loss and, as autodiff of clip, no gradient.
        // (Rank-1 inputs: Keras averages over that one axis, so the three terms are divided by 3.)
        LossResult r = new BinaryCrossentropy().reduction("sum").compute(d(1, 0, 1), d(0, 0.3, 1));
        assertClose(r.value(), (-Math.log(EPS) - Math.log(0.7) - Math.log(1 - EPS)) / 3, 1e-9);
        assertThat(r.gradient().toDoubleVector()).containsExactly(new double[]{0, 1 / 0.7 / 3, 0}, offset(1e-9));
    }

    @Test
    void nanPredictionsAreNotHidden() {
        LossResult r = new BinaryCrossentropy().compute(d(1, 0), d(Double.NaN, 0.5));
        assertThat(r.value()).isNaN();
        assertThat(r.gradient().getDouble(0)).isNaN();
        assertThat(new MeanSquaredError().call(d(1, 0), d(Double.NaN, 0.5))).isNaN();
        assertThat(new CategoricalCrossentropy().call(d(new double[][]{{1, 0}}), d(new double[][]{{Double.NaN, 0.5}}))).isNaN();
    }

    @Test
    void focalMatchesFormula() {
        for (boolean balance : new boolean[]{false, true}) {
            for (double s : new double[]{0, 0.1}) {
                Double alpha = balance ? 0.3 : null;
                BinaryFocalCrossentropy probs = new BinaryFocalCrossentropy().gamma(1.5).alpha(0.3).applyClassBalancing(balance).labelSmoothing(s);
                double[] ps = meanLast(T, PROBS, (a, b) -> focal(a, b, s, 1.5, alpha));
                assertClose(probs.call(d(T), d(PROBS), d(W)), sumOverBatchSize(ps, W), 1e-12);
                checkGradient(probs, d(T), d(PROBS), d(W));

                BinaryFocalCrossentropy logits = new BinaryFocalCrossentropy().alpha(0.3).applyClassBalancing(balance).labelSmoothing(s).fromLogits(true);
                double[] ls = meanLast(T, LOGITS, (a, b) -> focal(a, sigmoid(b), s, 2.0, alpha));
                assertClose(logits.call(d(T), d(LOGITS), d(W)), sumOverBatchSize(ls, W), 1e-9);
                checkGradient(logits, d(T), d(LOGITS), d(W));
            }
        }
        // gamma 0 is plain binary cross-entropy.
        assertClose(new BinaryFocalCrossentropy().gamma(0).call(d(T), d(PROBS)), new BinaryCrossentropy().call(d(T), d(PROBS)), 1e-12);
        checkGradient(new BinaryFocalCrossentropy().gamma(0), d(T), d(PROBS), null);
    }

    @Test
    void float32InFloat32Out() {
        LossResult r = new BinaryCrossentropy().compute(f(T), f(PROBS));
        assertThat(r.gradient().dataType()).isEqualTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        assertClose(r.value(), new BinaryCrossentropy().call(d(T), d(PROBS)), 1e-5);
        assertThat(Nd4j.createFromArray(1, 0).dataType().isFPType()).isFalse(); // integer labels are cast
        assertClose(new BinaryCrossentropy().call(Nd4j.createFromArray(1, 0), f(new double[][]{{0.8, 0.3}}).reshape(2)),
                (bce(1, 0.8, 0) + bce(0, 0.3, 0)) / 2, 1e-6);
    }
}
