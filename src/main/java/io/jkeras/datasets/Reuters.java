package io.jkeras.datasets;

import io.jkeras.utils.Npy;
import io.jkeras.utils.NumpyRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The Reuters newswires, as {@code keras.datasets.reuters}: 11,228 newswires labelled with 46 topics
 * ({@link #getLabelNames()}), each a sequence of word indexes ranked by frequency.
 *
 * <p>{@link #loadData(SequenceOptions)} does what Keras's {@code load_data} does with the same arguments, in the
 * same order: shuffles all newswires with NumPy's {@code RandomState(seed)} ({@link NumpyRandom}), starts each with
 * {@code startChar} and adds {@code indexFrom} to every word, drops those of {@code maxlen} or more indexes, replaces
 * words outside {@code [skipTop, numWords)} with {@code oovChar}, and keeps the first
 * {@code int(N * (1 - testSplit))} for training (8,982 of 11,228 with the defaults). Keras's quirk is kept:
 * without {@code numWords} the largest index present becomes {@code oovChar} too.
 *
 * <p>File: Keras's {@code reuters.npz} (object array of lists, read with Pyrolite) from Keras's cache
 * {@code $KERAS_HOME/datasets/}, else downloaded from
 * {@code https://storage.googleapis.com/tensorflow/tf-keras-datasets/reuters.npz} (sha256 checked); the word index
 * is {@code reuters_word_index.json}.
 *
 * <pre>{@code
 * jshell> var d = Reuters.loadData(Reuters.options().numWords(10000));
 * jshell> Reuters.getLabelNames().get(d.yTrain().getInt(0))
 * $2 ==> "earn"
 * }</pre>
 */
public final class Reuters {
    private static final List<String> LABEL_NAMES = List.of("cocoa", "grain", "veg-oil", "earn", "acq", "wheat",
            "copper", "housing", "money-supply", "coffee", "sugar", "trade", "reserves", "ship", "cotton", "carcass",
            "crude", "nat-gas", "cpi", "money-fx", "interest", "gnp", "meal-feed", "alum", "oilseed", "gold", "tin",
            "strategic-metal", "livestock", "retail", "ipi", "iron-steel", "rubber", "heat", "jobs", "lei", "bop",
            "zinc", "orange", "pet-chem", "dlr", "gas", "silver", "wpi", "hog", "lead");

    private Reuters() {
    }

    /** Keras's keyword arguments with their defaults (see {@link SequenceOptions}; {@code testSplit} 0.2). */
    public static SequenceOptions options() {
        return new SequenceOptions();
    }

    /** {@code load_data()} with Keras's defaults. */
    public static SequenceTrainTest loadData() throws IOException {
        return loadData(options());
    }

    /** {@code load_data(num_words=numWords)}. */
    public static SequenceTrainTest loadData(int numWords) throws IOException {
        return loadData(options().numWords(numWords));
    }

    /** {@code load_data(**options)}, from Keras's cache or a download. */
    public static SequenceTrainTest loadData(SequenceOptions options) throws IOException {
        BostonHousing.checkTestSplit(testSplit(options));
        return loadData(DatasetFiles.fetch("reuters", "reuters.npz"), options);
    }

    /** The same from a {@code reuters.npz} file (object array {@code x}, labels {@code y}). */
    public static SequenceTrainTest loadData(Path npz, SequenceOptions o) throws IOException {
        double testSplit = testSplit(o);
        BostonHousing.checkTestSplit(testSplit);
        Map<String, Object> f = Npy.readNpz(npz);
        int[][] raw = WordSequences.sequences(f, "x", npz);
        INDArray labels = Mnist.array(f, "y", npz);
        int[] order = WordSequences.range(raw.length);
        new NumpyRandom(o.seed).shuffle(order);
        int[][] xs = WordSequences.mark(WordSequences.pick(raw, order), o);
        int[] keep = WordSequences.keepShort(xs, o.maxlen);
        xs = WordSequences.pick(xs, keep);
        order = WordSequences.compose(order, keep);
        WordSequences.cut(xs, o);
        int idx = (int) (xs.length * (1 - testSplit));
        return new SequenceTrainTest(Arrays.copyOfRange(xs, 0, idx),
                BostonHousing.take(labels, Arrays.copyOfRange(order, 0, idx)),
                Arrays.copyOfRange(xs, idx, xs.length),
                BostonHousing.take(labels, Arrays.copyOfRange(order, idx, order.length)));
    }

    /** {@code get_word_index()}: word → rank (1 = most frequent), from {@code reuters_word_index.json}. */
    public static Map<String, Integer> getWordIndex() throws IOException {
        return Imdb.readWordIndex(DatasetFiles.fetch("reuters", "reuters_word_index.json"));
    }

    /** {@code get_label_names()}: the 46 topics, in label order ({@code "cocoa"} is 0, {@code "earn"} is 3). */
    public static List<String> getLabelNames() {
        return LABEL_NAMES;
    }

    private static double testSplit(SequenceOptions o) {
        return o.testSplit == null ? 0.2 : o.testSplit;
    }
}
