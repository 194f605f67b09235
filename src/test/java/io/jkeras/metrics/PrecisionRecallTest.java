package io.jkeras.metrics;

import io.jkeras.Keras;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Precision and Recall: Keras's docstrings, and epochs against a plain-Java confusion count. */
class PrecisionRecallTest {
    /** {tp, fp, fn} per threshold, counted entry by entry; weights are per row. */
    static double[][] reference(float[][] t, float[][] p, double[] w, double[] th, Integer topK, Integer classId) {
        double[] tp = new double[th.length], fp = new double[th.length], fn = new double[th.length];
        for (int i = 0; i < t.length; i++) {
            float[] row = p[i].clone();
            if (topK != null) {
                for (int j = 0; j < row.length; j++) {
                    int rank = 0; // entries before j in top_k's order: larger ones, and equal ones at a lower index
                    for (int o = 0; o < row.length; o++) if (p[i][o] > p[i][j] || (p[i][o] == p[i][j] && o < j)) rank++;
                    if (rank >= topK) row[j] = -1e10f;
                }
            }
            for (int j = 0; j < row.length; j++) {
                if (classId != null && j != classId) continue;
                double weight = w == null ? 1 : w[i];
                boolean label = t[i][j] != 0;
                for (int k = 0; k < th.length; k++) {
                    boolean predicted = row[j] > (float) th[k];
                    if (label && predicted) tp[k] += weight;
                    if (!label && predicted) fp[k] += weight;
                    if (label && !predicted) fn[k] += weight;
                }
            }
        }
        return new double[][]{tp, fp, fn};
    }

    static double ratio(double a, double b) {
        return b == 0 ? 0 : a / b;
    }

    @Test
    void docstrings() {
        var p = new Precision();
        p.updateState(Nd4j.createFromArray(0f, 1f, 1f, 1f), Nd4j.createFromArray(1f, 0f, 1f, 1f), null);
        assertThat(p.result()).isCloseTo(2.0 / 3, within(1e-7));
        p.resetState();
        p.updateState(Nd4j.createFromArray(0f, 1f, 1f, 1f), Nd4j.createFromArray(1f, 0f, 1f, 1f), Nd4j.createFromArray(0f, 0f, 1f, 0f));
        assertThat(p.result()).isEqualTo(1.0);
        var top2 = new Precision().topK(2);
        top2.updateState(Nd4j.createFromArray(0f, 0f, 1f, 1f), Nd4j.createFromArray(1f, 1f, 1f, 1f), null);
        assertThat(top2.result()).isZero(); // ties: the two lowest indices are the top 2
        var top4 = new Precision().topK(4);
        top4.updateState(Nd4j.createFromArray(0f, 0f, 1f, 1f), Nd4j.createFromArray(1f, 1f, 1f, 1f), null);
        assertThat(top4.result()).isEqualTo(0.5);

        var r = new Recall();
        r.updateState(Nd4j.createFromArray(0f, 1f, 1f, 1f), Nd4j.createFromArray(1f, 0f, 1f, 1f), null);
        assertThat(r.result()).isCloseTo(2.0 / 3, within(1e-7));
        r.resetState();
        r.updateState(Nd4j.createFromArray(0f, 1f, 1f, 1f), Nd4j.createFromArray(1f, 0f, 1f, 1f), Nd4j.createFromArray(0f, 0f, 1f, 0f));
        assertThat(r.result()).isEqualTo(1.0);
    }

    @Test
    void kerasTopKExample() {
        // keras confusion_metrics_test: Precision(top_k=3), y_pred [0.2, 0.1, 0.5, 0, 0.2], y_true [0, 1, 1, 0, 0] -> 1/3
        var p = new Precision().topK(3);
        p.updateState(Nd4j.createFromArray(new float[][]{{0, 1, 1, 0, 0}}), Nd4j.createFromArray(new float[][]{{0.2f, 0.1f, 0.5f, 0, 0.2f}}), null);
        assertThat(p.result()).isCloseTo(1.0 / 3, within(1e-7));
        var r = new Recall().topK(3);
        r.updateState(Nd4j.createFromArray(new float[][]{{0, 1, 1, 0, 0}}), Nd4j.createFromArray(new float[][]{{0.2f, 0.1f, 0.5f, 0, 0.2f}}), null);
        assertThat(r.result()).isEqualTo(0.5);
    }

    /** Predictions on a grid of (k + 0.5) / 1000, never on a threshold. */
    static float[][] gridScores(Random r, int n, int d) {
        float[][] a = new float[n][d];
        for (float[] row : a) for (int j = 0; j < d; j++) row[j] = (r.nextInt(1000) + 0.5f) / 1000f;
        return a;
    }

