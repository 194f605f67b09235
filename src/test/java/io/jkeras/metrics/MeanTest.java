package io.jkeras.metrics;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Keras's Mean: total / count over every batch, with Keras's rules for weights of other ranks. */
class MeanTest {
    @Test
    void kerasDocstring() {
        Mean m = new Mean();
        m.updateState(Nd4j.createFromArray(1f, 3f, 5f, 7f));
        assertThat(m.result()).isEqualTo(4.0);
        m.resetState();
        assertThat(m.result()).isZero();
        m.updateState(Nd4j.createFromArray(1f, 3f, 5f, 7f), Nd4j.createFromArray(1f, 1f, 0f, 0f));
        assertThat(m.result()).isEqualTo(2.0);
        assertThat(m.total()).isEqualTo(4.0);
        assertThat(m.count()).isEqualTo(2.0);
        assertThat(m.name()).isEqualTo("mean");
    }

    @Test
    void accumulatesOverBatchesOfDifferentSizesWithAndWithoutWeights() {
        Random r = new Random(1);
        double[] v = new double[Batches.N];
        for (int i = 0; i < v.length; i++) v[i] = (float) (10 * r.nextGaussian());
        double[] w = Batches.weights(r, Batches.N);
        for (boolean weighted : new boolean[]{false, true}) {
            Mean m = new Mean();
            int from = 0;
            for (int size : Batches.SIZES) {
                var values = Batches.rows(Batches.arr(v), from, from + size);
                if (weighted) m.updateState(values, Batches.rows(Batches.arr(w), from, from + size));
                else m.updateState(values);
                from += size;
            }
            double want = Batches.weightedMean(v, weighted ? w : null);
            assertThat(m.result()).as("weighted=" + weighted).isCloseTo(want, within(1e-5 * Math.abs(want) + 1e-6));
            assertThat(Math.abs(m.result() - Batches.meanOfBatchMeans(v, Batches.SIZES))).isGreaterThan(1e-3);
        }
    }

    @Test
    void perSampleRowsAreAveragedFirstAndWeightsOfTheSameRankToo() {
        // values (2, 2): one value per sample is the row mean; weights (2, 2) are averaged per row as well
        Mean m = new Mean();
        m.updateState(Nd4j.createFromArray(new float[][]{{1, 3}, {5, 7}}));
        assertThat(m.result()).isEqualTo(4.0);
        assertThat(m.count()).isEqualTo(2.0);
        m.resetState();
        m.updateState(Nd4j.createFromArray(new float[][]{{1, 3}, {5, 7}}), Nd4j.createFromArray(new float[][]{{1, 0}, {1, 1}}));
        // total = mean([1*1, 3*0]) + mean([5, 7]) = 0.5 + 6; count = mean([1, 0]) + mean([1, 1]) = 1.5
        assertThat(m.total()).isEqualTo(6.5);
        assertThat(m.count()).isEqualTo(1.5);
        m.resetState();
        // weights (N,) against values (N, 2): rows averaged, then weighted
        m.updateState(Nd4j.createFromArray(new float[][]{{1, 3}, {5, 7}}), Nd4j.createFromArray(3f, 1f));
        assertThat(m.result()).isEqualTo((2 * 3 + 6 * 1) / 4.0);
        m.resetState();
        // a scalar weight: Keras averages the values down to the weight's rank 0 first, so the whole
        // batch becomes one value weighing 0.5 (not two samples weighing 0.5 each)
        m.updateState(Nd4j.createFromArray(2f, 4f), Nd4j.scalar(0.5f));
        assertThat(m.count()).isEqualTo(0.5);
        assertThat(m.result()).isEqualTo(3.0);
    }

    @Test
    void aScalarValueWithPerSampleWeightsIsSpreadOverThem() {
        // Keras raises here (it broadcasts weights to values only); jkeras weighs the value by each weight
        Mean m = new Mean();
        m.updateState(Nd4j.scalar(2f), Nd4j.createFromArray(1f, 3f));
        assertThat(m.total()).isEqualTo(8.0);
        assertThat(m.count()).isEqualTo(4.0);
    }

    @Test
    void scalarValuesWithWeightsTrackALossPerSample() {
        Mean loss = new Mean("loss");
        loss.updateState(0.5, 32);
        loss.updateState(1.0, 8);
        assertThat(loss.result()).isCloseTo((0.5 * 32 + 8) / 40, within(1e-12));
        loss.updateState(Nd4j.scalar(2f)); // a rank-0 value counts as one sample
        assertThat(loss.count()).isEqualTo(41);
    }

    @Test
    void emptyBatchesAddNothingAndYTrueYPredIsRefused() {
        Mean m = new Mean();
        m.updateState(Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, 0));
        assertThat(m.count()).isZero();
        assertThatThrownBy(() -> m.updateState(Nd4j.ones(2), Nd4j.ones(2), null))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("updateState(values)");
        assertThatThrownBy(() -> m.updateState(Nd4j.ones(2, 3), Nd4j.ones(4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be broadcast");
    }
}
