package io.jkeras.metrics;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * AUC: Keras's docstring and test values, and epochs against an independent calculation (confusion
 * counts by direct threshold comparison; the PR area by numerically integrating precision over recall
 * with TP and FP linear between thresholds, the model Keras's closed form integrates exactly).
 */
class AUCTest {
    static final INDArray Y_TRUE = Nd4j.createFromArray(0f, 0f, 1f, 1f);
    static final INDArray Y_PRED = Nd4j.createFromArray(0f, 0.5f, 0.3f, 0.9f);
    static final INDArray WEIGHTS = Nd4j.createFromArray(1f, 2f, 3f, 4f);

    @Test
    void docstring() {
        var m = new AUC().numThresholds(3);
        m.updateState(Y_TRUE, Y_PRED, null);
        assertThat(m.truePositives()).containsExactly(2, 1, 0);
        assertThat(m.falsePositives()).containsExactly(2, 0, 0);
        assertThat(m.result()).isEqualTo(0.75);
        m.resetState();
        m.updateState(Y_TRUE, Y_PRED, Nd4j.createFromArray(1f, 0f, 0f, 1f));
        assertThat(m.result()).isEqualTo(1.0);
        var defaults = new AUC();
        defaults.updateState(Y_TRUE, Y_PRED, null);
        assertThat(defaults.result()).isCloseTo(0.75, within(1e-12));
        assertThat(defaults.thresholds()).hasSize(200);
        assertThat(defaults.thresholds()[0]).isEqualTo(-1e-7);
        assertThat(defaults.thresholds()[199]).isEqualTo(1 + 1e-7);
    }

    @Test
    void kerasWeightedTestValues() {
        // keras AUCTest: tp = [7, 4, 0], fp = [3, 0, 0], fn = [0, 3, 7], tn = [0, 3, 3]
        double r = 4.0 / 7;
        Object[][] cases = {
                {"ROC", "interpolation", (1 + r) / 2},
                {"ROC", "minoring", r},
                {"ROC", "majoring", 1.0},
                {"PR", "interpolation", 0.5 * (3 + 2 * Math.log(2.5)) / 7 + 4.0 / 7},
                {"PR", "minoring", 0.7 * (1 - r)},
                {"PR", "majoring", 1.0},
        };
        for (Object[] c : cases) {
            var m = new AUC().numThresholds(3).curve((String) c[0]).summationMethod((String) c[1]);
            m.updateState(Y_TRUE, Y_PRED, WEIGHTS);
            assertThat(m.result()).as(c[0] + " " + c[1]).isCloseTo((double) c[2], within(1e-9));
            assertThat(m.trueNegatives()).containsExactly(0, 3, 3);
            assertThat(m.falseNegatives()).containsExactly(0, 3, 7);
            // the same from logits
            var logits = new AUC().numThresholds(3).curve((String) c[0]).summationMethod((String) c[1]).fromLogits(true);
            INDArray x = Nd4j.createFromArray(-27.631021f, 0f, -0.84729786f, 2.1972246f);
            logits.updateState(Y_TRUE, x, WEIGHTS);
            assertThat(logits.result()).isCloseTo((double) c[2], within(1e-9));
            assertThat(x.getFloat(3)).as("the caller's logits are left alone").isEqualTo(2.1972246f);
        }
    }

    /** Counts at each threshold by direct comparison: {tp, fp, tn, fn}. */
    static double[][] counts(float[] t, float[] p, double[] w, double[] th) {
        double[][] c = new double[4][th.length];
        for (int i = 0; i < t.length; i++) {
            double wi = w == null ? 1 : w[i];
            for (int k = 0; k < th.length; k++) {
                boolean pos = p[i] > th[k];
                boolean label = t[i] != 0;
                c[label ? (pos ? 0 : 3) : (pos ? 1 : 2)][k] += wi;
            }
        }
        return c;
    }

    static double rocArea(double[][] c) {
        double area = 0;
        int n = c[0].length;
        for (int k = 0; k < n - 1; k++) {
            double x0 = AucRef.div(c[1][k], c[1][k] + c[2][k]), x1 = AucRef.div(c[1][k + 1], c[1][k + 1] + c[2][k + 1]);
            double y0 = AucRef.div(c[0][k], c[0][k] + c[3][k]), y1 = AucRef.div(c[0][k + 1], c[0][k + 1] + c[3][k + 1]);
            area += (x0 - x1) * (y0 + y1) / 2;
        }
        return area;
    }

    /** PR area: TP and FP linear in s between thresholds; integrate precision d(recall) by the midpoint rule. */
    static double prArea(double[][] c) {
        double area = 0;
        int n = c[0].length;
        for (int k = 0; k < n - 1; k++) {
            double positives = c[0][k + 1] + c[3][k + 1];
            double dtp = c[0][k] - c[0][k + 1], dfp = c[1][k] - c[1][k + 1];
            if (dtp == 0 || positives == 0) continue;
            int steps = 2000;
            for (int s = 0; s < steps; s++) {
                double u = (s + 0.5) / steps;
                double tp = c[0][k + 1] + u * dtp, fp = c[1][k + 1] + u * dfp;
                area += tp / (tp + fp) * dtp / positives / steps;
            }
        }
        return area;
    }

