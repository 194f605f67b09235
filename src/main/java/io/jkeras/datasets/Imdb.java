package io.jkeras.datasets;

import io.jkeras.saving.Json;
import io.jkeras.utils.Npy;
import io.jkeras.utils.NumpyRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The IMDB movie reviews, as {@code keras.datasets.imdb}: 50,000 reviews (25,000 for training, 25,000 for testing)
 * labelled positive (1) or negative (0), each a sequence of word indexes, words ranked by frequency (index 1 is
 * the most frequent word of the training set).
 *
 * <p>{@link #loadData(SequenceOptions)} does what Keras's {@code load_data} does with the same arguments, in the
 * same order: shuffles the training and then the test reviews with NumPy's {@code RandomState(seed)}
 * ({@link NumpyRandom}), starts each with {@code startChar} and adds {@code indexFrom} to every word, drops reviews
 * of {@code maxlen} or more indexes, and replaces words outside {@code [skipTop, numWords)} with {@code oovChar}.
 * Note Keras's own quirk, kept here: without {@code numWords} the limit is the largest index present, and as the
 * test is strict that one word becomes {@code oovChar} too. With the defaults every review starts with 1, 2 marks a
 * cut word and words start at 3 (0 is left for padding).
 *
 * <p>File: Keras's {@code imdb.npz} (object arrays of lists, read with Pyrolite; see
 * {@link io.jkeras.utils.Pickles}) from Keras's cache {@code $KERAS_HOME/datasets/}, else downloaded from
 * {@code https://storage.googleapis.com/tensorflow/tf-keras-datasets/imdb.npz} (sha256 checked). The word index
 * ({@link #getWordIndex()}) is {@code imdb_word_index.json}, likewise.
 *
 * <pre>{@code
 * jshell> var d = Imdb.loadData(Imdb.options().numWords(10000));
 * jshell> d.xTrain().length
 * $2 ==> 25000
 * jshell> var x = Sequences.padSequences(d.xTrain(), Sequences.options().maxlen(256));   // (25000, 256)
 * }</pre>
 */
public final class Imdb {
    private Imdb() {
    }

    /** Keras's keyword arguments with their defaults (see {@link SequenceOptions}). */
    public static SequenceOptions options() {
        return new SequenceOptions();
    }

    /** {@code load_data()} with Keras's defaults. */
    public static SequenceTrainTest loadData() throws IOException {
        return loadData(options());
    }

    /** {@code load_data(num_words=numWords)}, the usual call of a course. */
    public static SequenceTrainTest loadData(int numWords) throws IOException {
        return loadData(options().numWords(numWords));
    }

    /** {@code load_data(**options)}, from Keras's cache or a download. */
    public static SequenceTrainTest loadData(SequenceOptions options) throws IOException {
        check(options);
        return loadData(DatasetFiles.fetch("imdb", "imdb.npz"), options);
    }

    /** The same from an {@code imdb.npz} file (object arrays {@code x_train}, {@code x_test}; labels {@code y_train}, {@code y_test}). */
    public static SequenceTrainTest loadData(Path npz, SequenceOptions o) throws IOException {
        check(o);
        Map<String, Object> f = Npy.readNpz(npz);
        int[][] xTrain = WordSequences.sequences(f, "x_train", npz);
        int[][] xTest = WordSequences.sequences(f, "x_test", npz);
        INDArray labelsTrain = Mnist.array(f, "y_train", npz);
        INDArray labelsTest = Mnist.array(f, "y_test", npz);
        NumpyRandom rng = new NumpyRandom(o.seed);
        int[] iTrain = WordSequences.range(xTrain.length);
        rng.shuffle(iTrain);
        int[] iTest = WordSequences.range(xTest.length);
        rng.shuffle(iTest);
        int[][] a = WordSequences.mark(WordSequences.pick(xTrain, iTrain), o);
        int[][] b = WordSequences.mark(WordSequences.pick(xTest, iTest), o);
        int[] keepA = WordSequences.keepShort(a, o.maxlen);
        int[] keepB = WordSequences.keepShort(b, o.maxlen);
        if (o.maxlen != null && o.maxlen != 0 && (keepA.length == 0 || keepB.length == 0)) {
            throw new IllegalArgumentException("After filtering for sequences shorter than maxlen=" + o.maxlen
                    + ", no sequence was kept. Increase maxlen.");
        }
        a = WordSequences.pick(a, keepA);
        b = WordSequences.pick(b, keepB);
        int[][] xs = new int[a.length + b.length][];
        System.arraycopy(a, 0, xs, 0, a.length);
        System.arraycopy(b, 0, xs, a.length, b.length);
        WordSequences.cut(xs, o);
        return new SequenceTrainTest(Arrays.copyOfRange(xs, 0, a.length),
                BostonHousing.take(labelsTrain, WordSequences.compose(iTrain, keepA)),
                Arrays.copyOfRange(xs, a.length, xs.length),
                BostonHousing.take(labelsTest, WordSequences.compose(iTest, keepB)));
    }

    /**
     * {@code get_word_index()}: word → rank (1 = most frequent), from {@code imdb_word_index.json}. The indexes in
     * {@link #loadData} are these plus {@code indexFrom} (3 by default).
     */
    public static Map<String, Integer> getWordIndex() throws IOException {
        return readWordIndex(DatasetFiles.fetch("imdb", "imdb_word_index.json"));
    }

    /** A word index JSON file ({@code {"word": index, ...}}) as a map, in the file's order. */
    static Map<String, Integer> readWordIndex(Path json) throws IOException {
        Map<String, Object> raw;
        try {
            raw = Json.read(Files.readString(json));
        } catch (RuntimeException e) {
            throw new IOException(json + ": not a JSON word index (" + e.getMessage() + ")", e);
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            if (!(e.getValue() instanceof Number n)) throw new IOException(json + ": the index of \"" + e.getKey() + "\" is not a number");
            out.put(e.getKey(), n.intValue());
        }
        return out;
    }

    private static void check(SequenceOptions o) {
        if (o.testSplit != null) {
            throw new IllegalArgumentException("load_data() got an unexpected keyword argument 'test_split' (imdb.load_data has "
                    + "a fixed 25,000/25,000 split; test_split is Reuters's)");
        }
    }
}
