package io.jkeras.training;

import io.jkeras.Keras;
import io.jkeras.callbacks.History;
import io.jkeras.layers.Dense;
import io.jkeras.layers.Embedding;
import io.jkeras.layers.GlobalAveragePooling1D;
import io.jkeras.layers.TimeDistributed;
import io.jkeras.losses.MeanSquaredError;
import io.jkeras.losses.SparseCategoricalCrossentropy;
import io.jkeras.metrics.Precision;
import io.jkeras.metrics.SparseCategoricalAccuracy;
import io.jkeras.models.Sequential;
import io.jkeras.optimizers.Adam;
import io.jkeras.optimizers.SGD;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The mask of a model's output applies to its loss and metrics as in Keras 3: {@code apply_mask} scales the mask by
 * {@code numel / valid} and merges it into the sample weights, so {@code "sum_over_batch_size"} becomes
 * {@code sum(w m l) / sum(m)}; a {@code MeanMetricWrapper} metric weighs each entry by {@code w m}, giving
 * {@code sum(w m v) / sum(w m)}. The expected numbers are computed here, in plain Java, from the model's
 * (unmasked) predictions.
 */
class MaskedTrainingTest {
    private static final int N = 6, T = 5, V = 9, C = 4;

    @BeforeEach
    void seed() {
        Keras.clearSession();
        Keras.setRandomSeed(11);
    }

    /** Token ids with trailing padding (0), every row with at least one token; labels per step. */
    private static INDArray[] data() {
        Random r = new Random(3);
        int[][] ids = new int[N][T];
        int[][] labels = new int[N][T];
        for (int i = 0; i < N; i++) {
            int len = 1 + r.nextInt(T);
            for (int t = 0; t < T; t++) {
                ids[i][t] = t < len ? 1 + r.nextInt(V - 1) : 0;
                labels[i][t] = r.nextInt(C);
            }
        }
        return new INDArray[]{Nd4j.createFromArray(ids), Nd4j.createFromArray(labels)};
    }

    /** {sum(w m ce) / sum(m), sum(w m correct) / sum(w m)}: Keras 3's masked loss and accuracy. */
    private static double[] expected(INDArray probs, INDArray ids, INDArray labels, double[] w) {
        double loss = 0, valid = 0, hits = 0, weight = 0;
        for (int i = 0; i < N; i++) {
            for (int t = 0; t < T; t++) {
                if (ids.getInt(i, t) == 0) continue;
                double wi = w == null ? 1 : w[i];
                int y = labels.getInt(i, t);
                double p = Math.min(Math.max(probs.getDouble(i, t, y), 1e-7), 1 - 1e-7);
                loss += wi * -Math.log(p);
                valid += 1;
                int best = 0;
                for (int c = 1; c < C; c++) if (probs.getDouble(i, t, c) > probs.getDouble(i, t, best)) best = c;
                hits += wi * (best == y ? 1 : 0);
                weight += wi;
            }
        }
        return new double[]{loss / valid, hits / weight};
    }

    private static Sequential tagger(boolean timeDistributed) {
        Dense head = new Dense(C).activation("softmax");
        return new Sequential(new Embedding(V, 6).maskZero(true).inputShape(T), timeDistributed ? new TimeDistributed(head) : head);
    }

    @Test
    void fitAndEvaluateApplyTheOutputMaskToLossAndMetrics() {
        INDArray[] d = data();
        double[] sw = {1, 2, 0.5, 1, 3, 0.25};
        INDArray w = Nd4j.createFromArray(sw).castTo(DataType.FLOAT);
        // A TimeDistributed(Dense(softmax)) head trains through the fused logits path; a rank-3 Dense through the softmax.
        for (boolean fused : new boolean[]{true, false}) {
            Keras.setRandomSeed(5);
            Sequential m = tagger(fused);
            m.compile(new SGD(0.0), "sparse_categorical_crossentropy", "accuracy");
            INDArray probs = m.predict(d[0]);
            double[] plain = expected(probs, d[0], d[1], null);
            double[] weighted = expected(probs, d[0], d[1], sw);
            // learning rate 0: one batch of all samples, so the epoch's numbers are the batch's
            History h = m.fit(List.of(d[0]), List.of(d[1]), FitOptions.epochs(1).batchSize(N).verbose(0).sampleWeight(w)
                    .validationData(List.of(d[0]), List.of(d[1]), null));
            Map<String, List<Double>> hh = h.history();
            assertThat(hh.get("loss").get(0)).as("training loss, fused=%s", fused).isCloseTo(weighted[0], within(1e-5));
            assertThat(hh.get("accuracy").get(0)).as("training accuracy, fused=%s", fused).isCloseTo(weighted[1], within(1e-6));
            assertThat(hh.get("val_loss").get(0)).isCloseTo(plain[0], within(1e-5));
            assertThat(hh.get("val_accuracy").get(0)).isCloseTo(plain[1], within(1e-6));
            Map<String, Double> r = m.evaluate(d[0], d[1]);
            assertThat(r.get("loss")).isCloseTo(plain[0], within(1e-5));
            assertThat(r.get("accuracy")).isCloseTo(plain[1], within(1e-6));
            // without the mask the numbers differ (the padding steps would count)
            double unmasked = new SparseCategoricalCrossentropy().call(d[1], probs);
            assertThat(Math.abs(unmasked - plain[0])).isGreaterThan(1e-3);
        }
    }

