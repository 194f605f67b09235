package io.jkeras.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Random;

/**
 * Test data and an epoch driver: data sets split into batches of different sizes (a short last batch
 * included), plain-Java weighted means, and seeded random labels, scores and weights.
 */
final class Batches {
    /** Batch sizes of one "epoch" of 47 samples: uneven, with a short final batch. */
    static final int[] SIZES = {16, 7, 16, 5, 3};
    static final int N = 47;

    private Batches() {
    }

    /** Feeds rows [from, to) of each array, batch by batch, into the metric (weights may be null). */
    static void feed(Metric m, INDArray yTrue, INDArray yPred, INDArray weights, int[] sizes) {
        int from = 0;
        for (int size : sizes) {
            int to = from + size;
            m.updateState(rows(yTrue, from, to), rows(yPred, from, to), weights == null ? null : rows(weights, from, to));
            from = to;
        }
    }

    /** Feeds the 47-sample epoch in {@link #SIZES}. */
    static void feed(Metric m, INDArray yTrue, INDArray yPred, INDArray weights) {
        feed(m, yTrue, yPred, weights, SIZES);
    }

    static INDArray rows(INDArray a, int from, int to) {
        return a.rank() == 1 ? a.get(NDArrayIndex.interval(from, to)).dup() : a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup();
    }

    /** sum(v w) / sum(w), or the plain mean without weights. */
    static double weightedMean(double[] v, double[] w) {
        double s = 0, c = 0;
        for (int i = 0; i < v.length; i++) {
            double wi = w == null ? 1 : w[i];
            s += v[i] * wi;
            c += wi;
        }
        return c == 0 ? 0 : s / c;
    }

    /** The mean of per-batch means: what an epoch value must NOT be. */
    static double meanOfBatchMeans(double[] v, int[] sizes) {
        double s = 0;
        int from = 0;
        for (int size : sizes) {
            double b = 0;
            for (int i = from; i < from + size; i++) b += v[i];
            s += b / size;
            from += size;
        }
        return s / sizes.length;
    }

    static float[][] uniform(Random r, int n, int d) {
        float[][] a = new float[n][d];
        for (float[] row : a) for (int j = 0; j < d; j++) row[j] = r.nextFloat();
        return a;
    }

    /** 0/1 labels. */
    static float[][] binary(Random r, int n, int d) {
        float[][] a = new float[n][d];
        for (float[] row : a) for (int j = 0; j < d; j++) row[j] = r.nextBoolean() ? 1f : 0f;
        return a;
    }

    static int[] ids(Random r, int n, int classes) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = r.nextInt(classes);
        return a;
    }

    static float[][] oneHot(int[] ids, int classes) {
        float[][] a = new float[ids.length][classes];
        for (int i = 0; i < ids.length; i++) a[i][ids[i]] = 1f;
        return a;
    }

    /** Rows that sum to 1 (softmax-like scores). */
    static float[][] probabilities(Random r, int n, int classes) {
        float[][] a = uniform(r, n, classes);
        for (float[] row : a) {
            float s = 0;
            for (float v : row) s += v;
            for (int j = 0; j < classes; j++) row[j] /= s;
        }
        return a;
    }

    /** Sample weights in [0, 2), with some exact zeros (masked samples). */
    static double[] weights(Random r, int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) w[i] = i % 9 == 4 ? 0.0 : (float) (2 * r.nextFloat());
        return w;
    }

    static INDArray arr(float[][] a) {
        return Nd4j.createFromArray(a);
    }

    static INDArray arr(double[] w) {
        float[] f = new float[w.length];
        for (int i = 0; i < w.length; i++) f[i] = (float) w[i];
        return Nd4j.createFromArray(f);
    }

    static INDArray arr(int[] ids) {
        return Nd4j.createFromArray(ids);
    }
}
