package io.jkeras.utils;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Comparator;

/**
 * A binary classifier's ROC curve, as scikit-learn's {@code sklearn.metrics.roc_curve} (version 1.3 and later,
 * with {@code drop_intermediate=True}), and the area under it, {@code roc_auc_score}.
 *
 * <p>The scores are sorted in decreasing order; each distinct score is a threshold (a sample is positive when its
 * score is {@code >=} the threshold), giving one point (false positive rate, true positive rate). Points in the
 * middle of a straight segment are dropped, and a first point {@code (0, 0)} with threshold {@code +Infinity} is
 * added (sklearn before 1.3 used {@code max(score) + 1} there). The area is the trapezoidal rule over the points,
 * summed in NumPy's order.
 *
 * <p>Inputs: {@code yTrue} labels {@code (n,)} or {@code (n, 1)} in {0, 1} or {-1, 1} (1 is the positive class);
 * {@code scores} {@code (n,)} or {@code (n, 1)} (a sigmoid output), or {@code (n, 2)} softmax probabilities, whose
 * column 1 is taken (sklearn would refuse that shape). Outputs are float64 arrays.
 *
 * <pre>{@code
 * jshell> var roc = RocCurve.rocCurve(Nd4j.createFromArray(0, 0, 1, 1), Nd4j.createFromArray(0.1, 0.4, 0.35, 0.8));
 * jshell> roc.fpr()          // [0, 0, 0.5, 0.5, 1.0]; tpr [0, 0.5, 0.5, 1.0, 1.0]; thresholds [Infinity, 0.8, 0.4, 0.35, 0.1]
 * jshell> RocCurve.rocAucScore(Nd4j.createFromArray(0, 0, 1, 1), Nd4j.createFromArray(0.1, 0.4, 0.35, 0.8))
 * $3 ==> 0.75
 * }</pre>
 *
 * @param fpr false positive rates, increasing
 * @param tpr true positive rates, increasing
 * @param thresholds decreasing score thresholds, the first one {@code +Infinity}
 */
public record RocCurve(INDArray fpr, INDArray tpr, INDArray thresholds) {

    /** The ROC curve of these scores for these binary labels. */
    public static RocCurve rocCurve(INDArray yTrue, INDArray scores) {
        double[][] c = curve(yTrue, scores);
        return new RocCurve(Nd4j.createFromArray(c[0]), Nd4j.createFromArray(c[1]), Nd4j.createFromArray(c[2]));
    }

    /** The area under the ROC curve; undefined (an error) when {@code yTrue} holds one class only. */
    public static double rocAucScore(INDArray yTrue, INDArray scores) {
        double[] t = positives(yTrue);
        double pos = 0;
        for (double v : t) pos += v;
        if (pos == 0 || pos == t.length) {
            throw new IllegalArgumentException("Only one class present in y_true. ROC AUC score is not defined in that case.");
        }
        double[][] c = curve(yTrue, scores);
        double[] x = c[0], y = c[1];
        // np.trapz: (d * (y[1:] + y[:-1]) / 2.0).sum()
        double[] parts = new double[x.length - 1];
        for (int i = 0; i < parts.length; i++) parts[i] = (x[i + 1] - x[i]) * (y[i + 1] + y[i]) / 2.0;
        return PairwiseSum.sum(parts);
    }

    /** fpr, tpr, thresholds. */
    private static double[][] curve(INDArray yTrue, INDArray scores) {
        double[] t = positives(yTrue), s = scores(scores);
        if (t.length != s.length) {
            throw new IllegalArgumentException("Found input variables with inconsistent numbers of samples: [" + t.length + ", " + s.length + "]");
        }
        // _binary_clf_curve: scores in decreasing order; one point at the last sample of each distinct score.
        Integer[] order = new Integer[s.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> s[i]).reversed());
        int n = s.length;
        double[] fps = new double[n], tps = new double[n], thr = new double[n];
        int m = 0;
        double cum = 0;
        for (int k = 0; k < n; k++) {
            cum += t[order[k]];
            if (k == n - 1 || s[order[k]] != s[order[k + 1]]) {
                tps[m] = cum;
                fps[m] = 1 + k - cum;
                thr[m] = s[order[k]];
                m++;
            }
        }
        // drop_intermediate: keep the ends and every point where either count's second difference is non-zero.
        int[] keep = new int[m];
        int kept = 0;
        for (int i = 0; i < m; i++) {
            boolean corner = i == 0 || i == m - 1 || m <= 2
                    || fps[i + 1] - 2 * fps[i] + fps[i - 1] != 0 || tps[i + 1] - 2 * tps[i] + tps[i - 1] != 0;
            if (corner) keep[kept++] = i;
        }
        double[] fpr = new double[kept + 1], tpr = new double[kept + 1], th = new double[kept + 1];
        th[0] = Double.POSITIVE_INFINITY;
        double fpsLast = fps[m - 1], tpsLast = tps[m - 1];
        for (int j = 0; j < kept; j++) {
            fpr[j + 1] = fps[keep[j]];
            tpr[j + 1] = tps[keep[j]];
            th[j + 1] = thr[keep[j]];
        }
        // No negatives (or positives): sklearn warns and returns NaN rates.
        for (int j = 0; j <= kept; j++) {
            fpr[j] = fpsLast <= 0 ? Double.NaN : fpr[j] / fpsLast;
            tpr[j] = tpsLast <= 0 ? Double.NaN : tpr[j] / tpsLast;
        }
        return new double[][]{fpr, tpr, th};
    }

    /** 1.0 for the positive class, 0.0 otherwise; labels must be {0, 1} or {-1, 1} as sklearn's pos_label=None. */
    private static double[] positives(INDArray yTrue) {
        INDArray y = Labels.of(yTrue, "y_true");
        long[] v = y.toLongVector();
        if (v.length == 0) throw new IllegalArgumentException("y_true is empty.");
        boolean zeroOne = Arrays.stream(v).allMatch(x -> x == 0 || x == 1);
        boolean minusOne = Arrays.stream(v).allMatch(x -> x == -1 || x == 1);
        if (!zeroOne && !minusOne) {
            throw new IllegalArgumentException("y_true takes value in " + Arrays.toString(Arrays.stream(v).distinct().sorted().toArray())
                    .replace('[', '{').replace(']', '}') + " and pos_label is not specified: either make y_true take value in "
                    + "{0, 1} or {-1, 1} or pass pos_label explicitly.");
        }
        return y.eq(1).castTo(DataType.DOUBLE).toDoubleVector();
    }

    private static double[] scores(INDArray scores) {
        INDArray s = scores;
        if (s.rank() == 2 && s.size(1) == 2) s = s.getColumn(1);
        else if (s.rank() == 2 && s.size(1) == 1) s = s.reshape(s.size(0));
        else if (s.rank() != 1) {
            throw new IllegalArgumentException("`y_score` must have shape (n,), (n, 1) or (n, 2) for a binary problem. Received shape "
                    + io.jkeras.Shape.ofArray(scores.shape()));
        }
        double[] out = s.castTo(DataType.DOUBLE).toDoubleVector();
        for (double d : out) if (Double.isNaN(d)) throw new IllegalArgumentException("Input y_score contains NaN.");
        return out;
    }
}
