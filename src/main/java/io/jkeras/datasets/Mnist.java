package io.jkeras.datasets;

import io.jkeras.utils.Npy;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * MNIST, as {@code keras.datasets.mnist}: 70,000 grey 28×28 images of handwritten digits (60,000 for training,
 * 10,000 for testing), read from Keras's own {@code mnist.npz}.
 *
 * <p>{@link #loadData()} returns what Keras's {@code load_data()} returns: {@code xTrain} {@code (60000, 28, 28)},
 * {@code yTrain} {@code (60000,)}, {@code xTest} {@code (10000, 28, 28)}, {@code yTest} {@code (10000,)}, all UINT8
 * (NumPy's {@code uint8}: pixels 0–255, labels 0–9).
 *
 * <p>Where the file comes from: Keras's cache {@code $KERAS_HOME/datasets/mnist.npz} (default
 * {@code ~/.keras/datasets/}), else a download from
 * {@code https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz} with Keras's sha256 and progress bar.
 * Offline with no file, the {@link IOException} says what to put where.
 *
 * <pre>{@code
 * jshell> var d = Mnist.loadData();
 * jshell> INDArray x = d.xTrain().castTo(DataType.FLOAT).divi(255).reshape(60000, 784);
 * jshell> d.yTrain().getInt(0)
 * $3 ==> 5
 * }</pre>
 *
 * <p>Licence: Yann LeCun and Corinna Cortes hold the copyright; CC BY-SA 3.0 (as Keras documents).
 */
public final class Mnist {
    private Mnist() {
    }

    /** Loads the dataset from Keras's cache, downloading {@code mnist.npz} if it is not there. */
    public static TrainTest loadData() throws IOException {
        return loadData(DatasetFiles.fetch("mnist", "mnist.npz"));
    }

    /**
     * Loads the dataset from an {@code mnist.npz} file (arrays {@code x_train}, {@code y_train}, {@code x_test},
     * {@code y_test}), as {@code np.load(path)} in Keras.
     *
     * @throws IOException if the file is not such an archive
     */
    public static TrainTest loadData(Path npz) throws IOException {
        Map<String, Object> f = Npy.readNpz(npz);
        return new TrainTest(array(f, "x_train", npz), array(f, "y_train", npz), array(f, "x_test", npz), array(f, "y_test", npz));
    }

    /** A numeric member of an .npz archive, or an IOException naming the file and the member. */
    static INDArray array(Map<String, Object> npz, String key, Path file) throws IOException {
        Object o = npz.get(key);
        if (o instanceof INDArray a) return a;
        throw new IOException(file + ": " + (o == null ? "no array '" + key + "' (it holds " + npz.keySet() + ")"
                : "'" + key + "' is an object array, not a numeric one"));
    }
}