    static final class AucRef {
        static double div(double a, double b) {
            return b == 0 ? 0 : a / b;
        }
    }

    static double[] thresholds(int n) {
        double[] th = new double[n];
        for (int i = 1; i < n - 1; i++) th[i] = i / (double) (n - 1);
        th[0] = -1e-7;
        th[n - 1] = 1 + 1e-7;
        return th;
    }

    @Test
    void epochsAgainstAnIndependentCalculation() {
        Random r = new Random(11);
        int n = Batches.N;
        float[] t = new float[n], p = new float[n];
        for (int i = 0; i < n; i++) {
            t[i] = r.nextInt(3) == 0 ? 1 : 0;
            // scores on a grid of (k + 0.5) / 1000, higher for positives, plus exact 0 and 1
            p[i] = Math.min(999, r.nextInt(800) + (t[i] == 1 ? 200 : 0)) / 1000f + 0.0005f;
        }
        p[0] = 0f;
        p[1] = 1f;
        double[] w = Batches.weights(r, n);
        float[][] tCol = new float[n][1], pCol = new float[n][1];
        for (int i = 0; i < n; i++) {
            tCol[i][0] = t[i];
            pCol[i][0] = p[i];
        }
        for (int numThresholds : new int[]{200, 7}) {
            for (boolean weighted : new boolean[]{false, true}) {
                double[][] c = counts(t, p, weighted ? w : null, thresholds(numThresholds));
                var roc = new AUC().numThresholds(numThresholds);
                var pr = new AUC().numThresholds(numThresholds).curve("PR");
                Batches.feed(roc, Batches.arr(tCol), Batches.arr(pCol), weighted ? Batches.arr(w) : null);
                Batches.feed(pr, Nd4j.createFromArray(t), Nd4j.createFromArray(p), weighted ? Batches.arr(w) : null);
                assertThat(roc.truePositives()).as("tp").containsExactly(c[0], within(1e-4));
                assertThat(roc.trueNegatives()).as("tn").containsExactly(c[2], within(1e-4));
                assertThat(roc.result()).as("ROC n=" + numThresholds + " weighted=" + weighted).isCloseTo(rocArea(c), within(1e-6));
                assertThat(pr.result()).as("PR n=" + numThresholds + " weighted=" + weighted).isCloseTo(prArea(c), within(1e-6));
            }
        }
        // with 200 thresholds and scores on a 1/1000 grid, ROC AUC is close to the exact rank statistic
        double exact = 0, pairs = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (t[i] == 1 && t[j] == 0) {
                    exact += p[i] > p[j] ? 1 : p[i] == p[j] ? 0.5 : 0;
                    pairs++;
                }
            }
        }
        var roc = new AUC();
        Batches.feed(roc, Nd4j.createFromArray(t), Nd4j.createFromArray(p), null);
        assertThat(roc.result()).isCloseTo(exact / pairs, within(0.02));
    }

    @Test
    void explicitThresholdsThatAreNotEvenUseDirectComparison() {
        Random r = new Random(12);
        float[] t = new float[Batches.N], p = new float[Batches.N];
        for (int i = 0; i < t.length; i++) {
            t[i] = r.nextBoolean() ? 1 : 0;
            p[i] = (r.nextInt(1000) + 0.5f) / 1000f;
        }
        var m = new AUC().thresholds(0.7, 0.2, 0.35);
        assertThat(m.numThresholds()).isEqualTo(5);
        assertThat(m.thresholds()).containsExactly(-1e-7, 0.2, 0.35, 0.7, 1 + 1e-7);
        Batches.feed(m, Nd4j.createFromArray(t), Nd4j.createFromArray(p), null);
        assertThat(m.result()).isCloseTo(rocArea(counts(t, p, null, m.thresholds())), within(1e-9));
    }

    @Test
    void labelWeightsWeighTheFlattenedLabels() {
        Random r = new Random(13);
        float[][] t = Batches.binary(r, Batches.N, 2);
        float[][] p = PrecisionRecallTest.gridScores(r, Batches.N, 2);
        var both = new AUC().labelWeights(1, 0);
        Batches.feed(both, Batches.arr(t), Batches.arr(p), null);
        float[] t0 = new float[Batches.N], p0 = new float[Batches.N];
        for (int i = 0; i < t0.length; i++) {
            t0[i] = t[i][0];
            p0[i] = p[i][0];
        }
        var first = new AUC();
        Batches.feed(first, Nd4j.createFromArray(t0), Nd4j.createFromArray(p0), null);
        assertThat(both.result()).isCloseTo(first.result(), within(1e-12));
    }

    @Test
    void argumentsAreChecked() {
        assertThatThrownBy(() -> new AUC().numThresholds(1)).hasMessageContaining("num_thresholds");
        assertThatThrownBy(() -> new AUC().curve("Invalid")).hasMessageContaining("Invalid AUC curve value: \"Invalid\"");
        assertThatThrownBy(() -> new AUC().summationMethod("Invalid")).hasMessageContaining("summation method");
        assertThatThrownBy(() -> new AUC().multiLabel(true)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(new AUC().curve("pr").curve()).isEqualTo("PR");
        assertThat(new AUC().summationMethod("Majoring").summationMethod()).isEqualTo("majoring");
    }
}
