package io.jkeras.datasets;

import io.jkeras.utils.FileUtils;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Fashion-MNIST, as {@code keras.datasets.fashion_mnist}: 70,000 grey 28×28 images of clothing in 10 classes
 * ({@link #CLASS_NAMES}; 60,000 for training, 10,000 for testing), from Zalando Research.
 *
 * <p>{@link #loadData()} returns what Keras's {@code load_data()} returns, with the same shapes and value types:
 * {@code xTrain} {@code (60000, 28, 28)}, {@code yTrain} {@code (60000,)}, {@code xTest} {@code (10000, 28, 28)},
 * {@code yTest} {@code (10000,)}, all UINT8 (pixels 0–255, labels 0–9), as Keras's {@code uint8} NumPy arrays.
 * {@link #loadSample()} returns the first 10,000 training and first 2,000 test images of the same files, which
 * ship with jkeras ({@code datasets/fashion-mnist-sample/}): it works offline on a fresh machine, and is enough to
 * train the course CNN (Conv2D 32-64-64, Dense 64, Adam) to about 75% test accuracy after one epoch and about 82%
 * after two (measured: 11–25 s per epoch of batch 64 on a shared two-core machine).
 *
 * <pre>{@code
 * jshell> var d = FashionMnist.loadData();
 * jshell> INDArray x = d.xTrain().castTo(DataType.FLOAT).divi(255);   // (60000, 28, 28) in [0, 1]
 * jshell> FashionMnist.CLASS_NAMES[d.yTrain().getInt(0)]
 * $3 ==> "Ankle boot"
 * }</pre>
 *
 * <p>Where {@link #loadData()} finds the four gzipped IDX files ({@code train-images-idx3-ubyte.gz},
 * {@code train-labels-idx1-ubyte.gz}, {@code t10k-images-idx3-ubyte.gz}, {@code t10k-labels-idx1-ubyte.gz}), each in
 * this order: Keras's cache {@code $KERAS_HOME/datasets/fashion-mnist/} (default {@code ~/.keras/datasets/fashion-mnist/}),
 * if its sha256 is Keras's or Debian's; then where Debian's {@code dataset-fashion-mnist} package installs them,
 * {@code /usr/share/datasets/fashion-mnist/}; then a download from Keras's origin
 * ({@code https://storage.googleapis.com/tensorflow/tf-keras-datasets/}) into Keras's cache, with Keras's hash and
 * progress bar. Offline with none of them, the {@link IOException} says what to put where.
 *
 * <p>Licence: MIT, copyright Zalando SE.
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
    /** The bundled sample's folder: {@code datasets/fashion-mnist-sample/} in the jar, or in the repository. */
    public static final String SAMPLE_DIR = "fashion-mnist-sample";
    /** The class names of labels 0–9, as the dataset's README (and the Keras tutorials) give them. */
    public static final String[] CLASS_NAMES = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"};

    private FashionMnist() {
    }

    /**
     * Loads the whole dataset: each file from Keras's cache, Debian's folder or a download (see above).
     *
     * @throws IOException if a file is nowhere and cannot be downloaded (the message says what to put where), or is
     *                     not the IDX array it should be
     */
    public static TrainTest loadData() throws IOException {
        Path kerasHome = FileUtils.kerasHome();
        return load(paths(file -> DatasetFiles.fetch(DatasetFiles.spec("fashion_mnist", file), kerasHome)), 60000, 10000);
    }

    /**
     * Loads the dataset from the four files in {@code dir}.
     *
     * @throws IOException if a file is missing, unreadable, or not an array of the expected shape
     */
    public static TrainTest loadData(Path dir) throws IOException {
        List<String> missing = new ArrayList<>();
        for (String f : List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS)) {
            if (!Files.isRegularFile(dir.resolve(f))) missing.add(f);
        }
        if (!missing.isEmpty()) {
            throw new FileNotFoundException("Fashion-MNIST files not found in " + dir + ": " + String.join(", ", missing));
        }
        return load(paths(dir::resolve), 60000, 10000);
    }

    /**
     * The bundled sample: the first 10,000 training images and the first 2,000 test images of Fashion-MNIST, in
     * the same format, shapes ({@code (10000, 28, 28)}, {@code (10000,)}, {@code (2000, 28, 28)}, {@code (2000,)})
     * and types (UINT8) as {@link #loadData()}. Read from the class path ({@code datasets/fashion-mnist-sample/} in
     * the jkeras jar or {@code target/classes}), else from {@code ./datasets/fashion-mnist-sample/}; never
     * downloaded. {@code datasets/MANIFEST.md} says how it was made from Debian's files.
     *
     * @throws IOException if neither place has it
     */
    public static TrainTest loadSample() throws IOException {
        return load(FashionMnist::sampleFile, -1, -1);
    }

    /** The folders {@link #loadData()} looks in before downloading: Keras's cache, then Debian's package folder. */
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

    /** Where a file's bytes come from: a path, or a class-path resource. */
    private record Opened(InputStream in, String name) {
    }

    private interface Source {
        Opened open(String file) throws IOException;
    }

    private static Source paths(PathSource p) {
        return file -> {
            Path path = p.get(file);
            return new Opened(Files.newInputStream(path), path.toString());
        };
    }

    private interface PathSource {
        Path get(String file) throws IOException;
    }

    /** Reads the four files; {@code nTrain}/{@code nTest} are the expected counts, -1 for any. */
    private static TrainTest load(Source files, int nTrain, int nTest) throws IOException {
        INDArray yTrain = read(files.open(TRAIN_LABELS), nTrain);
        INDArray xTrain = read(files.open(TRAIN_IMAGES), yTrain.size(0), 28, 28);
        INDArray yTest = read(files.open(TEST_LABELS), nTest);
        INDArray xTest = read(files.open(TEST_IMAGES), yTest.size(0), 28, 28);
        return new TrainTest(xTrain, yTrain, xTest, yTest);
    }

    private static INDArray read(Opened file, long... expected) throws IOException {
        INDArray a;
        try (InputStream in = new GZIPInputStream(file.in(), 1 << 16)) {
            a = Idx.readUbyte(in, file.name());
        } catch (java.util.zip.ZipException e) {
            throw new IOException(file.name() + ": not a gzipped IDX file (" + e.getMessage() + ")", e);
        }
        long[] shape = a.shape();
        boolean ok = shape.length == expected.length;
        for (int i = 0; ok && i < shape.length; i++) ok = expected[i] < 0 || shape[i] == expected[i];
        if (!ok) {
            throw new IOException(file.name() + ": expected an array of shape " + Arrays.toString(expected).replace("-1", "N")
                    + " but the file holds " + Arrays.toString(shape));
        }
        return a;
    }

    /** A file of the bundled sample: on the class path (possibly inside the jar), else in ./datasets. */
    private static Opened sampleFile(String name) throws IOException {
        String resource = "/datasets/" + SAMPLE_DIR + "/" + name;
        InputStream in = FashionMnist.class.getResourceAsStream(resource);
        if (in != null) return new Opened(in, "classpath:" + resource);
        Path local = Path.of("datasets", SAMPLE_DIR, name);
        if (Files.isRegularFile(local)) return new Opened(Files.newInputStream(local), local.toString());
        throw new FileNotFoundException("The bundled Fashion-MNIST sample (" + name + ") is neither on the class path ("
                + resource + ") nor in " + local.toAbsolutePath().getParent() + ": run from the jkeras repository root, "
                + "or put the jkeras jar (or target/classes) on the class path.");
    }
}