    void checkEpoch(Integer topK, Integer classId, double... thresholds) {
        Random rnd = new Random(7 + (topK == null ? 0 : topK) + (classId == null ? 0 : 10 * classId) + thresholds.length);
        int d = 4;
        float[][] t = Batches.binary(rnd, Batches.N, d);
        float[][] p = gridScores(rnd, Batches.N, d);
        p[2] = new float[]{0.7f, 0.7f, 0.7f, 0.1f}; // ties for top_k
        double[] w = Batches.weights(rnd, Batches.N);
        double[] th = thresholds.length == 0 ? new double[]{topK == null ? 0.5 : -1e10} : thresholds;
        for (boolean weighted : new boolean[]{false, true}) {
            double[][] ref = reference(t, p, weighted ? w : null, th, topK, classId);
            var prec = new Precision().topK(topK).classId(classId);
            var rec = new Recall().topK(topK).classId(classId);
            if (thresholds.length > 0) {
                prec.thresholds(thresholds);
                rec.thresholds(thresholds);
            }
            Batches.feed(prec, Batches.arr(t), Batches.arr(p), weighted ? Batches.arr(w) : null);
            Batches.feed(rec, Batches.arr(t), Batches.arr(p), weighted ? Batches.arr(w) : null);
            double[] ps = prec.results(), rs = rec.results();
            for (int k = 0; k < th.length; k++) {
                String what = "top_k=" + topK + " class_id=" + classId + " threshold=" + th[k] + " weighted=" + weighted;
                assertThat(ps[k]).as("precision " + what).isCloseTo(ratio(ref[0][k], ref[0][k] + ref[1][k]), within(1e-6));
                assertThat(rs[k]).as("recall " + what).isCloseTo(ratio(ref[0][k], ref[0][k] + ref[2][k]), within(1e-6));
                assertThat(prec.truePositives()[k]).isCloseTo(ref[0][k], within(1e-4));
            }
        }
    }

    @Test
    void epochsAgainstAPlainCount() {
        checkEpoch(null, null);
        checkEpoch(null, null, 0.3, 0.65);
        checkEpoch(null, null, 0.0, 0.5, 1.0);        // evenly spaced: Keras's bucket method
        checkEpoch(2, null);
        checkEpoch(1, null, 0.4);
        checkEpoch(null, 2);
        checkEpoch(2, 1);
    }

    @Test
    void severalThresholdsGiveSeveralResults() {
        var p = new Precision().thresholds(0.3, 0.6);
        p.updateState(Nd4j.createFromArray(1f, 0f, 1f), Nd4j.createFromArray(0.5f, 0.4f, 0.7f), null);
        assertThat(p.results()).containsExactly(2.0 / 3, 1.0);
        assertThatThrownBy(p::result).isInstanceOf(IllegalStateException.class).hasMessageContaining("results()");
        assertThatThrownBy(() -> new Precision().thresholds(1.5)).hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> new Recall().classId(3).updateState(Nd4j.ones(2, 3), Nd4j.ones(2, 3), null)).hasMessageContaining("class_id=3");
    }

    @Test
    void scalarAndPerEntryWeights() {
        // a scalar weight multiplies every count; a (N, C) weight weighs each entry
        var p = new Precision();
        p.updateState(Nd4j.createFromArray(new float[][]{{1, 0}, {1, 1}}), Nd4j.createFromArray(new float[][]{{0.9f, 0.8f}, {0.7f, 0.2f}}),
                Nd4j.scalar(2f));
        assertThat(p.truePositives()).containsExactly(4.0);
        assertThat(p.falsePositives()).containsExactly(2.0);
        p.resetState();
        p.updateState(Nd4j.createFromArray(new float[][]{{1, 0}, {1, 1}}), Nd4j.createFromArray(new float[][]{{0.9f, 0.8f}, {0.7f, 0.2f}}),
                Nd4j.createFromArray(new float[][]{{1, 3}, {0.5f, 1}}));
        assertThat(p.truePositives()).containsExactly(1.5);
        assertThat(p.falsePositives()).containsExactly(3.0);
        assertThat(p.result()).isCloseTo(1.5 / 4.5, within(1e-7));
    }

    @Test
    void namesAreAutomaticAndUniqueAsInKeras() {
        Keras.clearSession();
        assertThat(new Precision().name()).isEqualTo("precision");
        assertThat(new Precision().name()).isEqualTo("precision_1");
        assertThat(new Recall().name()).isEqualTo("recall");
        // a named metric, or one read from a config with its name, uses up no automatic name
        assertThat(new Precision("my_precision").name()).isEqualTo("my_precision");
        assertThat(Metrics.get(java.util.Map.of("class_name", "Precision", "config", java.util.Map.of("name", "p")))).extracting(Metric::name).isEqualTo("p");
        assertThat(new Precision().name()).isEqualTo("precision_2");
        Keras.clearSession();
    }

    @Test
    void resetStateForgetsEverything() {
        var r = new Recall();
        r.updateState(Nd4j.createFromArray(1f, 1f), Nd4j.createFromArray(0.9f, 0.1f), null);
        assertThat(r.result()).isEqualTo(0.5);
        r.resetState();
        assertThat(r.result()).isZero();
        assertThat(r.falseNegatives()).containsExactly(0.0);
        INDArray none = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, 0);
        r.updateState(none, none, null);
        assertThat(r.result()).isZero();
    }
}
