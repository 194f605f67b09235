package io.jkeras.datasets;

import io.jkeras.saving.Json;
import io.jkeras.testing.Python;
import io.jkeras.utils.FileUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every loader against Keras's own code: /usr/bin/python3 writes small files in the exact formats of Keras's datasets
 * (npz with uint8/float64/int64 arrays, object arrays of lists and of int32 arrays, CIFAR batches as Python 2 pickles
 * and as Python 3 protocol-2 pickles with bytes keys, the tar.gz archives) and what Keras's load_data code, copied
 * step for step into src/test/resources/python/keras_datasets.py, returns for them: the seeded NumPy shuffles, the
 * index offsets, maxlen, num_words, skip_top and oov handling, the test splits, CIFAR's transposes and dtypes.
 */
class DatasetsAgainstKerasTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void makeFiles() throws IOException {
        Python.assumeNumpy();
        Path script = dir.resolve("keras_datasets.py");
        try (InputStream in = DatasetsAgainstKerasTest.class.getResourceAsStream("/python/keras_datasets.py")) {
            Files.copy(in, script);
        }
        Python.Result r = Python.exec(List.of(Python.PYTHON, script.toString(), dir.resolve("files").toString()));
        assertThat(r.exitCode()).as(r.out()).isZero();
    }

    @AfterEach
    void clearKerasHome() {
        System.clearProperty("keras.home");
    }

    static Path file(String name) {
        return dir.resolve("files").resolve(name);
    }

    static Map<String, Object> expected(String name) throws IOException {
        return Json.read(Files.readString(file("expected/" + name + ".json")));
    }

    static DataType type(String numpyDtype) {
        return switch (numpyDtype) {
            case "|u1" -> DataType.UINT8;
            case "<i8" -> DataType.LONG;
            case "<f8" -> DataType.DOUBLE;
            default -> throw new IllegalArgumentException(numpyDtype);
        };
    }

    /** The array equals NumPy's: dtype, shape and every value (bit for bit for float64). */
    @SuppressWarnings("unchecked")
    static void assertArray(INDArray actual, Object expectedJson, String what) {
        Map<String, Object> e = (Map<String, Object>) expectedJson;
        assertThat(actual.dataType()).as(what + " dtype").isEqualTo(type((String) e.get("dtype")));
        assertThat(actual.shape()).as(what + " shape")
                .containsExactly(((List<Number>) e.get("shape")).stream().mapToLong(Number::longValue).toArray());
        List<Number> values = (List<Number>) e.get("values");
        double[] got = actual.castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
        if (actual.length() == 0) got = new double[0];
        assertThat(got).as(what + " values").containsExactly(values.stream().mapToDouble(Number::doubleValue).toArray());
    }

    @SuppressWarnings("unchecked")
    static void assertSequences(int[][] actual, Object expectedJson, String what) {
        List<List<Number>> e = (List<List<Number>>) expectedJson;
        assertThat(actual.length).as(what + " count").isEqualTo(e.size());
        for (int i = 0; i < actual.length; i++) {
            assertThat(actual[i]).as(what + "[" + i + "]").containsExactly(e.get(i).stream().mapToInt(Number::intValue).toArray());
        }
    }

    static void assertTrainTest(TrainTest d, String name) throws IOException {
        Map<String, Object> e = expected(name);
        assertArray(d.xTrain(), e.get("x_train"), name + " x_train");
        assertArray(d.yTrain(), e.get("y_train"), name + " y_train");
        assertArray(d.xTest(), e.get("x_test"), name + " x_test");
        assertArray(d.yTest(), e.get("y_test"), name + " y_test");
    }

    static void assertSequenceTrainTest(SequenceTrainTest d, String name) throws IOException {
        Map<String, Object> e = expected(name);
        assertSequences(d.xTrain(), e.get("x_train"), name + " x_train");
        assertArray(d.yTrain(), e.get("y_train"), name + " y_train");
        assertSequences(d.xTest(), e.get("x_test"), name + " x_test");
        assertArray(d.yTest(), e.get("y_test"), name + " y_test");
    }

    /** Keras's keyword arguments (as the script used them) as SequenceOptions. */
    static SequenceOptions options(Map<String, Object> kw) {
        SequenceOptions o = new SequenceOptions();
        if (kw.containsKey("num_words")) o.numWords(((Number) kw.get("num_words")).intValue());
        if (kw.containsKey("skip_top")) o.skipTop(((Number) kw.get("skip_top")).intValue());
        if (kw.containsKey("maxlen")) o.maxlen(((Number) kw.get("maxlen")).intValue());
        if (kw.containsKey("seed")) o.seed(((Number) kw.get("seed")).longValue());
        if (kw.containsKey("start_char")) o.startChar(kw.get("start_char") == null ? null : ((Number) kw.get("start_char")).intValue());
        if (kw.containsKey("oov_char")) o.oovChar(kw.get("oov_char") == null ? null : ((Number) kw.get("oov_char")).intValue());
        if (kw.containsKey("index_from")) o.indexFrom(((Number) kw.get("index_from")).intValue());
        if (kw.containsKey("test_split")) o.testSplit(((Number) kw.get("test_split")).doubleValue());
        return o;
    }

    @Test
    void mnistNpz() throws IOException {
        assertTrainTest(Mnist.loadData(file("mnist.npz")), "mnist");
    }

    @Test
    void bostonHousingShufflesAndSplitsAsKeras() throws IOException {
        for (String name : List.of("boston_default", "boston_split", "boston_zero")) {
            Map<String, Object> kw = expected(name + "_args");
            double split = ((Number) kw.getOrDefault("test_split", 0.2)).doubleValue();
            long seed = ((Number) kw.getOrDefault("seed", 113)).longValue();
            assertTrainTest(BostonHousing.loadData(file("boston_housing.npz"), split, seed), name);
        }
        assertThatThrownBy(() -> BostonHousing.loadData(file("boston_housing.npz"), 1.0, 113))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("test_split=1.0");
    }

    @Test
    void imdbEveryArgumentAsKeras() throws IOException {
        for (int i = 0; i < 9; i++) {
            SequenceOptions o = options(expected("imdb_" + i + "_args"));
            assertSequenceTrainTest(Imdb.loadData(file("imdb.npz"), o), "imdb_" + i);
        }
        assertThatThrownBy(() -> Imdb.loadData(file("imdb.npz"), Imdb.options().maxlen(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("After filtering for sequences shorter than maxlen=1, no sequence was kept. Increase maxlen.");
        assertThatThrownBy(() -> Imdb.loadData(file("imdb.npz"), Imdb.options().testSplit(0.5)))
                .hasMessageContaining("unexpected keyword argument 'test_split'");
    }

    @Test
    void reutersEveryArgumentAsKeras() throws IOException {
        for (int i = 0; i < 5; i++) {
            SequenceOptions o = options(expected("reuters_" + i + "_args"));
            assertSequenceTrainTest(Reuters.loadData(file("reuters.npz"), o), "reuters_" + i);
        }
        assertThat(Reuters.getLabelNames()).hasSize(46).startsWith("cocoa", "grain", "veg-oil", "earn").endsWith("lead");
    }

    @Test
    void wordIndexesFromKerasCache() throws IOException {
        // The JSON files have no Keras hash here, so read them as the loaders do once fetched.
        Map<String, Integer> imdb = Imdb.readWordIndex(file("imdb_word_index.json"));
        assertThat(imdb).hasSize(60).containsEntry("w1", 1).containsEntry("w60", 60);
        assertThat(Imdb.readWordIndex(file("reuters_word_index.json"))).hasSize(80);
    }

    @Test
    void cifar10FromKeras2CacheLayoutEndToEnd() throws IOException {
        // Keras 2 / tf.keras leave the batches in datasets/cifar-10-batches-py/: loadData() finds them there.
        Path home = dir.resolve("home-keras2");
        copyTree(file("cifar-10-batches-py"), home.resolve("datasets/cifar-10-batches-py"));
        System.setProperty("keras.home", home.toString());
        assertTrainTest(Cifar10.loadData(), "cifar10");
    }

    @Test
    void cifar10ArchiveExtractedAsKeras3() throws IOException {
        // A cached archive (under Keras 2's name) whose hash matches is extracted into Keras 3's layout.
        Path home = dir.resolve("home-archive");
        Files.createDirectories(home.resolve("datasets"));
        Files.copy(file("cifar-10-python.tar.gz"), home.resolve("datasets/cifar-10-batches-py.tar.gz"));
        DatasetFiles.Spec real = DatasetFiles.spec("cifar10", "cifar-10-python.tar.gz");
        DatasetFiles.Spec local = new DatasetFiles.Spec(real.dataset(), real.file(), "http://127.0.0.1:9/never",
                FileUtils.hashFile(file("cifar-10-python.tar.gz"), "sha256"), List.of(), real.cacheSubdir(), List.of(), null);
        Path extracted = Archives.fetchDir(local, home);
        assertThat(extracted).isEqualTo(home.resolve("datasets/cifar-10-batches-py-target/cifar-10-batches-py"));
        assertTrainTest(Cifar10.loadData(extracted), "cifar10");
        try (var s = Files.list(home.resolve("datasets"))) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "cifar-10-batches-py.tar.gz", "cifar-10-batches-py-target");      // no .part folder left
        }
        // A second call finds the extracted folder and does not need the archive.
        Files.delete(home.resolve("datasets/cifar-10-batches-py.tar.gz"));
        assertThat(Archives.fetchDir(local, home)).isEqualTo(extracted);
    }

    @Test
    void cifar100FineAndCoarse() throws IOException {
        Path home = dir.resolve("home-keras3");
        copyTree(file("cifar-100-python"), home.resolve("datasets/cifar-100-python-target/cifar-100-python"));
        System.setProperty("keras.home", home.toString());
        assertTrainTest(Cifar100.loadData(), "cifar100_fine");
        assertTrainTest(Cifar100.loadData("coarse"), "cifar100_coarse");
        assertThatThrownBy(() -> Cifar100.loadData("medium")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("`label_mode` must be one of `\"fine\"`, `\"coarse\"`. Received: label_mode=medium.");
    }

    @Test
    void aBrokenBatchNamesTheFile() throws IOException {
        Path bad = dir.resolve("broken/cifar-10-batches-py");
        copyTree(file("cifar-10-batches-py"), bad);
        byte[] b = Files.readAllBytes(bad.resolve("data_batch_3"));
        Files.write(bad.resolve("data_batch_3"), java.util.Arrays.copyOf(b, b.length / 2));
        assertThatThrownBy(() -> Cifar10.loadData(bad)).isInstanceOf(IOException.class)
                .hasMessageContaining("data_batch_3").hasMessageContaining("pickle");
        Files.writeString(bad.resolve("data_batch_3"), "not a pickle at all");
        assertThatThrownBy(() -> Cifar10.loadData(bad)).isInstanceOf(IOException.class).hasMessageContaining("data_batch_3");
    }

    static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var s = Files.list(from)) {
            for (Path p : s.toList()) Files.copy(p, to.resolve(p.getFileName()));
        }
    }
}
