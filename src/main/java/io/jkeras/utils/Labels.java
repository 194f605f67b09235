package io.jkeras.utils;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Class labels from what users pass to the metric utilities: integer labels {@code (n,)} or {@code (n, 1)}, or a
 * 2-D array of one-hot rows or class probabilities {@code (n, classes)} (the output of {@code model.predict}),
 * whose argmax along axis 1 is taken. Package-private.
 */
final class Labels {
    private Labels() {
    }

    /**
     * The labels of {@code y}, as int64 {@code (n,)}.
     *
     * @param y labels, one-hot rows or probabilities
     * @param arg the argument's name for messages ({@code "y_true"})
     */
    static INDArray of(INDArray y, String arg) {
        if (y == null) throw new IllegalArgumentException("`" + arg + "` must not be null.");
        if (y.rank() == 2 && y.size(1) > 1) return Nd4j.argMax(y, 1).castTo(DataType.LONG).reshape(y.size(0));
        if (y.rank() > 2 || (y.rank() == 2 && y.size(1) != 1)) {
            throw new IllegalArgumentException("`" + arg + "` must be labels of shape (n,) or (n, 1), or one-hot rows / "
                    + "probabilities of shape (n, classes). Received shape " + io.jkeras.Shape.ofArray(y.shape()));
        }
        INDArray flat = y.reshape(y.length());
        if (flat.dataType().isFPType() && flat.length() > 0) {
            // sklearn refuses continuous targets; a column of sigmoid outputs must be thresholded by the caller.
            INDArray frac = flat.sub(Transforms.floor(flat, true));
            if (frac.amaxNumber().doubleValue() != 0 || Double.isNaN(flat.sumNumber().doubleValue())) {
                throw new IllegalArgumentException("Classification metrics can't handle continuous values in `" + arg
                        + "`: pass integer class labels, or probabilities of shape (n, classes) whose argmax is taken "
                        + "(threshold a (n, 1) sigmoid output yourself, e.g. y.gt(0.5)).");
            }
        }
        return flat.castTo(DataType.LONG);
    }

    /** Checks that two label arrays have the same length, with sklearn's message. */
    static void sameLength(INDArray a, INDArray b) {
        if (a.length() != b.length()) {
            throw new IllegalArgumentException("Found input variables with inconsistent numbers of samples: ["
                    + a.length() + ", " + b.length() + "]");
        }
    }
}
