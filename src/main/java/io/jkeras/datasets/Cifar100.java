package io.jkeras.datasets;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Path;

/**
 * CIFAR-100, as {@code keras.datasets.cifar100}: 60,000 colour 32×32 images labelled with 100 fine classes grouped
 * into 20 coarse ones, 50,000 for training and 10,000 for testing.
 *
 * <p>{@link #loadData(String)} returns Keras's arrays, channels last: {@code xTrain} {@code (50000, 32, 32, 3)} and
 * {@code xTest} {@code (10000, 32, 32, 3)} UINT8, {@code yTrain} {@code (50000, 1)} and {@code yTest}
 * {@code (10000, 1)} LONG. The labels are LONG because Keras's are: its {@code cifar100.load_data} reshapes the
 * pickled Python list of labels, which NumPy makes {@code int64} (its docstring's "uint8" is CIFAR-10's).
 *
 * <p>Where the data comes from: the extracted {@code train} and {@code test} files in Keras's cache, where Keras 3
 * leaves them ({@code $KERAS_HOME/datasets/cifar-100-python-target/cifar-100-python/}) or where Keras 2 and
 * tf.keras do ({@code $KERAS_HOME/datasets/cifar-100-python/}); else the archive {@code cifar-100-python.tar.gz}
 * (cached as {@code cifar-100-python-target_archive} or {@code cifar-100-python.tar.gz}, or downloaded from
 * {@code https://www.cs.toronto.edu/~kriz/cifar-100-python.tar.gz}, 161 MB, sha256 checked), extracted as Keras 3
 * does.
 *
 * <pre>{@code
 * jshell> var d = Cifar100.loadData("coarse");     // labels 0–19
 * }</pre>
 */
public final class Cifar100 {
    private Cifar100() {
    }

    /** {@code load_data()}: the fine labels (0–99). */
    public static TrainTest loadData() throws IOException {
        return loadData("fine");
    }

    /**
     * {@code load_data(label_mode)}.
     *
     * @param labelMode {@code "fine"} (100 classes) or {@code "coarse"} (20 superclasses)
     * @throws IllegalArgumentException for another label mode, with Keras's message
     */
    public static TrainTest loadData(String labelMode) throws IOException {
        checkLabelMode(labelMode);
        return loadData(Archives.fetchDir("cifar100", "cifar-100-python.tar.gz"), labelMode);
    }

    /** The same from a folder of extracted files ({@code cifar-100-python}, holding {@code train} and {@code test}). */
    public static TrainTest loadData(Path dir, String labelMode) throws IOException {
        checkLabelMode(labelMode);
        String key = labelMode + "_labels";
        INDArray[] tr = Cifar.stack(Cifar.list(Cifar.loadBatch(dir.resolve("train"), key)), DataType.LONG);
        INDArray[] te = Cifar.stack(Cifar.list(Cifar.loadBatch(dir.resolve("test"), key)), DataType.LONG);
        return new TrainTest(tr[0], tr[1], te[0], te[1]);
    }

    private static void checkLabelMode(String labelMode) {
        if (!"fine".equals(labelMode) && !"coarse".equals(labelMode)) {
            throw new IllegalArgumentException("`label_mode` must be one of `\"fine\"`, `\"coarse\"`. Received: label_mode="
                    + labelMode + ".");
        }
    }
}
