package io.jkeras.losses;

import io.jkeras.testing.Float64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static io.jkeras.losses.CategoricalCrossentropyTest.*;
import static io.jkeras.losses.LossTesting.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

/**
 * SparseCategoricalCrossentropy: Keras's numbers, parity with one-hot categorical cross-entropy, label
 * shapes (N,), (N, 1), (N, T), the fused softmax path, label-range errors and ignore_class.
 */
@ExtendWith(Float64.class)
class SparseCategoricalCrossentropyTest {
    static final INDArray LABELS = Nd4j.createFromArray(IDS);

    @Test
    void kerasDocumentedExamples() {
        INDArray labels = Nd4j.createFromArray(1, 2), p = d(new double[][]{{0.05, 0.95, 0}, {0.1, 0.8, 0.1}});
        assertClose(new SparseCategoricalCrossentropy().call(labels, p), 1.177, 1e-3);
        assertClose(new SparseCategoricalCrossentropy().call(labels, p, d(0.3, 0.7)), 0.814, 1e-3);
        assertClose(new SparseCategoricalCrossentropy().reduction("sum").call(labels, p), 2.354, 1e-3);
        assertThat(new SparseCategoricalCrossentropy().reduction(null).compute(labels, p).values().toDoubleVector())
                .containsExactly(new double[]{0.0513, 2.303}, offset(1e-3));
    }

    @Test
    void equalsCategoricalCrossentropyOnOneHotLabels() {
        double[][] probs = softmax(LOGITS);
        INDArray oneHot = d(oneHot(IDS, 4));
        for (boolean logits : new boolean[]{false, true}) {
            INDArray x = logits ? d(LOGITS) : d(probs).mul(1.3);
            LossResult dense = new CategoricalCrossentropy().fromLogits(logits).compute(oneHot, x, d(W));
            for (INDArray labels : new INDArray[]{LABELS, LABELS.reshape(3, 1), LABELS.castTo(DataType.LONG), LABELS.castTo(DataType.DOUBLE)}) {
                LossResult sparse = new SparseCategoricalCrossentropy().fromLogits(logits).compute(labels, x, d(W));
                assertClose(sparse.value(), dense.value(), 1e-12);
                assertThat(sparse.gradient().sub(dense.gradient()).amaxNumber().doubleValue()).isLessThan(1e-12);
            }
            assertClose(new SparseCategoricalCrossentropy().fromLogits(logits).call(LABELS, x, d(W)),
                    sumOverBatchSize(logits ? ceLogits(oneHot(IDS, 4), LOGITS, 0) : ceProbabilities(oneHot(IDS, 4), x.toDoubleMatrix(), 0), W), 1e-12);
            checkGradient(new SparseCategoricalCrossentropy().fromLogits(logits), LABELS, x, d(W));
        }
    }

    @Test
    void sequencesOfLabels() {
        // labels (N=2, T=3), logits (2, 3, 4); per-sample losses are (2, 3) and sample weights (2,) weigh each row's steps.
        INDArray labels = Nd4j.createFromArray(new int[][]{{3, 1, 0}, {2, 2, 1}});
        double[][][] x = {LOGITS, {{0.1, 0.2, -0.3, 0.4}, {1.5, -1.0, 0.2, 0.0}, {-0.4, 0.9, 0.3, -0.2}}};
        INDArray logits = Nd4j.createFromArray(x);
        double sum = 0;
        double[] w = {0.5, 2.0};
        for (int n = 0; n < 2; n++) {
            double[] ce = ceLogits(oneHot(labels.getRow(n).toIntVector(), 4), x[n], 0);
            for (double v : ce) sum += v * w[n];
        }
        SparseCategoricalCrossentropy scce = new SparseCategoricalCrossentropy().fromLogits(true);
        assertClose(scce.call(labels, logits, d(w)), sum / 6, 1e-12);
        assertClose(scce.call(labels.reshape(2, 3, 1), logits, d(w)), sum / 6, 1e-12);
        checkGradient(scce, labels, logits, d(w));
        checkGradient(new SparseCategoricalCrossentropy(), labels, Nd4j.createFromArray(x).mul(0.1).addi(0.5), null);
    }

