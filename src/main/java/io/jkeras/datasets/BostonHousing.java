package io.jkeras.datasets;

import io.jkeras.utils.Npy;
import io.jkeras.utils.NumpyRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Boston Housing, as {@code keras.datasets.boston_housing}: 506 areas of Boston in the 1970s, 13 attributes each,
 * and the median home value (in k$) to predict; from StatLib (Carnegie Mellon University).
 *
 * <p>{@link #loadData()} shuffles the rows with NumPy's {@code RandomState(seed)} (see {@link NumpyRandom}, so the
 * order is Keras's own) and cuts {@code int(506 * (1 - testSplit))} rows for training: with the defaults
 * ({@code testSplit=0.2}, {@code seed=113}) {@code xTrain} is {@code (404, 13)}, {@code yTrain} {@code (404,)},
 * {@code xTest} {@code (102, 13)}, {@code yTest} {@code (102,)}, all DOUBLE (NumPy's {@code float64}).
 *
 * <p>Keras warns: the dataset has an ethical problem (its feature "B" assumes that racial self-segregation affects
 * prices); use it only to illustrate such problems. File: Keras's cache
 * {@code $KERAS_HOME/datasets/boston_housing.npz}, else downloaded from Keras's origin (sha256 checked).
 *
 * <pre>{@code
 * jshell> var d = BostonHousing.loadData();
 * jshell> d.xTrain().shape()
 * $2 ==> long[2] { 404, 13 }
 * }</pre>
 */
public final class BostonHousing {
    private BostonHousing() {
    }

    /** {@code load_data()}: {@code testSplit=0.2}, {@code seed=113}. */
    public static TrainTest loadData() throws IOException {
        return loadData(0.2, 113);
    }

    /**
     * {@code load_data(test_split=testSplit, seed=seed)}.
     *
     * @param testSplit fraction of the rows for the test set, in {@code [0, 1)}
     * @param seed      NumPy seed of the shuffle, in {@code [0, 2**32 - 1]}
     */
    public static TrainTest loadData(double testSplit, long seed) throws IOException {
        checkTestSplit(testSplit);
        return loadData(DatasetFiles.fetch("boston_housing", "boston_housing.npz"), testSplit, seed);
    }

    /** The same from a {@code boston_housing.npz} file (arrays {@code x} and {@code y}). */
    public static TrainTest loadData(Path npz, double testSplit, long seed) throws IOException {
        checkTestSplit(testSplit);
        Map<String, Object> f = Npy.readNpz(npz);
        INDArray x = Mnist.array(f, "x", npz);
        INDArray y = Mnist.array(f, "y", npz);
        int n = (int) x.size(0);
        int[] indices = new NumpyRandom(seed).permutation(n);   // rng.shuffle(np.arange(len(x)))
        x = take(x, indices);
        y = take(y, indices);
        int cut = (int) (n * (1 - testSplit));
        return new TrainTest(rows(x, 0, cut), rows(y, 0, cut), rows(x, cut, n), rows(y, cut, n));
    }

    /** Keras's {@code assert 0 <= test_split < 1}, with a message. */
    static void checkTestSplit(double testSplit) {
        if (!(testSplit >= 0 && testSplit < 1)) {
            throw new IllegalArgumentException("`test_split` must be a float in [0, 1)."
                    + " Received: test_split=" + testSplit);
        }
    }

    /** {@code a[indices]} along axis 0. */
    static INDArray take(INDArray a, int[] indices) {
        if (indices.length == 0) return rows(a, 0, 0);
        // libnd4j's gather with the indices as an input array (the int[]-argument form crashed on M2.1 here).
        DynamicCustomOp op = DynamicCustomOp.builder("gather").addInputs(a, Nd4j.createFromArray(indices))
                .addIntegerArguments(0).build();
        return Nd4j.exec(op)[0];
    }

    /** {@code a[from:to]} along axis 0, as its own array (an empty one where {@code from == to}). */
    static INDArray rows(INDArray a, int from, int to) {
        if (from == to) {
            long[] shape = a.shape().clone();
            shape[0] = 0;
            return Nd4j.create(a.dataType(), shape);
        }
        return a.get(NDArrayIndex.interval(from, to)).dup('c');
    }
}
