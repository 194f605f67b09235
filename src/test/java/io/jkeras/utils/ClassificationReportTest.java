package io.jkeras.utils;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The report's text, compared with tables worked out by hand from sklearn's format strings
 * ({@code "{:>{width}s} " + " {:>9.{digits}f}" * 3 + " {:>9}\n"}, width = max(longest name, len("weighted avg"), digits),
 * the accuracy row with two blank 9-wide columns), the per-class numbers computed by hand from the counts.
 */
class ClassificationReportTest {
    private static INDArray labels(int... v) {
        return Nd4j.createFromArray(v);
    }

    @Test
    void sklearnsDocumentedExample() {
        // sklearn's docstring example: class 0 P=1/2 R=1/1; class 1 P=0/1 R=0/1; class 2 P=2/2 R=2/3.
        String expected = ""
                + "              precision    recall  f1-score   support\n"
                + "\n"
                + "     class 0       0.50      1.00      0.67         1\n"
                + "     class 1       0.00      0.00      0.00         1\n"
                + "     class 2       1.00      0.67      0.80         3\n"
                + "\n"
                + "    accuracy                           0.60         5\n"
                + "   macro avg       0.50      0.56      0.49         5\n"
                + "weighted avg       0.70      0.60      0.61         5\n";
        assertThat(ClassificationReport.classificationReport(labels(0, 1, 2, 2, 2), labels(0, 0, 2, 2, 1),
                List.of("class 0", "class 1", "class 2"))).isEqualTo(expected);
    }

    @Test
    void targetNamesAndFourDigits() {
        // cat: tp 1 of 2 true, 2 predicted; dog: 2 of 3, 3; bird: 3 of 4, 4; horse: 1 of 1, 1.
        // accuracy 7/10; macro (0.5 + 2/3 + 0.75 + 1) / 4 = 0.72916..; weighted (1 + 2 + 3 + 1) / 10 = 0.7.
        String expected = ""
                + "              precision    recall  f1-score   support\n"
                + "\n"
                + "         cat     0.5000    0.5000    0.5000         2\n"
                + "         dog     0.6667    0.6667    0.6667         3\n"
                + "        bird     0.7500    0.7500    0.7500         4\n"
                + "       horse     1.0000    1.0000    1.0000         1\n"
                + "\n"
                + "    accuracy                         0.7000        10\n"
                + "   macro avg     0.7292    0.7292    0.7292        10\n"
                + "weighted avg     0.7000    0.7000    0.7000        10\n";
        assertThat(ClassificationReport.classificationReport(labels(0, 0, 1, 1, 1, 2, 2, 2, 2, 3), labels(0, 1, 1, 1, 2, 2, 2, 2, 0, 3),
                List.of("cat", "dog", "bird", "horse"), 4)).isEqualTo(expected);
    }

    @Test
    void labelNumbersAsNamesThreeDigitsAndProbabilities() {
        // Labels 1, 2, 5 (sorted, present in either array). 1: P 1/1 R 1/2; 2: P 2/4 R 2/2; 5: P 2/2 R 2/3.
        String expected = ""
                + "              precision    recall  f1-score   support\n"
                + "\n"
                + "           1      1.000     0.500     0.667         2\n"
                + "           2      0.500     1.000     0.667         2\n"
                + "           5      1.000     0.667     0.800         3\n"
                + "\n"
                + "    accuracy                          0.714         7\n"
                + "   macro avg      0.833     0.722     0.711         7\n"
                + "weighted avg      0.857     0.714     0.724         7\n";
        assertThat(ClassificationReport.classificationReport(labels(1, 1, 2, 2, 5, 5, 5), labels(1, 2, 2, 2, 5, 5, 2), null, 3))
                .isEqualTo(expected);
        // model.predict output: one row of probabilities per sample, argmax taken; one-hot true labels likewise.
        INDArray probs = Nd4j.createFromArray(new float[][]{{0.9f, 0.1f}, {0.2f, 0.8f}, {0.6f, 0.4f}, {0.3f, 0.7f}});
        INDArray oneHot = Nd4j.createFromArray(new float[][]{{1, 0}, {0, 1}, {0, 1}, {0, 1}});
        assertThat(ClassificationReport.classificationReport(oneHot, probs))
                .isEqualTo(ClassificationReport.classificationReport(labels(0, 1, 1, 1), labels(0, 1, 0, 1)));
    }

    @Test
    void roundsAsPython() {
        // Python formats the double's exact value, half to even: 0.125 -> 0.12, 2.675 (2.67499..) -> 2.67.
        assertThat(ClassificationReport.fixed(0.125, 2)).isEqualTo("0.12");
        assertThat(ClassificationReport.fixed(0.375, 2)).isEqualTo("0.38");
        assertThat(ClassificationReport.fixed(2.675, 2)).isEqualTo("2.67");
        assertThat(ClassificationReport.fixed(0.5, 0)).isEqualTo("0");
        assertThat(ClassificationReport.fixed(2.0 / 3, 4)).isEqualTo("0.6667");
    }

    @Test
    void errors() {
        assertThatThrownBy(() -> ClassificationReport.classificationReport(labels(0, 1), labels(0, 1), List.of("a", "b", "c")))
                .hasMessage("Number of classes, 2, does not match size of target_names, 3. Try specifying the labels parameter");
        assertThatThrownBy(() -> ClassificationReport.classificationReport(labels(0, 1), labels(0)))
                .hasMessage("Found input variables with inconsistent numbers of samples: [2, 1]");
        assertThatThrownBy(() -> ClassificationReport.classificationReport(labels(0, 1), Nd4j.createFromArray(0.3, 0.8)))
                .hasMessageContaining("continuous values in `y_pred`");
    }
}
