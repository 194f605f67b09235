package io.jkeras.utils;

import io.jkeras.Keras;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * scikit-learn's {@code train_test_split(x, y, test_size=..., random_state=seed, stratify=...)}: a shuffled split
 * of the samples (rows) into a training and a test part, optionally stratified by class.
 *
 * <p>Sizes, as sklearn: {@code nTest = ceil(testSize * n)}, {@code nTrain = n - nTest}. Without stratification
 * the test part is the first {@code nTest} samples of a random permutation and the training part the rest. With
 * it, each class gets its share of each part by sklearn's rule ({@code _approximate_mode}): class {@code i} of
 * {@code c_i} samples first receives {@code floor(c_i * nTrain / n)} training samples, and the training samples
 * still missing go one each to the classes with the largest fractional remainders (ties broken at random); the
 * test part is shared out the same way among the samples left. Every class needs at least 2 samples. Then each
 * part is shuffled. The random source is {@code new Random(seed)}, or {@link Keras#random()} when {@code seed}
 * is {@code null} (so {@code Keras.setRandomSeed} repeats it); the same seed gives the same split, but not the
 * same one as NumPy's generator gives in sklearn.
 *
 * <p>Labels for stratification: integer labels {@code (n,)} / {@code (n, 1)}, or one-hot rows (argmax). Rows are
 * gathered by ND4J's native {@code pullRows}.
 *
 * <pre>{@code
 * jshell> var s = TrainTestSplit.trainTestSplit(x, y, 0.2, 42L, true);
 * jshell> s.xTrain().shape()   // 80 % of the rows, each class in proportion
 * }</pre>
 */
public final class TrainTestSplit {
    private TrainTestSplit() {
    }

    /**
     * The four parts, in sklearn's order {@code X_train, X_test, y_train, y_test}.
     *
     * @param xTrain training inputs
     * @param xTest test inputs
     * @param yTrain training targets
     * @param yTest test targets
     */
    public record Split(INDArray xTrain, INDArray xTest, INDArray yTrain, INDArray yTest) {
    }

    /** A split without stratification. */
    public static Split trainTestSplit(INDArray x, INDArray y, double testSize, Long seed) {
        return trainTestSplit(x, y, testSize, seed, (INDArray) null);
    }

    /** A split, stratified by the classes of {@code y} when {@code stratify} is true. */
    public static Split trainTestSplit(INDArray x, INDArray y, double testSize, Long seed, boolean stratify) {
        return trainTestSplit(x, y, testSize, seed, stratify ? y : null);
    }

    /**
     * A split, stratified by these labels (sklearn's {@code stratify=} array), or not when {@code null}.
     *
     * @param x inputs, samples along axis 0
     * @param y targets, as many rows as {@code x}
     * @param testSize the test fraction, in (0, 1)
     * @param seed the seed of the shuffle, or {@code null} for the session's generator
     * @param stratify labels to keep in proportion, or {@code null}
     */
    public static Split trainTestSplit(INDArray x, INDArray y, double testSize, Long seed, INDArray stratify) {
        long n = x.size(0);
        if (y.size(0) != n) {
            throw new IllegalArgumentException("Found input variables with inconsistent numbers of samples: [" + n + ", " + y.size(0) + "]");
        }
        if (!(testSize > 0 && testSize < 1)) {
            throw new IllegalArgumentException("test_size=" + testSize + " should be either positive and smaller than the number of "
                    + "samples " + n + " or a float in the (0, 1) range");
        }
        int nTest = (int) Math.ceil(testSize * n), nTrain = (int) n - nTest;
        if (nTrain == 0) {
            throw new IllegalArgumentException("With n_samples=" + n + ", test_size=" + testSize + " and train_size=None, the resulting "
                    + "train set will be empty. Adjust any of the aforementioned parameters.");
        }
        Random rng = seed == null ? Keras.random() : new Random(seed);
        int[][] parts = stratify == null ? shuffled(Math.toIntExact(n), nTrain, rng) : stratified(stratify, nTrain, nTest, rng);
        return new Split(rows(x, parts[0]), rows(x, parts[1]), rows(y, parts[0]), rows(y, parts[1]));
    }

    /** ShuffleSplit: test = the first nTest of a permutation, train = the rest. */
    private static int[][] shuffled(int n, int nTrain, Random rng) {
        int[] p = permutation(n, rng);
        return new int[][]{Arrays.copyOfRange(p, n - nTrain, n), Arrays.copyOfRange(p, 0, n - nTrain)};
    }

    /** StratifiedShuffleSplit's indices: per-class counts by the approximate mode, then shuffled parts. */
    private static int[][] stratified(INDArray labels, int nTrain, int nTest, Random rng) {
        long[] y = Labels.of(labels, "stratify").toLongVector();
        long[] classes = Arrays.stream(y).distinct().sorted().toArray();
        List<List<Integer>> members = new ArrayList<>();
        for (int c = 0; c < classes.length; c++) members.add(new ArrayList<>());
        for (int i = 0; i < y.length; i++) members.get(Arrays.binarySearch(classes, y[i])).add(i);
        int[] counts = members.stream().mapToInt(List::size).toArray();
        if (Arrays.stream(counts).min().orElse(0) < 2) {
            throw new IllegalArgumentException("The least populated class in y has only 1 member, which is too few. The minimum "
                    + "number of groups for any class cannot be less than 2.");
        }
        if (nTrain < classes.length) {
            throw new IllegalArgumentException("The train_size = " + nTrain + " should be greater or equal to the number of classes = " + classes.length);
        }
        if (nTest < classes.length) {
            throw new IllegalArgumentException("The test_size = " + nTest + " should be greater or equal to the number of classes = " + classes.length);
        }
        int[] trainPer = approximateMode(counts, nTrain, rng);
        int[] rest = new int[counts.length];
        for (int c = 0; c < counts.length; c++) rest[c] = counts[c] - trainPer[c];
        int[] testPer = approximateMode(rest, nTest, rng);
        List<Integer> train = new ArrayList<>(), test = new ArrayList<>();
        for (int c = 0; c < classes.length; c++) {
            int[] perm = permutation(counts[c], rng);
            for (int j = 0; j < trainPer[c]; j++) train.add(members.get(c).get(perm[j]));
            for (int j = trainPer[c]; j < trainPer[c] + testPer[c]; j++) test.add(members.get(c).get(perm[j]));
        }
        return new int[][]{shuffle(train, rng), shuffle(test, rng)};
    }

    /**
     * sklearn's {@code _approximate_mode}: {@code floor(count * draws / total)} per class, then one more to each class
     * with the largest remainder until {@code draws} are given (equal remainders in random order).
     */
    static int[] approximateMode(int[] counts, int draws, Random rng) {
        long total = Arrays.stream(counts).asLongStream().sum();
        double[] remainder = new double[counts.length];
        int[] out = new int[counts.length];
        int given = 0;
        for (int c = 0; c < counts.length; c++) {
            double continuous = (double) counts[c] / total * draws;
            out[c] = (int) Math.floor(continuous);
            remainder[c] = continuous - out[c];
            given += out[c];
        }
        int need = draws - given;
        double[] values = Arrays.stream(remainder).distinct().sorted().toArray();
        for (int v = values.length - 1; v >= 0 && need > 0; v--) {
            List<Integer> tied = new ArrayList<>();
            for (int c = 0; c < counts.length; c++) if (remainder[c] == values[v]) tied.add(c);
            java.util.Collections.shuffle(tied, rng);
            for (int j = 0; j < tied.size() && need > 0; j++, need--) out[tied.get(j)]++;
        }
        return out;
    }

    private static int[] permutation(int n, Random rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static int[] shuffle(List<Integer> idx, Random rng) {
        int[] perm = permutation(idx.size(), rng), out = new int[idx.size()];
        for (int i = 0; i < out.length; i++) out[i] = idx.get(perm[i]);
        return out;
    }

    /** The rows {@code idx} of {@code a}, gathered natively (any rank; rank-1 arrays stay rank 1). */
    static INDArray rows(INDArray a, int[] idx) {
        if (a.rank() == 1) return Nd4j.pullRows(a.reshape(a.length(), 1), 1, idx).reshape(idx.length);
        INDArray flat = a.rank() == 2 ? a : a.reshape('c', a.size(0), a.length() / a.size(0));
        INDArray got = Nd4j.pullRows(flat, 1, idx);
        if (a.rank() == 2) return got;
        long[] shape = a.shape().clone();
        shape[0] = idx.length;
        return got.reshape('c', shape);
    }
}
