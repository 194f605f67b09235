package io.jkeras.datasets;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CIFAR-10, as {@code keras.datasets.cifar10}: 60,000 colour 32×32 images in 10 classes ({@link #CLASS_NAMES}),
 * 50,000 for training and 10,000 for testing.
 *
 * <p>{@link #loadData()} returns Keras's arrays, channels last: {@code xTrain} {@code (50000, 32, 32, 3)},
 * {@code yTrain} {@code (50000, 1)}, {@code xTest} {@code (10000, 32, 32, 3)}, {@code yTest} {@code (10000, 1)},
 * all UINT8 (pixels 0–255, labels 0–9).
 *
 * <p>Where the data comes from: the extracted batches ({@code data_batch_1} … {@code data_batch_5},
 * {@code test_batch}) in Keras's cache, where Keras 3 leaves them
 * ({@code $KERAS_HOME/datasets/cifar-10-batches-py-target/cifar-10-batches-py/}) or where Keras 2 and tf.keras do
 * ({@code $KERAS_HOME/datasets/cifar-10-batches-py/}); else the archive {@code cifar-10-python.tar.gz} (cached under
 * Keras 3's name {@code cifar-10-batches-py-target_archive} or Keras 2's {@code cifar-10-batches-py.tar.gz}, or
 * downloaded from {@code https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz}, 163 MB, sha256 checked),
 * extracted as Keras 3 does. Offline with nothing there, the {@link IOException} says what to put where.
 *
 * <pre>{@code
 * jshell> var d = Cifar10.loadData();
 * jshell> Cifar10.CLASS_NAMES[d.yTrain().getInt(0, 0)]
 * $2 ==> "frog"
 * }</pre>
 */
public final class Cifar10 {
    /** The class names of labels 0–9, as Keras's documentation gives them. */
    public static final String[] CLASS_NAMES = {"airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
            "horse", "ship", "truck"};

    private Cifar10() {
    }

    /** Loads the dataset from Keras's cache, extracting or downloading the archive if needed. */
    public static TrainTest loadData() throws IOException {
        return loadData(Archives.fetchDir("cifar10", "cifar-10-python.tar.gz"));
    }

    /**
     * Loads the dataset from a folder of extracted batches ({@code cifar-10-batches-py}).
     *
     * @throws IOException if a batch is missing or is not a CIFAR batch pickle
     */
    public static TrainTest loadData(Path dir) throws IOException {
        List<Cifar.Batch> train = new ArrayList<>();
        for (int i = 1; i <= 5; i++) train.add(Cifar.loadBatch(dir.resolve("data_batch_" + i), "labels"));
        INDArray[] tr = Cifar.stack(train, DataType.UINT8);
        // Keras: y_test = y_test.astype(y_train.dtype), and y_train was np.empty(..., dtype="uint8").
        INDArray[] te = Cifar.stack(Cifar.list(Cifar.loadBatch(dir.resolve("test_batch"), "labels")), DataType.UINT8);
        return new TrainTest(tr[0], tr[1], te[0], te[1]);
    }
}
