package io.jkeras.utils;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SamplingTest {
    @Test
    void reweightIsKerasFormula() {
        double[] p = {0.1, 0.2, 0.3, 0.4};
        for (double t : new double[]{0.2, 0.5, 1.0, 1.7}) {
            // Keras's example, written out: exp(log(p) / t) / sum(exp(log(p) / t)) = p^(1/t) / sum(p^(1/t)).
            double sum = 0;
            for (double v : p) sum += Math.pow(v, 1 / t);
            INDArray r = Sampling.reweight(Nd4j.createFromArray(p).castTo(DataType.FLOAT), t);
            for (int i = 0; i < p.length; i++) assertThat(r.getDouble(i)).isCloseTo(Math.pow(p[i], 1 / t) / sum, within(1e-6));
        }
    }

    @Test
    void drawsFollowTheReweightedDistribution() {
        INDArray p = Nd4j.createFromArray(0.0, 0.25, 0.75);
        Random random = new Random(1);
        int[] counts = new int[3];
        int n = 20000;
        for (int i = 0; i < n; i++) counts[Sampling.sample(p, 1.0, random)]++;
        assertThat(counts[0]).isZero(); // probability 0 is never drawn
        assertThat(counts[2] / (double) n).isCloseTo(0.75, within(0.02));
        // A low temperature all but always picks the most likely token; p^(1/0.1) gives 0.75^10 / (0.25^10 + 0.75^10).
        int top = 0;
        for (int i = 0; i < 2000; i++) if (Sampling.sample(p, 0.1, random) == 2) top++;
        assertThat(top).isGreaterThan(1990);
        assertThatThrownBy(() -> Sampling.sample(p, 0, random)).hasMessageContaining("temperature must be positive");
    }
}
