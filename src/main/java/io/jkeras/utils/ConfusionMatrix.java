package io.jkeras.utils;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The confusion matrix of a classifier, as scikit-learn's {@code sklearn.metrics.confusion_matrix}: entry
 * {@code [i, j]} counts the samples of true class {@code i} predicted as class {@code j} (rows true, columns
 * predicted).
 *
 * <p>Inputs: integer labels {@code (n,)} or {@code (n, 1)}, or 2-D one-hot rows / class probabilities
 * {@code (n, classes)} whose argmax along axis 1 is taken, so {@code model.predict(x)} can be passed as it is.
 * Classes are {@code 0 .. numClasses-1} (sklearn sorts the labels present; for labels {@code 0..k-1} that is the
 * same matrix). Output: int64 {@code (numClasses, numClasses)}, counted by ND4J's native {@code confusion_matrix} (on one thread: see {@link #count}).
 *
 * <pre>{@code
 * jshell> ConfusionMatrix.confusionMatrix(Nd4j.createFromArray(0, 1, 2, 2), Nd4j.createFromArray(0, 2, 2, 1), 3)
 * $1 ==> [[1, 0, 0], [0, 0, 1], [0, 1, 1]]
 * }</pre>
 */
public final class ConfusionMatrix {
    private ConfusionMatrix() {
    }

    /** The confusion matrix over classes {@code 0 .. max(label)}. */
    public static INDArray confusionMatrix(INDArray yTrue, INDArray yPred) {
        return confusionMatrix(yTrue, yPred, null);
    }

    /**
     * The confusion matrix over classes {@code 0 .. numClasses-1}.
     *
     * @param yTrue true labels (or one-hot rows)
     * @param yPred predicted labels (or probabilities: argmax)
     * @param numClasses the number of classes; {@code null}: {@code max(yTrue, yPred) + 1}
     * @return int64 {@code (numClasses, numClasses)}, rows true, columns predicted
     */
    public static INDArray confusionMatrix(INDArray yTrue, INDArray yPred, Integer numClasses) {
        INDArray t = Labels.of(yTrue, "y_true"), p = Labels.of(yPred, "y_pred");
        Labels.sameLength(t, p);
        if (t.length() == 0) {
            if (numClasses == null) throw new IllegalArgumentException("Cannot infer the number of classes from empty labels: pass numClasses.");
            return Nd4j.zeros(DataType.LONG, numClasses, numClasses);
        }
        long max = Math.max(t.maxNumber().longValue(), p.maxNumber().longValue());
        int k = numClasses == null ? Math.toIntExact(max + 1) : numClasses;
        if (k <= 0) throw new IllegalArgumentException("`num_classes` must be positive. Received: num_classes=" + k);
        checkRange(t, k, "y_true");
        checkRange(p, k, "y_pred");
        return count(t.castTo(DataType.INT), p.castTo(DataType.INT), k, DataType.LONG);
    }

    /**
     * ND4J's native {@code confusion_matrix} op on one thread: on two threads its counting races (70 of 200
     * calls on 10,000 random labels miscounted here, ND4J 1.0.0-M2.1), on one it is exact.
     */
    static INDArray count(INDArray t, INDArray p, int k, DataType type) {
        INDArray[] out = new INDArray[1];
        Threads.single(() -> out[0] = Nd4j.exec(new org.nd4j.linalg.api.ops.impl.shape.ConfusionMatrix(t, p, k, type))[0]);
        return out[0];
    }

    /** Labels outside {@code [0, k)} fail with the row of the first one (DESIGN.md's label message). */
    static void checkRange(INDArray labels, int k, String arg) {
        long min = labels.minNumber().longValue(), max = labels.maxNumber().longValue();
        if (min >= 0 && max < k) return;
        INDArray bad = labels.lt(0).castTo(DataType.INT).addi(labels.gte(k).castTo(DataType.INT));
        long row = Nd4j.argMax(bad).getLong(0);
        throw new IllegalArgumentException("Received a label value of " + labels.getLong(row) + " in `" + arg
                + "` which is outside the valid range of [0, " + k + ") (row " + row + ")");
    }
}
