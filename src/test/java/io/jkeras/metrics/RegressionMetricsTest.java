package io.jkeras.metrics;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The loss-backed metrics and RootMeanSquaredError: Keras's docstring values (float32 results, so to a
 * relative 1e-6), and epochs in uneven batches against per-sample formulas written here in plain Java.
 */
class RegressionMetricsTest {
    static final double EPS = 1e-7;
    static final INDArray T = Nd4j.createFromArray(new float[][]{{0, 1}, {0, 0}});
    static final INDArray P01 = Nd4j.createFromArray(new float[][]{{1, 1}, {0, 0}});
    static final INDArray P46 = Nd4j.createFromArray(new float[][]{{0.6f, 0.4f}, {0.4f, 0.6f}});
    static final INDArray W10 = Nd4j.createFromArray(1f, 0f);

    static void docstring(Metric m, INDArray yTrue, INDArray yPred, double unweighted, INDArray w, double weighted) {
        m.updateState(yTrue, yPred, null);
        assertThat(m.result()).as(m.name()).isCloseTo(unweighted, within(1e-6 * Math.abs(unweighted) + 1e-7));
        m.resetState();
        assertThat(m.result()).isZero();
        if (w == null) return;
        m.updateState(yTrue, yPred, w);
        assertThat(m.result()).as(m.name() + " weighted").isCloseTo(weighted, within(1e-6 * Math.abs(weighted) + 1e-7));
    }

    @Test
    void kerasDocstrings() {
        docstring(new MeanSquaredError(), T, P01, 0.25, null, 0);
        docstring(new MeanAbsoluteError(), T, P01, 0.25, W10, 0.5);
        docstring(new MeanAbsolutePercentageError(), T, P01, 250000000.0, W10, 500000000.0);
        docstring(new MeanSquaredLogarithmicError(), T, P01, 0.12011322, W10, 0.24022643);
        docstring(new RootMeanSquaredError(), T, P01, 0.5, W10, 0.70710677);
        docstring(new LogCoshError(), T, P01, 0.10844523, W10, 0.21689045);
        docstring(new Poisson(), T, P01, 0.49999997, W10, 0.99999994);
        docstring(new KLDivergence(), T, P46, 0.45814306, W10, 0.9162892);
        docstring(new BinaryCrossentropy(), T, P46, 0.81492424, W10, 0.9162905);
        docstring(new Hinge(), T, P46, 1.3, W10, 1.1);
        docstring(new SquaredHinge(), T, P46, 1.86, W10, 1.46);
        docstring(new CategoricalHinge(), T, P46, 1.4000001, W10, 1.2);
        docstring(new CosineSimilarity().axis(1), Nd4j.createFromArray(new float[][]{{0, 1}, {1, 1}}),
                Nd4j.createFromArray(new float[][]{{1, 0}, {1, 1}}), 0.49999997, Nd4j.createFromArray(0.3f, 0.7f), 0.6999999);
        INDArray probs = Nd4j.createFromArray(new float[][]{{0.05f, 0.95f, 0}, {0.1f, 0.8f, 0.1f}});
        docstring(new CategoricalCrossentropy(), Nd4j.createFromArray(new float[][]{{0, 1, 0}, {0, 0, 1}}), probs,
                1.1769392, Nd4j.createFromArray(0.3f, 0.7f), 1.6271976);
        docstring(new SparseCategoricalCrossentropy(), Nd4j.createFromArray(1, 2), probs, 1.1769392, Nd4j.createFromArray(0.3f, 0.7f), 1.6271976);
    }

    /** One epoch of (N, 3) data, per-sample values from {@code perSample(t_i, p_i)}, with and without weights. */
    static void epoch(Metric m, float[][] t, float[][] p, BiFunction<float[], float[], Double> perSample, boolean root) {
        double[] v = new double[t.length];
        for (int i = 0; i < t.length; i++) v[i] = perSample.apply(t[i], p[i]);
        double[] w = Batches.weights(new Random(21), t.length);
        for (boolean weighted : new boolean[]{false, true}) {
            m.resetState();
            Batches.feed(m, Batches.arr(t), Batches.arr(p), weighted ? Batches.arr(w) : null);
            double want = Batches.weightedMean(v, weighted ? w : null);
            if (root) want = Math.sqrt(want);
            assertThat(m.result()).as(m.name() + " weighted=" + weighted).isCloseTo(want, within(2e-6 * Math.abs(want) + 1e-7));
        }
        double batchMeans = Batches.meanOfBatchMeans(v, Batches.SIZES);
        assertThat(Math.abs(Batches.weightedMean(v, null) - batchMeans)).as("the data tells the two apart").isGreaterThan(1e-4);
    }

    static double mean(float[] a, java.util.function.IntToDoubleFunction f) {
        double s = 0;
        for (int j = 0; j < a.length; j++) s += f.applyAsDouble(j);
        return s / a.length;
    }

    static double clip(double x, double lo, double hi) {
        return Math.max(lo, Math.min(hi, x));
    }