    @Test
    void fusedAndUnfusedMaskedGradientsAgree() {
        INDArray[] d = data();
        Keras.setRandomSeed(9);
        Sequential a = tagger(true);
        Keras.setRandomSeed(9);
        Sequential b = tagger(false);
        b.setWeights(a.getWeights());
        // a's softmax is fused with the loss (its logits are on the tape), b's is not
        assertThat(io.jkeras.graph.Executor.record(a.topology(), List.of(d[0]), true).softmaxLogits(0)).isNotNull();
        assertThat(io.jkeras.graph.Executor.record(b.topology(), List.of(d[0]), true).softmaxLogits(0)).isNull();
        a.compile(new SGD(0.5), "sparse_categorical_crossentropy");
        b.compile(new SGD(0.5), "sparse_categorical_crossentropy");
        a.fit(d[0], d[1], FitOptions.epochs(1).batchSize(N).verbose(0).shuffle(false));
        b.fit(d[0], d[1], FitOptions.epochs(1).batchSize(N).verbose(0).shuffle(false));
        for (int i = 0; i < a.getWeights().size(); i++) {
            assertThat(a.getWeights().get(i).equalsWithEps(b.getWeights().get(i), 1e-5)).as("weight %d", i).isTrue();
        }
        // the embedding of the padding id 0 gets no gradient: every step it appears at is masked
        INDArray before = a.getWeights().get(0).getRow(0).dup();
        a.fit(d[0], d[1], FitOptions.epochs(1).batchSize(N).verbose(0));
        assertThat(a.getWeights().get(0).getRow(0)).isEqualTo(before);
    }

    @Test
    void lossAndGradientWithAMaskMatchKerasFormula() {
        INDArray yTrue = Nd4j.rand(DataType.DOUBLE, 3, 4, 2);
        INDArray yPred = Nd4j.rand(DataType.DOUBLE, 3, 4, 2);
        INDArray mask = Nd4j.createFromArray(new boolean[][]{{true, true, false, false}, {true, false, false, false}, {true, true, true, true}});
        INDArray sw = Nd4j.createFromArray(2.0, 1.0, 0.5);
        MeanSquaredError mse = new MeanSquaredError();
        var r = mse.compute(yTrue, yPred, sw, mask);
        double num = 0, valid = 0;
        for (int i = 0; i < 3; i++) {
            for (int t = 0; t < 4; t++) {
                if (mask.getDouble(i, t) == 0) continue;
                double se = 0;
                for (int k = 0; k < 2; k++) se += Math.pow(yPred.getDouble(i, t, k) - yTrue.getDouble(i, t, k), 2);
                num += sw.getDouble(i) * se / 2;
                valid++;
            }
        }
        assertThat(r.value()).isCloseTo(num / valid, within(1e-12));
        // central differences of the masked loss
        for (int i = 0; i < 3; i++) {
            for (int t = 0; t < 4; t++) {
                for (int k = 0; k < 2; k++) {
                    double orig = yPred.getDouble(i, t, k), eps = 1e-6;
                    yPred.putScalar(new long[]{i, t, k}, orig + eps);
                    double plus = mse.call(yTrue, yPred, sw, mask);
                    yPred.putScalar(new long[]{i, t, k}, orig - eps);
                    double minus = mse.call(yTrue, yPred, sw, mask);
                    yPred.putScalar(new long[]{i, t, k}, orig);
                    assertThat(r.gradient().getDouble(i, t, k)).isCloseTo((plus - minus) / (2 * eps), within(1e-8));
                }
            }
        }
        // ignore_class and the mask combine (AND), dividing by the entries both keep
        INDArray labels = Nd4j.createFromArray(new int[][]{{1, -1, 0, 1}, {0, 1, 1, 0}, {-1, -1, 0, 1}});
        INDArray probs = Nd4j.rand(DataType.DOUBLE, 3, 4, 2);
        probs.divi(probs.sum(true, 2));
        double ce = 0, kept = 0;
        for (int i = 0; i < 3; i++) {
            for (int t = 0; t < 4; t++) {
                if (mask.getDouble(i, t) == 0 || labels.getInt(i, t) == -1) continue;
                ce -= Math.log(probs.getDouble(i, t, labels.getInt(i, t)));
                kept++;
            }
        }
        assertThat(new SparseCategoricalCrossentropy().ignoreClass(-1).call(labels, probs, null, mask)).isCloseTo(ce / kept, within(1e-9));
    }

