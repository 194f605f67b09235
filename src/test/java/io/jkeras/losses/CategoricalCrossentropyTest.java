package io.jkeras.losses;

import io.jkeras.testing.Float64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static io.jkeras.losses.LossTesting.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

/** CategoricalCrossentropy: Keras's numbers, both input modes, label smoothing, the fused softmax path, bad shapes. */
@ExtendWith(Float64.class)
class CategoricalCrossentropyTest {
    static final double[][] LOGITS = {{1.2, -0.3, 0.5, 2.0}, {-1.0, 0.4, 0.1, -0.6}, {0.3, 0.35, -2.2, 1.1}};
    static final int[] IDS = {3, 1, 0};
    static final double[] W = {0.5, 2.0, 1.5};

    static double[][] softmax(double[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (double v : x[i]) max = Math.max(max, v);
            out[i] = new double[x[i].length];
            for (int j = 0; j < x[i].length; j++) sum += out[i][j] = Math.exp(x[i][j] - max);
            for (int j = 0; j < x[i].length; j++) out[i][j] /= sum;
        }
        return out;
    }

    static double[] smooth(double[] t, double s) {
        double[] out = new double[t.length];
        for (int j = 0; j < t.length; j++) out[j] = t[j] * (1 - s) + s / t.length;
        return out;
    }

