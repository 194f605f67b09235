package io.jkeras.datasets;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A text dataset split as Keras's {@code imdb.load_data} and {@code reuters.load_data} return it,
 * {@code (x_train, y_train), (x_test, y_test)}: each review or newswire a sequence of word indexes (an {@code int[]}
 * of its own length, as Keras's lists of ints), and one label per sequence (a LONG array {@code (N,)}, NumPy's
 * {@code int64}). Pad the sequences to one length with {@link io.jkeras.utils.Sequences#padSequences(int[][],
 * io.jkeras.utils.Sequences.PadOptions)} before feeding a model.
 *
 * <pre>{@code
 * jshell> var d = Imdb.loadData(Imdb.options().numWords(10000));
 * jshell> INDArray x = Sequences.padSequences(d.xTrain(), Sequences.options().maxlen(200));   // (25000, 200)
 * }</pre>
 *
 * <p>Being a record of arrays, {@code equals} compares the arrays by identity; compare contents with
 * {@code Arrays.deepEquals}.
 *
 * @param xTrain training sequences
 * @param yTrain training labels, {@code (N,)}
 * @param xTest  test sequences
 * @param yTest  test labels, {@code (M,)}
 */
public record SequenceTrainTest(int[][] xTrain, INDArray yTrain, int[][] xTest, INDArray yTest) {
}
