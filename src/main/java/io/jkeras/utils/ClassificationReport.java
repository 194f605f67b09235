package io.jkeras.utils;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The text table of scikit-learn's {@code sklearn.metrics.classification_report}, character for character:
 * precision, recall, f1-score and support per class, then accuracy, macro avg and weighted avg.
 *
 * <p>Classes are the sorted labels present in {@code yTrue} or {@code yPred}, named by {@code targetNames} (one
 * per class, in that order) or by their number. Inputs: integer labels {@code (n,)} or {@code (n, 1)}, or 2-D
 * one-hot rows / class probabilities {@code (n, classes)}, whose argmax along axis 1 is taken, so the output of
 * {@code model.predict(x)} can be passed as it is. A class never predicted has precision 0 (and one never true
 * recall 0): sklearn's {@code zero_division="warn"} values, without its warning. Numbers are rounded as Python's
 * {@code format} rounds them (the double's exact value, half to even), not as {@code String.format} does.
 *
 * <pre>{@code
 * jshell> System.out.print(ClassificationReport.classificationReport(
 *    ...>     Nd4j.createFromArray(0, 1, 2, 2, 2), Nd4j.createFromArray(0, 0, 2, 2, 1), List.of("class 0", "class 1", "class 2"), 2))
 *               precision    recall  f1-score   support
 *
 *      class 0       0.50      1.00      0.67         1
 *      class 1       0.00      0.00      0.00         1
 *      class 2       1.00      0.67      0.80         3
 *
 *     accuracy                           0.60         5
 *    macro avg       0.50      0.56      0.49         5
 * weighted avg       0.70      0.60      0.61         5
 * }</pre>
 */
public final class ClassificationReport {
    private static final String[] HEADERS = {"precision", "recall", "f1-score", "support"};

    private ClassificationReport() {
    }

    /** The report with class numbers as names and 2 digits. */
    public static String classificationReport(INDArray yTrue, INDArray yPred) {
        return classificationReport(yTrue, yPred, null, 2);
    }

    /** The report with these class names and 2 digits. */
    public static String classificationReport(INDArray yTrue, INDArray yPred, List<String> targetNames) {
        return classificationReport(yTrue, yPred, targetNames, 2);
    }

    /**
     * The report.
     *
     * @param yTrue true labels (or one-hot rows)
     * @param yPred predicted labels (or probabilities: argmax)
     * @param targetNames one name per class present, in label order; {@code null} for the label numbers
     * @param digits digits after the decimal point
     * @return sklearn's table, ending with a newline
     */
    public static String classificationReport(INDArray yTrue, INDArray yPred, List<String> targetNames, int digits) {
        INDArray t = Labels.of(yTrue, "y_true"), p = Labels.of(yPred, "y_pred");
        Labels.sameLength(t, p);
        if (t.length() == 0) throw new IllegalArgumentException("Found array with 0 sample(s) while a minimum of 1 is required.");
        if (digits < 0) throw new IllegalArgumentException("`digits` must be >= 0. Received: digits=" + digits);
        long[] labels = presentLabels(t, p);
        if (targetNames != null && targetNames.size() != labels.length) {
            throw new IllegalArgumentException("Number of classes, " + labels.length + ", does not match size of target_names, "
                    + targetNames.size() + ". Try specifying the labels parameter");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) names.add(targetNames == null ? Long.toString(labels[i]) : targetNames.get(i));
        double[][] cm = counts(t, p, labels);
        int k = labels.length;
        double[] prec = new double[k], rec = new double[k], f1 = new double[k], support = new double[k];
        double tpSum = 0, n = 0;
        for (int i = 0; i < k; i++) {
            double tp = cm[i][i], trueSum = 0, predSum = 0;
            for (int j = 0; j < k; j++) {
                trueSum += cm[i][j];
                predSum += cm[j][i];
            }
            prec[i] = divide(tp, predSum);
            rec[i] = divide(tp, trueSum);
            f1[i] = divide(2 * tp, trueSum + predSum); // sklearn's F-beta from counts: (1 + b²) tp / (b² true + pred)
            support[i] = trueSum;
            tpSum += tp;
            n += trueSum;
        }

        int width = "weighted avg".length();
        for (String s : names) width = Math.max(width, s.length());
        width = Math.max(width, digits);
        StringBuilder out = new StringBuilder(pad("", width)).append(' ');
        for (String h : HEADERS) out.append(' ').append(pad(h, 9));
        out.append("\n\n");
        for (int i = 0; i < k; i++) out.append(row(names.get(i), prec[i], rec[i], f1[i], (long) support[i], width, digits));
        out.append('\n');
        // The micro average over all classes present is the accuracy: sklearn prints only its f1 column.
        out.append(pad("accuracy", width)).append(' ').append(' ').append(pad("", 9)).append(' ').append(pad("", 9))
                .append(' ').append(pad(fixed(divide(2 * tpSum, 2 * n), digits), 9)).append(' ').append(pad(Long.toString((long) n), 9))
                .append('\n');
        out.append(row("macro avg", mean(prec), mean(rec), mean(f1), (long) n, width, digits));
        out.append(row("weighted avg", weighted(prec, support), weighted(rec, support), weighted(f1, support), (long) n, width, digits));
        return out.toString();
    }

    /** The sorted labels found in either array. */
    private static long[] presentLabels(INDArray t, INDArray p) {
        return java.util.stream.LongStream.concat(Arrays.stream(t.toLongVector()), Arrays.stream(p.toLongVector()))
                .distinct().sorted().toArray();
    }

    /** The confusion matrix over {@code labels} (rows true), counted by ND4J's native op on dense class indices. */
    private static double[][] counts(INDArray t, INDArray p, long[] labels) {
        INDArray ti = Nd4j.createFromArray(dense(t.toLongVector(), labels)), pi = Nd4j.createFromArray(dense(p.toLongVector(), labels));
        INDArray cm = ConfusionMatrix.count(ti, pi, labels.length, DataType.DOUBLE);
        return cm.toDoubleMatrix();
    }

    private static int[] dense(long[] values, long[] labels) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) out[i] = Arrays.binarySearch(labels, values[i]);
        return out;
    }

    /** sklearn's {@code _prf_divide} with {@code zero_division} 0. */
    private static double divide(double num, double den) {
        return den == 0 ? 0.0 : num / den;
    }

    private static double mean(double[] v) {
        return PairwiseSum.mean(v);
    }

    /** {@code np.average(v, weights=w)}: {@code sum(v * w) / sum(w)}, summed in NumPy's order. */
    private static double weighted(double[] v, double[] w) {
        double[] vw = new double[v.length];
        for (int i = 0; i < v.length; i++) vw[i] = v[i] * w[i];
        return divide(PairwiseSum.sum(vw), PairwiseSum.sum(w));
    }

    /** One line: {@code "{:>{width}s} " + " {:>9.{digits}f}" * 3 + " {:>9}\n"}. */
    private static String row(String name, double p, double r, double f, long support, int width, int digits) {
        return pad(name, width) + ' ' + ' ' + pad(fixed(p, digits), 9) + ' ' + pad(fixed(r, digits), 9) + ' '
                + pad(fixed(f, digits), 9) + ' ' + pad(Long.toString(support), 9) + '\n';
    }

    /** Python's {@code format(v, ".{digits}f")}: the double's exact binary value rounded half to even. */
    static String fixed(double v, int digits) {
        if (Double.isNaN(v)) return "nan";
        return new BigDecimal(v).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** Right-aligned in {@code width} characters (longer strings are kept whole, as Python does). */
    private static String pad(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }
}