    @Test
    void fusedSoftmaxPath() {
        double[][] sm = softmax(LOGITS);
        SparseCategoricalCrossentropy scce = new SparseCategoricalCrossentropy();
        LossResult fused = scce.computeFromSoftmaxLogits(LABELS, d(LOGITS), d(W));
        double[][] t = oneHot(IDS, 4);
        for (int i = 0; i < 3; i++) {
            double[] expected = new double[4];
            for (int j = 0; j < 4; j++) expected[j] = (sm[i][j] - t[i][j]) * W[i] / 3;
            assertThat(fused.gradient().toDoubleMatrix()[i]).containsExactly(expected, offset(1e-12));
        }
        LossResult chained = scce.compute(LABELS, d(sm), d(W));
        assertClose(fused.value(), chained.value(), 1e-12);
        assertThat(softmaxBackward(d(sm), chained.gradient()).sub(fused.gradient()).amaxNumber().doubleValue()).isLessThan(1e-12);
    }

    @Test
    void unweightedFusedPathMatchesTheFormulaAndTheGeneralPath() {
        // No sample weight: the training step's fast path (one dot product for the value).
        double[][] sm = softmax(LOGITS);
        double[][] t = oneHot(IDS, 4);
        double expectedValue = 0;
        for (int i = 0; i < 3; i++) expectedValue -= Math.log(sm[i][IDS[i]]) / 3;
        for (INDArray labels : new INDArray[]{LABELS, LABELS.reshape(3, 1), LABELS.castTo(DataType.FLOAT), LABELS.castTo(DataType.LONG)}) {
            LossResult fast = new SparseCategoricalCrossentropy().computeFromSoftmaxLogits(labels, d(LOGITS), null);
            assertClose(fast.value(), expectedValue, 1e-12);
            for (int i = 0; i < 3; i++) {
                double[] expected = new double[4];
                for (int j = 0; j < 4; j++) expected[j] = (sm[i][j] - t[i][j]) / 3;
                assertThat(fast.gradient().toDoubleMatrix()[i]).containsExactly(expected, offset(1e-12));
            }
            LossResult general = new SparseCategoricalCrossentropy().computeFromSoftmaxLogits(labels, d(LOGITS), d(1, 1, 1));
            assertThat(fast.values().sub(general.values()).amaxNumber().doubleValue()).isLessThan(1e-12);
        }
        INDArray f32 = d(LOGITS).castTo(DataType.FLOAT);
        LossResult single = new SparseCategoricalCrossentropy().computeFromSoftmaxLogits(LABELS, f32, null);
        assertThat(single.gradient().dataType()).isEqualTo(DataType.FLOAT);
        assertClose(single.value(), expectedValue, 1e-6);
        assertThatThrownBy(() -> new SparseCategoricalCrossentropy().computeFromSoftmaxLogits(Nd4j.createFromArray(0, 4, 1), f32, null))
                .hasMessage("Received a label value of 4 which is outside the valid range of [0, 4) (row 1)");
    }

    @Test
    void labelOutOfRangeNamesValueAndRow() {
        int[] ids = new int[40];
        for (int i = 0; i < ids.length; i++) ids[i] = i % 10;
        ids[37] = 12;
        ids[39] = 15;
        INDArray p = Nd4j.rand(DataType.FLOAT, 40, 10);
        assertThatThrownBy(() -> new SparseCategoricalCrossentropy().compute(Nd4j.createFromArray(ids), p))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Received a label value of 12 which is outside the valid range of [0, 10) (row 37)");
        ids[37] = 3;
        ids[5] = -3;
        assertThatThrownBy(() -> new SparseCategoricalCrossentropy().fromLogits(true).compute(Nd4j.createFromArray(ids).castTo(DataType.FLOAT), p))
                .hasMessage("Received a label value of -3 which is outside the valid range of [0, 10) (row 5)");
        assertThatThrownBy(() -> new SparseCategoricalCrossentropy().computeFromSoftmaxLogits(
                Nd4j.createFromArray(new int[][]{{0, 1, 2}, {3, 1, 4}}), Nd4j.rand(DataType.FLOAT, 2, 3, 4), null))
                .hasMessage("Received a label value of 4 which is outside the valid range of [0, 4) (row 1, position 2)");
    }