    /** Keras's probability form: normalise the row, clip to [eps, 1 - eps], -sum(t log q). */
    static double[] ceProbabilities(double[][] t, double[][] p, double s) {
        double[] out = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            double sum = 0;
            for (double v : p[i]) sum += v;
            double[] ts = smooth(t[i], s);
            for (int j = 0; j < p[i].length; j++) out[i] -= ts[j] * Math.log(Math.min(Math.max(p[i][j] / sum, 1e-7), 1 - 1e-7));
        }
        return out;
    }

    /** From logits: -sum(t (x - logsumexp(x))). */
    static double[] ceLogits(double[][] t, double[][] x, double s) {
        double[] out = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            double lse = 0;
            for (double v : x[i]) lse += Math.exp(v);
            lse = Math.log(lse);
            double[] ts = smooth(t[i], s);
            for (int j = 0; j < x[i].length; j++) out[i] -= ts[j] * (x[i][j] - lse);
        }
        return out;
    }

    /** The softmax layer's backward pass (plain ND4J arithmetic): s * (g - sum(g * s)). */
    static INDArray softmaxBackward(INDArray s, INDArray g) {
        return s.mul(g.sub(g.mul(s).sum(true, 1)));
    }

    @Test
    void kerasDocumentedExamples() {
        INDArray t = d(new double[][]{{0, 1, 0}, {0, 0, 1}}), p = d(new double[][]{{0.05, 0.95, 0}, {0.1, 0.8, 0.1}});
        assertClose(new CategoricalCrossentropy().call(t, p), 1.177, 1e-3);
        assertClose(new CategoricalCrossentropy().call(t, p, d(0.3, 0.7)), 0.814, 1e-3);
        assertClose(new CategoricalCrossentropy().reduction("sum").call(t, p), 2.354, 1e-3);
        assertThat(new CategoricalCrossentropy().reduction(null).compute(t, p).values().toDoubleVector())
                .containsExactly(new double[]{0.0513, 2.303}, offset(1e-3));
    }

    @Test
    void matchesFormulaInBothModes() {
        double[][] oneHot = oneHot(IDS, 4);
        double[][] soft = {{0.1, 0.2, 0.3, 0.4}, {0, 1, 0, 0}, {0.5, 0.5, 0, 0}};
        double[][] probs = softmax(LOGITS);
        double[][] unnormalised = new double[3][];
        for (int i = 0; i < 3; i++) unnormalised[i] = d(probs[i]).mul(1.0 + 0.3 * i).toDoubleVector();
        for (double s : new double[]{0, 0.1}) {
            for (double[][] t : new double[][][]{oneHot, soft}) {
                CategoricalCrossentropy onProbs = new CategoricalCrossentropy().labelSmoothing(s);
                assertClose(onProbs.call(d(t), d(unnormalised), d(W)), sumOverBatchSize(ceProbabilities(t, unnormalised, s), W), 1e-12);
                checkGradient(onProbs, d(t), d(unnormalised), d(W));
                CategoricalCrossentropy onLogits = new CategoricalCrossentropy().labelSmoothing(s).fromLogits(true);
                assertClose(onLogits.call(d(t), d(LOGITS), d(W)), sumOverBatchSize(ceLogits(t, LOGITS, s), W), 1e-12);
                checkGradient(onLogits, d(t), d(LOGITS), d(W));
            }
        }
    }

    @Test
    void fusedSoftmaxPathEqualsSoftmaxThenCrossentropy() {
        for (double s : new double[]{0, 0.2}) {
            double[][] t = oneHot(IDS, 4);
            CategoricalCrossentropy cce = new CategoricalCrossentropy().labelSmoothing(s);
            LossResult fused = cce.computeFromSoftmaxLogits(d(t), d(LOGITS), d(W));
            // (softmax - t) * w / n, computed here by hand.
            double[][] sm = softmax(LOGITS);
            double[][] expected = new double[3][4];
            for (int i = 0; i < 3; i++) {
                double[] ts = smooth(t[i], s);
                for (int j = 0; j < 4; j++) expected[i][j] = (sm[i][j] - ts[j]) * W[i] / 3;
            }
            for (int i = 0; i < 3; i++) assertThat(fused.gradient().toDoubleMatrix()[i]).containsExactly(expected[i], offset(1e-12));
            // The chain: probabilities through the loss, then back through the softmax.
            LossResult chained = cce.compute(d(t), d(sm), d(W));
            assertClose(fused.value(), chained.value(), 1e-12);
            INDArray viaSoftmax = softmaxBackward(d(sm), chained.gradient());
            assertThat(viaSoftmax.sub(fused.gradient()).amaxNumber().doubleValue()).isLessThan(1e-12);
            // And the same as treating the logits as from_logits=true.
            assertThat(new CategoricalCrossentropy().labelSmoothing(s).fromLogits(true).compute(d(t), d(LOGITS), d(W))
                    .gradient().sub(fused.gradient()).amaxNumber().doubleValue()).isLessThan(1e-12);
        }
    }

    @Test
    void fusedPathKeepsTheGradientWhereTheClipWouldKillIt() {
        // A confidently wrong softmax: probability 1e-12 for the true class is clipped, so the probability
        // path passes no gradient to it; the fused path still pushes the logit up.
        INDArray t = d(new double[][]{{1, 0}}), x = d(new double[][]{{-20, 20}});
        INDArray s = Nd4j.createFromArray(softmax(x.toDoubleMatrix()));
        INDArray chained = softmaxBackward(s, new CategoricalCrossentropy().compute(t, s).gradient());
        INDArray fused = new CategoricalCrossentropy().computeFromSoftmaxLogits(t, x, null).gradient();
        assertThat(Math.abs(chained.getDouble(0, 0))).isLessThan(1e-6);
        assertClose(fused.getDouble(0, 0), -1.0, 1e-9);
    }

    @Test
    void otherAxesAndRanks() {
        checkGradient(new CategoricalCrossentropy().axis(0), d(softmax(LOGITS)), d(softmax(LOGITS)).mul(0.7), d(1, 2, 0.5, 0.25));
        INDArray x3 = Nd4j.createFromArray(LOGITS).reshape(1, 3, 4).repeat(0, 2).mul(Nd4j.createFromArray(1.0, -0.5).reshape(2, 1, 1));
        INDArray t3 = Nd4j.createFromArray(oneHot(IDS, 4)).reshape(1, 3, 4).repeat(0, 2);
        checkGradient(new CategoricalCrossentropy().fromLogits(true), t3, x3, d(0.5, 2.0));
        assertThat(new CategoricalCrossentropy().fromLogits(true).compute(t3, x3).values().shape()).containsExactly(2, 3);
    }

    @Test
    void shapeMismatchNamesBothShapes() {
        assertThatThrownBy(() -> new CategoricalCrossentropy().compute(Nd4j.zeros(2, 3), Nd4j.zeros(2, 4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"categorical_crossentropy\"")
                .hasMessageContaining("y_true.shape=(2, 3)").hasMessageContaining("y_pred.shape=(2, 4)");
        assertThatThrownBy(() -> new CategoricalCrossentropy().compute(Nd4j.createFromArray(1, 2), Nd4j.zeros(2, 3)))
                .hasMessageContaining("y_true.shape=(2,)").hasMessageContaining("SparseCategoricalCrossentropy");
        assertThatThrownBy(() -> new MeanSquaredError().compute(Nd4j.zeros(3, 2, 2), Nd4j.zeros(3, 4)))
                .hasMessageContaining("y_true.shape=(3, 2, 2)").hasMessageContaining("y_pred.shape=(3, 4)");
    }
}