    @Test
    void regressionEpochs() {
        Random r = new Random(22);
        float[][] t = Batches.uniform(r, Batches.N, 3), p = Batches.uniform(r, Batches.N, 3);
        for (float[] row : p) for (int j = 0; j < 3; j++) row[j] = 3 * row[j] - 1;
        epoch(new MeanSquaredError(), t, p, (a, b) -> mean(a, j -> (a[j] - b[j]) * (a[j] - b[j])), false);
        epoch(new RootMeanSquaredError(), t, p, (a, b) -> mean(a, j -> (a[j] - b[j]) * (a[j] - b[j])), true);
        epoch(new MeanAbsoluteError(), t, p, (a, b) -> mean(a, j -> Math.abs(a[j] - b[j])), false);
        epoch(new MeanAbsolutePercentageError(), t, p, (a, b) -> 100 * mean(a, j -> Math.abs(a[j] - b[j]) / Math.max(Math.abs(a[j]), EPS)), false);
        epoch(new LogCoshError(), t, p, (a, b) -> mean(a, j -> Math.log(Math.cosh(b[j] - a[j]))), false);
        epoch(new MeanSquaredLogarithmicError(), t, p, (a, b) -> mean(a, j -> {
            double d = Math.log(Math.max(b[j], EPS) + 1) - Math.log(Math.max(a[j], EPS) + 1);
            return d * d;
        }), false);
        epoch(new CosineSimilarity(), t, p, (a, b) -> {
            double na = 0, nb = 0, dot = 0;
            for (int j = 0; j < a.length; j++) {
                na += a[j] * a[j];
                nb += b[j] * b[j];
                dot += a[j] * b[j];
            }
            return dot / Math.max(Math.sqrt(na), EPS) / Math.max(Math.sqrt(nb), EPS);
        }, false);
        float[][] counts = Batches.uniform(r, Batches.N, 3);
        epoch(new Poisson(), t, counts, (a, b) -> mean(a, j -> b[j] - a[j] * Math.log(b[j] + EPS)), false);
    }

    @Test
    void probabilisticAndHingeEpochs() {
        Random r = new Random(23);
        float[][] labels = Batches.binary(r, Batches.N, 3);
        float[][] probs = Batches.uniform(r, Batches.N, 3);
        epoch(new BinaryCrossentropy(), labels, probs, (a, b) -> mean(a, j -> {
            double q = clip(b[j], EPS, 1 - EPS);
            return -(a[j] * Math.log(q) + (1 - a[j]) * Math.log(1 - q));
        }), false);
        epoch(new Hinge(), labels, probs, (a, b) -> mean(a, j -> Math.max(1 - (2 * a[j] - 1) * b[j], 0)), false);
        epoch(new SquaredHinge(), labels, probs, (a, b) -> mean(a, j -> Math.pow(Math.max(1 - (2 * a[j] - 1) * b[j], 0), 2)), false);

        int[] ids = Batches.ids(r, Batches.N, 3);
        float[][] oneHot = Batches.oneHot(ids, 3);
        float[][] dist = Batches.probabilities(r, Batches.N, 3);
        BiFunction<float[], float[], Double> cce = (a, b) -> {
            double s = 0, sum = 0;
            for (float x : b) sum += x;
            for (int j = 0; j < a.length; j++) s -= a[j] * Math.log(clip(b[j] / sum, EPS, 1 - EPS));
            return s;
        };
        epoch(new CategoricalCrossentropy(), oneHot, dist, cce, false);
        epoch(new CategoricalHinge(), oneHot, dist, (a, b) -> {
            double pos = 0, neg = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < a.length; j++) {
                pos += a[j] * b[j];
                neg = Math.max(neg, (1 - a[j]) * b[j]);
            }
            return Math.max(neg - pos + 1, 0);
        }, false);
        epoch(new KLDivergence(), Batches.probabilities(r, Batches.N, 3), dist, (a, b) -> {
            double s = 0;
            for (int j = 0; j < a.length; j++) {
                double x = clip(a[j], EPS, 1), y = clip(b[j], EPS, 1);
                s += x * Math.log(x / y);
            }
            return s;
        }, false);

        // sparse labels: the same per-sample values as the one-hot cross-entropy
        double[] v = new double[Batches.N];
        for (int i = 0; i < v.length; i++) v[i] = cce.apply(oneHot[i], dist[i]);
        double[] w = Batches.weights(new Random(24), Batches.N);
        var m = new SparseCategoricalCrossentropy();
        Batches.feed(m, Batches.arr(ids), Batches.arr(dist), Batches.arr(w));
        assertThat(m.result()).isCloseTo(Batches.weightedMean(v, w), within(1e-5));
        assertThat(m.direction()).isEqualTo("down");
    }

    @Test
    void fromLogitsAndLabelSmoothingReachTheLoss() {
        INDArray logits = Nd4j.createFromArray(new float[][]{{-18.6f, 0.51f}, {2.94f, -12.8f}});
        INDArray labels = Nd4j.createFromArray(new float[][]{{0, 1}, {0, 0}});
        var m = new BinaryCrossentropy().fromLogits(true);
        m.updateState(labels, logits, null);
        assertThat(m.result()).isCloseTo(new io.jkeras.losses.BinaryCrossentropy().fromLogits(true).call(labels, logits), within(1e-6));
        var s = new CategoricalCrossentropy().labelSmoothing(0.1);
        INDArray y = Nd4j.createFromArray(new float[][]{{0, 1, 0}});
        INDArray q = Nd4j.createFromArray(new float[][]{{0.2f, 0.7f, 0.1f}});
        s.updateState(y, q, null);
        assertThat(s.result()).isCloseTo(new io.jkeras.losses.CategoricalCrossentropy().labelSmoothing(0.1).call(y, q), within(1e-6));
    }
}
