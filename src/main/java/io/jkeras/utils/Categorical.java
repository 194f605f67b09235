package io.jkeras.utils;

import io.jkeras.Keras;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.shape.OneHot;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * Keras's {@code keras.utils.to_categorical}: integer class labels as one-hot rows, for
 * {@code categorical_crossentropy}.
 *
 * <p>Labels of shape {@code (N,)} or {@code (N, 1)} give {@code (N, numClasses)}; in general a trailing axis of
 * size 1 is dropped and a class axis is appended, so {@code (N, T)} gives {@code (N, T, numClasses)}. Labels are
 * converted to integers first as Keras does ({@code 2.7} counts as class 2). {@code numClasses} {@code null} (or
 * 0) means {@code max(y) + 1}. The result is in the default float type ({@link Keras#floatx()}; Keras 3 returns
 * float64 NumPy, Keras 2 float32), or in the type given.
 *
 * <pre>{@code
 * jshell> Categorical.toCategorical(new int[]{0, 2, 1}, 3)
 * $1 ==> [[1.0, 0, 0], [0, 0, 1.0], [0, 1.0, 0]]
 * }</pre>
 */
public final class Categorical {
    private Categorical() {
    }

    /** One-hot rows for these labels; the number of classes is {@code max + 1}. */
    public static INDArray toCategorical(int[] y) {
        return toCategorical(Nd4j.createFromArray(y), null);
    }

    /** One-hot rows for these labels over {@code numClasses} classes. */
    public static INDArray toCategorical(int[] y, Integer numClasses) {
        return toCategorical(Nd4j.createFromArray(y), numClasses);
    }

    /** One-hot encoding of an array of labels; the number of classes is {@code max + 1}. */
    public static INDArray toCategorical(INDArray y) {
        return toCategorical(y, null);
    }

    /** One-hot encoding of an array of labels in the default float type. */
    public static INDArray toCategorical(INDArray y, Integer numClasses) {
        return toCategorical(y, numClasses, Keras.dataType(Keras.floatx()));
    }

    /**
     * One-hot encoding of an array of labels.
     *
     * @param y integer labels (any numeric type; floats are truncated), any shape
     * @param numClasses the number of classes; {@code null} or 0: {@code max(y) + 1}
     * @param dtype the output type
     * @return {@code y}'s shape (less a trailing 1) plus a class axis of {@code numClasses}
     */
    public static INDArray toCategorical(INDArray y, Integer numClasses, DataType dtype) {
        long[] shape = y.shape();
        if (y.length() == 0 && shape.length == 0) shape = new long[]{0}; // ND4J makes an empty 1-D array shapeless
        if (shape.length > 1 && shape[shape.length - 1] == 1) shape = Arrays.copyOf(shape, shape.length - 1);
        INDArray ids = y.castTo(DataType.LONG).reshape('c', new long[]{y.length()});
        int classes;
        if (numClasses == null || numClasses == 0) {
            if (ids.length() == 0) {
                throw new IllegalArgumentException("Cannot infer `num_classes` from an empty label array "
                        + "(zero-size array to reduction operation maximum which has no identity): pass numClasses.");
            }
            classes = Math.toIntExact(ids.maxNumber().longValue() + 1);
        } else {
            classes = numClasses;
        }
        if (classes <= 0) {
            throw new IllegalArgumentException("`num_classes` must be positive. Received: num_classes=" + classes);
        }
        checkRange(ids, y.shape(), classes);
        long[] outShape = Arrays.copyOf(shape, shape.length + 1);
        outShape[shape.length] = classes;
        if (ids.length() == 0) return Nd4j.create(dtype, outShape);
        INDArray oneHot = Nd4j.exec(new OneHot(ids.castTo(DataType.INT), classes, -1, 1.0, 0.0, dtype))[0];
        return oneHot.reshape('c', outShape);
    }

    /**
     * Labels outside {@code [0, classes)} fail with the row of the first one. Keras lets NumPy raise
     * {@code index 12 is out of bounds} for a label too large, and silently wraps a negative one to a class
     * from the end; both are reported here.
     */
    private static void checkRange(INDArray ids, long[] yShape, int classes) {
        if (ids.length() == 0) return;
        long min = ids.minNumber().longValue(), max = ids.maxNumber().longValue();
        if (min >= 0 && max < classes) return;
        INDArray bad = ids.lt(0).castTo(DataType.INT).addi(ids.gte(classes).castTo(DataType.INT));
        long first = Nd4j.argMax(bad).getLong(0);
        long perRow = yShape.length == 0 ? 1 : ids.length() / Math.max(1, yShape[0]);
        throw new IllegalArgumentException("Received a label value of " + ids.getLong(first)
                + " which is outside the valid range of [0, " + classes + ") (row " + first / perRow + ")");
    }
}
