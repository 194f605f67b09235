package io.jkeras.utils;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RocCurveTest {
    @Test
    void sklearnsDocumentedExample() {
        // sklearn's roc_curve docstring: y = [1, 1, 2, 2] with pos_label 2, i.e. [0, 0, 1, 1] here.
        INDArray y = Nd4j.createFromArray(0, 0, 1, 1), s = Nd4j.createFromArray(0.1, 0.4, 0.35, 0.8);
        RocCurve roc = RocCurve.rocCurve(y, s);
        assertThat(roc.fpr().toDoubleVector()).containsExactly(0, 0, 0.5, 0.5, 1);
        assertThat(roc.tpr().toDoubleVector()).containsExactly(0, 0.5, 0.5, 1, 1);
        assertThat(roc.thresholds().toDoubleVector()).containsExactly(Double.POSITIVE_INFINITY, 0.8, 0.4, 0.35, 0.1);
        assertThat(RocCurve.rocAucScore(y, s)).isEqualTo(0.75);
    }

    @Test
    void matchesABruteForceCurveAndTheMannWhitneyArea() {
        Random r = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            int n = 5 + r.nextInt(200);
            int[] y = new int[n];
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = r.nextInt(2);
                s[i] = Math.round((r.nextDouble() + 0.4 * y[i]) * 20) / 20.0; // many ties
            }
            y[0] = 0;
            y[1] = 1;
            RocCurve roc = RocCurve.rocCurve(Nd4j.createFromArray(y), Nd4j.createFromArray(s));
            double[][] ref = bruteForce(y, s);
            assertThat(roc.fpr().toDoubleVector()).containsExactly(ref[0]);
            assertThat(roc.tpr().toDoubleVector()).containsExactly(ref[1]);
            assertThat(roc.thresholds().toDoubleVector()).containsExactly(ref[2]);
            assertThat(RocCurve.rocAucScore(Nd4j.createFromArray(y), Nd4j.createFromArray(s))).isCloseTo(mannWhitney(y, s), within(1e-12));
        }
    }

    /**
     * Every distinct score as a threshold (positive when score >= threshold), counted directly; then the points
     * collinear with both neighbours dropped (sklearn's drop_intermediate), and (0, 0, +inf) put first.
     */
    private static double[][] bruteForce(int[] y, double[] s) {
        double[] thr = Arrays.stream(s).distinct().boxed().sorted((a, b) -> Double.compare(b, a)).mapToDouble(Double::doubleValue).toArray();
        double pos = Arrays.stream(y).sum(), neg = y.length - pos;
        List<double[]> pts = new ArrayList<>();
        for (double t : thr) {
            double tp = 0, fp = 0;
            for (int i = 0; i < y.length; i++) {
                if (s[i] >= t) {
                    if (y[i] == 1) tp++;
                    else fp++;
                }
            }
            pts.add(new double[]{fp, tp, t});
        }
        List<double[]> kept = new ArrayList<>();
        for (int i = 0; i < pts.size(); i++) {
            boolean end = i == 0 || i == pts.size() - 1;
            if (end || pts.size() <= 2) {
                kept.add(pts.get(i));
                continue;
            }
            double[] a = pts.get(i - 1), b = pts.get(i), c = pts.get(i + 1);
            if (c[0] - b[0] != b[0] - a[0] || c[1] - b[1] != b[1] - a[1]) kept.add(b);
        }
        double[][] out = new double[3][kept.size() + 1];
        out[2][0] = Double.POSITIVE_INFINITY;
        for (int i = 0; i < kept.size(); i++) {
            out[0][i + 1] = kept.get(i)[0] / neg;
            out[1][i + 1] = kept.get(i)[1] / pos;
            out[2][i + 1] = kept.get(i)[2];
        }
        return out;
    }

    /** P(score of a positive > score of a negative) + P(equal) / 2: the trapezoidal ROC area, computed another way. */
    private static double mannWhitney(int[] y, double[] s) {
        double wins = 0, pairs = 0;
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < y.length; j++) {
                if (y[i] == 1 && y[j] == 0) {
                    pairs++;
                    wins += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                }
            }
        }
        return wins / pairs;
    }

    @Test
    void softmaxColumnAndErrors() {
        INDArray y = Nd4j.createFromArray(0, 1, 1, 0);
        INDArray p1 = Nd4j.createFromArray(0.2, 0.9, 0.6, 0.4);
        INDArray p2 = Nd4j.createFromArray(new double[][]{{0.8, 0.2}, {0.1, 0.9}, {0.4, 0.6}, {0.6, 0.4}});
        assertThat(RocCurve.rocAucScore(y, p2)).isEqualTo(RocCurve.rocAucScore(y, p1)).isEqualTo(1.0);
        assertThat(RocCurve.rocAucScore(Nd4j.createFromArray(-1, 1, 1, -1), p1)).isEqualTo(1.0);
        assertThatThrownBy(() -> RocCurve.rocAucScore(Nd4j.createFromArray(1, 1), Nd4j.createFromArray(0.2, 0.3)))
                .hasMessage("Only one class present in y_true. ROC AUC score is not defined in that case.");
        assertThatThrownBy(() -> RocCurve.rocCurve(Nd4j.createFromArray(0, 2), Nd4j.createFromArray(0.2, 0.3)))
                .hasMessageStartingWith("y_true takes value in {0, 2} and pos_label is not specified");
    }
}