    @Test
    void meanMetricWrappersReadTheMaskAndOtherMetricsDoNot() {
        INDArray labels = Nd4j.createFromArray(new int[][]{{1, 0, 1}, {0, 1, 1}});
        INDArray probs = Nd4j.createFromArray(new float[][][]{{{0.2f, 0.8f}, {0.9f, 0.1f}, {0.7f, 0.3f}}, {{0.4f, 0.6f}, {0.3f, 0.7f}, {0.6f, 0.4f}}});
        INDArray mask = Nd4j.createFromArray(new boolean[][]{{true, true, false}, {true, true, false}});
        // correct: (0,0) yes, (0,1) yes, (0,2) no [masked], (1,0) no, (1,1) yes, (1,2) no [masked]
        SparseCategoricalAccuracy acc = new SparseCategoricalAccuracy();
        acc.updateState(labels, probs, null, mask);
        assertThat(acc.result()).isCloseTo(3.0 / 4.0, within(1e-7));
        acc.resetState();
        acc.updateState(labels, probs, Nd4j.createFromArray(1f, 3f), mask);
        assertThat(acc.result()).isCloseTo((1 + 1 + 3 * 1) / (1 + 1 + 3 + 3.0), within(1e-7));
        // Precision is not a MeanMetricWrapper in Keras 3: it ignores the mask
        INDArray yt = Nd4j.createFromArray(new float[][]{{1}, {0}, {1}});
        INDArray yp = Nd4j.createFromArray(new float[][]{{0.9f}, {0.8f}, {0.2f}});
        Precision p = new Precision(), q = new Precision();
        p.updateState(yt, yp, null, Nd4j.createFromArray(true, false, true));
        q.updateState(yt, yp, null);
        assertThat(p.result()).isEqualTo(q.result());
    }

    /** Sequences of 3..20 tokens padded with 0: positive when most tokens come from the first half of the vocabulary. */
    private static INDArray[] majority(int n, long seed) {
        Random r = new Random(seed);
        int len = 20, vocab = 30;
        int[][] ids = new int[n][len];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            int l = 3 + r.nextInt(len - 2);
            int low = 0;
            for (int t = 0; t < l; t++) {
                ids[i][t] = 1 + r.nextInt(vocab - 1);
                if (ids[i][t] < vocab / 2) low++;
            }
            if (2 * low == l) ids[i][0] = ids[i][0] < vocab / 2 ? vocab - 1 : 1; // no ties
            low = 0;
            for (int t = 0; t < l; t++) if (ids[i][t] < vocab / 2) low++;
            y[i] = 2 * low > l ? 1 : 0;
        }
        return new INDArray[]{Nd4j.createFromArray(ids), Nd4j.createFromArray(y).reshape(n, 1)};
    }

    @Test
    void anEmbeddingBagModelLearnsWithMaskZeroPadding() {
        INDArray[] train = majority(2000, 1), test = majority(500, 2);
        Sequential m = new Sequential(new Embedding(30, 8).maskZero(true).inputShape(20), new GlobalAveragePooling1D(),
                new Dense(1).activation("sigmoid"));
        m.compile(new Adam(0.01), "binary_crossentropy", "accuracy");
        m.fit(train[0], train[1], FitOptions.epochs(15).batchSize(32).verbose(0));
        Map<String, Double> r = m.evaluate(test[0], test[1]);
        assertThat(r.get("accuracy")).isGreaterThanOrEqualTo(0.9);
    }
}