    @Test
    void ignoreClassMasksEntriesAndAveragesOverTheRest() {
        INDArray labels = Nd4j.createFromArray(0, -1, 2, -1, 1);
        INDArray x = Nd4j.createFromArray(new double[][]{{0.2, 1.0, -0.5}, {9, 9, 9}, {0.3, -0.1, 0.8}, {1, 2, 3}, {-1.0, 0.5, 0.0}});
        INDArray keptLabels = Nd4j.createFromArray(0, 2, 1);
        INDArray keptX = Nd4j.createFromArray(new double[][]{{0.2, 1.0, -0.5}, {0.3, -0.1, 0.8}, {-1.0, 0.5, 0.0}});
        for (boolean logits : new boolean[]{true, false}) {
            INDArray in = logits ? x : Nd4j.createFromArray(softmax(x.toDoubleMatrix()));
            INDArray kept = logits ? keptX : Nd4j.createFromArray(softmax(keptX.toDoubleMatrix()));
            SparseCategoricalCrossentropy scce = new SparseCategoricalCrossentropy().fromLogits(logits).ignoreClass(-1);
            LossResult r = scce.compute(labels, in);
            LossResult expected = new SparseCategoricalCrossentropy().fromLogits(logits).compute(keptLabels, kept);
            // sum_over_batch_size divides by the 3 valid entries, not 5.
            assertClose(r.value(), expected.value(), 1e-12);
            assertThat(r.gradient().getRow(1).amaxNumber().doubleValue()).isZero();
            assertThat(r.gradient().getRow(3).amaxNumber().doubleValue()).isZero();
            assertThat(r.gradient().getRow(2).sub(expected.gradient().getRow(1)).amaxNumber().doubleValue()).isLessThan(1e-12);
            assertThat(r.values().getDouble(1)).isZero();
            checkGradient(scce, labels, in, d(1, 2, 3, 4, 5));
            assertClose(new SparseCategoricalCrossentropy().fromLogits(logits).ignoreClass(-1).reduction("sum").call(labels, in),
                    new SparseCategoricalCrossentropy().fromLogits(logits).reduction("sum").call(keptLabels, kept), 1e-12);
        }
        // The fused path masks the same way; 255 marks "void" pixels in (N, H) label maps.
        INDArray maps = Nd4j.createFromArray(new int[][]{{0, 255, 2}, {255, 1, 1}});
        INDArray logits = Nd4j.rand(DataType.DOUBLE, 2, 3, 3);
        SparseCategoricalCrossentropy scce = new SparseCategoricalCrossentropy().ignoreClass(255);
        LossResult fused = scce.computeFromSoftmaxLogits(maps, logits, null);
        assertClose(fused.value(), new SparseCategoricalCrossentropy().fromLogits(true).ignoreClass(255).call(maps, logits), 1e-12);
        assertThat(fused.gradient().get(org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.point(1)).amaxNumber().doubleValue()).isZero();
        // Every entry ignored: the loss is 0, not NaN.
        assertThat(new SparseCategoricalCrossentropy().ignoreClass(-1).call(Nd4j.createFromArray(-1, -1), d(new double[][]{{0.5, 0.5}, {0.1, 0.9}}))).isZero();
    }

    @Test
    void badLabelShapesNameBothShapes() {
        assertThatThrownBy(() -> new SparseCategoricalCrossentropy().compute(Nd4j.createFromArray(1, 2, 3), Nd4j.zeros(4, 10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("y_pred.shape=(4, 10)").hasMessageContaining("y_true.shape=(3,)")
                .hasMessageContaining("(4,) or (4, 1)");
        assertThatThrownBy(() -> new SparseCategoricalCrossentropy().compute(Nd4j.zeros(4, 10), Nd4j.zeros(4, 10)))
                .hasMessageContaining("y_true.shape=(4, 10)").hasMessageContaining("CategoricalCrossentropy");
    }

    @Test
    void float32PredictionsGiveFloat32Gradients() {
        LossResult r = new SparseCategoricalCrossentropy().fromLogits(true).compute(LABELS, f(LOGITS));
        assertThat(r.gradient().dataType()).isEqualTo(DataType.FLOAT);
        assertClose(r.value(), sumOverBatchSize(ceLogits(oneHot(IDS, 4), LOGITS, 0), null), 1e-6);
    }
}
