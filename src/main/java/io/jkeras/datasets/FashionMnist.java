package io.jkeras.datasets;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Fashion-MNIST, as {@code keras.datasets.fashion_mnist}: 70,000 grey 28×28 images of clothing in 10
 * classes (60,000 for training, 10,000 for testing), from Zalando Research.
 *
 * <p>{@link #loadData()} returns what Keras's {@code load_data()} returns, with the same shapes and
 * value types: {@code xTrain} {@code (60000, 28, 28)}, {@code yTrain} {@code (60000,)}, {@code xTest}
 * {@code (10000, 28, 28)}, {@code yTest} {@code (10000,)}, all UINT8 (pixels 0–255, labels 0–9), as
 * Keras's {@code uint8} NumPy arrays. Scale and cast as a Keras course does:
 *
 * <pre>{@code
 * jshell> var d = FashionMnist.loadData();
 * jshell> INDArray x = d.xTrain().castTo(DataType.FLOAT).divi(255);   // (60000, 28, 28) in [0, 1]
 * jshell> FashionMnist.CLASS_NAMES[d.yTrain().getInt(0)]
 * $3 ==> "Ankle boot"
 * }</pre>
 *
 * <p>jkeras never downloads. The four gzipped IDX files are looked for, under Keras's own names
 * ({@code train-images-idx3-ubyte.gz}, {@code train-labels-idx1-ubyte.gz},
 * {@code t10k-images-idx3-ubyte.gz}, {@code t10k-labels-idx1-ubyte.gz}), first where Keras caches
 * them, {@code $KERAS_HOME/datasets/fashion-mnist/} (default {@code ~/.keras/datasets/fashion-mnist/}),
 * so a machine where Keras has run once needs nothing else; then where Debian's
 * {@code dataset-fashion-mnist} package puts them, {@code /usr/share/datasets/fashion-mnist/}.
 * The first folder that holds all four is used.
 */
public final class FashionMnist {
    /** Keras's file names, which are also the Zalando originals and Debian's. */
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    /** The training labels file. */
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    /** The test images file. */
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    /** The test labels file. */
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";
    /** Where Debian's {@code dataset-fashion-mnist} package installs the files. */
    public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    /** The class names of labels 0–9, as the dataset's README (and the Keras tutorials) give them. */
    public static final String[] CLASS_NAMES = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"};

    private static final List<String> FILES = List.of(TRAIN_LABELS, TRAIN_IMAGES, TEST_LABELS, TEST_IMAGES);

    private FashionMnist() {
    }

    /**
     * Loads the dataset from the first folder of {@link #searchPath()} that holds all four files.
     *
     * @throws FileNotFoundException if no folder does; the message names the files and where to put them
     * @throws IOException if a file cannot be read or is not the IDX array it should be
     */
    public static TrainTest loadData() throws IOException {
        List<Path> dirs = searchPath();
        for (Path dir : dirs) {
            if (hasAll(dir)) return loadData(dir);
        }
        throw new FileNotFoundException("Fashion-MNIST not found. jkeras does not download; put the four files "
                + String.join(", ", FILES) + " (from https://github.com/zalandoresearch/fashion-mnist, or Keras's "
                + "own cache after keras.datasets.fashion_mnist.load_data()) into " + dirs.get(0)
                + ", or install the Debian package dataset-fashion-mnist (apt-get install dataset-fashion-mnist), "
                + "which puts them in " + DEBIAN_DIR + ". Looked in: " + dirs + ".");
    }

    /**
     * Loads the dataset from the four files in {@code dir}.
     *
     * @throws IOException if a file is missing, unreadable, or not an array of the expected shape
     */
    public static TrainTest loadData(Path dir) throws IOException {
        INDArray xTrain = read(dir, TRAIN_IMAGES, 60000, 28, 28);
        INDArray yTrain = read(dir, TRAIN_LABELS, 60000);
        INDArray xTest = read(dir, TEST_IMAGES, 10000, 28, 28);
        INDArray yTest = read(dir, TEST_LABELS, 10000);
        return new TrainTest(xTrain, yTrain, xTest, yTest);
    }

    /** The folders {@link #loadData()} looks in, in order: Keras's cache, then Debian's package folder. */
    public static List<Path> searchPath() {
        return searchPath(System.getenv(), System.getProperty("user.home"));
    }

    /** {@link #searchPath()} for a given environment and home folder (for tests). */
    static List<Path> searchPath(Map<String, String> env, String home) {
        List<Path> dirs = new ArrayList<>();
        // Keras: cache_dir = $KERAS_HOME or ~/.keras; get_file(..., cache_subdir="datasets/fashion-mnist").
        String kerasHome = env.get("KERAS_HOME");
        Path base = kerasHome != null && !kerasHome.isEmpty() ? Path.of(kerasHome) : Path.of(home, ".keras");
        dirs.add(base.resolve("datasets").resolve("fashion-mnist"));
        dirs.add(DEBIAN_DIR);
        return dirs;
    }

    private static boolean hasAll(Path dir) {
        for (String f : FILES) {
            if (!Files.isRegularFile(dir.resolve(f))) return false;
        }
        return true;
    }

    private static INDArray read(Path dir, String name, long... expected) throws IOException {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) throw new FileNotFoundException(file + ": Fashion-MNIST file not found");
        INDArray a = Idx.readUbyte(file);
        if (!Arrays.equals(a.shape(), expected)) {
            throw new IOException(file + ": expected an array of shape " + Arrays.toString(expected)
                    + " but the file holds " + Arrays.toString(a.shape()));
        }
        return a;
    }
}
